/**
 * `counting-rules audit` on the examples: Markdown, JSON and the HTML page,
 * and the figures an inspector would count by hand on these ten incidents.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditFiles, renderAuditHtml, type Audit } from '../../server/src/cli/audit';
import { EXAMPLES, ROOT, runCli, tempDir } from './helpers';

describe('cli: audit', function () {
  this.timeout(60_000);
  let audit: Audit;
  before(() => {
    const r = runCli(['audit', 'examples', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    audit = JSON.parse(r.stdout) as Audit;
  });

  it('counts what the examples hold: 10 incidents, 4 rape reports, 1 cancellation that lacks three things', () => {
    assert.equal(audit.kind, 'counting-rules-audit');
    assert.equal(audit.scope.files, 3);
    assert.equal(audit.scope.incidents, 10);
    assert.equal(audit.scope.receivedFrom, '2018-03-14');
    assert.equal(audit.scope.receivedTo, '2018-06-02');
    assert.equal(audit.scope.compliant.count, 2, 'the two incidents annotated `none`');
    // Rape: one converted N100 (a crime), one N100 that should be a crime, two with no record at all.
    assert.deepEqual([audit.rape.reports, audit.rape.withCrime, audit.rape.withN100, audit.rape.withNeither], [4, 1, 1, 2]);
    assert.equal(audit.rape.missingN100, 2);
    assert.equal(audit.rape.n100ShouldBeCrime, 1);
    assert.deepEqual([audit.cancellations.total, audit.cancellations.withProblems], [1, 1]);
    assert.deepEqual(audit.cancellations.byClass.map((c) => c.class), ['C4']);
    assert.deepEqual(audit.cancellations.byProblem.map((p) => p.rule).sort(), ['cancellation-misuse', 'invalid-no-crime-reason', 'victim-not-informed']);
    // Five crimes are recorded; the one recorded after 30 hours is late.
    assert.deepEqual([audit.timeliness.crimes, audit.timeliness.within, audit.timeliness.late], [5, 4, 1]);
  });

  it('gives each family disclosed = recorded + not recorded, with a Wilson interval around the rate', () => {
    const fams = audit.recording.families;
    assert.ok(fams.length >= 4);
    for (const f of [...fams, audit.recording.total]) {
      assert.equal(f.disclosed, f.recorded + f.notRecorded);
      assert.equal(f.recording.count, f.recorded);
      assert.equal(f.recording.of, f.disclosed);
      assert.ok(f.recording.low! <= f.recording.rate! && f.recording.rate! <= f.recording.high!);
    }
    const rape = fams.find((f) => f.family === 'rape')!;
    assert.deepEqual([rape.recorded, rape.notRecorded], [1, 3]);
    assert.equal(audit.recording.total.disclosed, fams.reduce((s, f) => s + f.disclosed, 0));
    assert.equal(audit.method.interval, 'Wilson score interval');
  });

  it('lists the worst examples first, with file and line of their Incident line', () => {
    assert.ok(audit.worst.length >= 5);
    for (let i = 1; i < audit.worst.length; i++) assert.ok(audit.worst[i - 1].score >= audit.worst[i].score);
    for (const w of audit.worst) {
      const lines = fs.readFileSync(path.join(ROOT, w.file), 'utf8').split('\n');
      assert.equal(lines[w.line - 1], `Incident ${w.incident}`);
      for (const f of w.findings) assert.ok(f.line >= w.line);
    }
    assert.equal(audit.worst[0].incident, 'WM-2018-0416-0712');
  });

  it('prints Markdown by default, with tables and links to file and line', () => {
    const r = runCli(['audit', 'examples']);
    assert.equal(r.status, 0);
    const md = r.stdout;
    assert.match(md, /^# Crime recording audit\n/);
    for (const h of ['Recording by offence family', 'Timeliness', 'Reports of rape', 'Cancellations', 'Findings by rule', 'Worst examples', 'Method']) assert.match(md, new RegExp(`^## ${h}$`, 'm'));
    assert.match(md, /\| Rape or attempted rape \| 4 \| 1 \| 3 \| 25\.0% \(4\.6%–69\.9%\) \|/);
    assert.match(md, /\[examples\/recording-decisions\.ilog:64\]\(examples\/recording-decisions\.ilog#L64\)/);
    assert.match(md, /Wilson/);
  });

  it('writes a self-contained HTML page with inline SVG charts: no URL, no script, nothing fetched', () => {
    const tmp = tempDir();
    try {
      const out = path.join(tmp.dir, 'reports', 'audit.html');
      fs.mkdirSync(path.dirname(out));
      const r = runCli(['audit', 'examples', '--format', 'html', '-o', out, '--title', 'West Midlands <sample> & co']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      const html = fs.readFileSync(out, 'utf8');
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en-GB">/);
      assert.match(html, /<title>West Midlands &lt;sample&gt; &amp; co<\/title>/);
      assert.ok((html.match(/<svg /g) ?? []).length >= 4, 'charts');
      assert.doesNotMatch(html, /https?:\/\//i);
      assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(/i);
      // Links to the logs are relative to where the report was saved.
      const rel = path.relative(path.dirname(out), path.join(EXAMPLES, 'recording-decisions.ilog')).split(path.sep).join('/');
      assert.ok(html.includes(`href="${rel}#L64" data-file="examples/recording-decisions.ilog" data-line="64"`), 'link to the worst example');
    } finally {
      tmp.cleanup();
    }
  });

  it('as a library: auditFiles gives the same report in process, and renderAuditHtml takes the links to use', async () => {
    const inProcess = await auditFiles(['examples'], { cwd: ROOT });
    assert.deepEqual(inProcess, audit);
    const html = renderAuditHtml(inProcess, { link: (file, line) => `command:open?${encodeURIComponent(JSON.stringify([file, line]))}` });
    assert.ok(html.includes(`href="command:open?${encodeURIComponent(JSON.stringify(['examples/sexual-offences.ilog', 6])).replace(/&/g, '&amp;')}"`));
  });

  it('lists inputs it could not read, and exits 2', () => {
    const r = runCli(['audit', 'examples', 'no-such-folder', '--format', 'json']);
    assert.equal(r.status, 2);
    const a = JSON.parse(r.stdout) as Audit;
    assert.equal(a.scope.incidents, 10);
    assert.deepEqual(a.problems, [{ path: 'no-such-folder', message: 'no such file or folder: no-such-folder' }]);
    assert.match(r.stderr, /no-such-folder/);
  });
});
