/**
 * `counting-rules check`, run as a child process exactly as a user or a CI
 * pipeline runs it: the output formats, the exit codes, and what happens
 * with inputs that cannot be checked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { annotations, BIN, EXAMPLES, ROOT, runCli, tempDir, type JsonOutput } from './helpers';

const CLEAN = `Incident T-1
Received: 02/06/2018 20:51
Opening: DOMESTIC
Reporter: victim
Victim: V1 female, 24
Suspect: S1 boyfriend, male, 26

20:51 CH5120: V1 says her boyfriend S1 pushed her against the fridge and spat at her.
21:20 PC1740: Seen V1. No injuries. S1 arrested.
22:05 CRT02: Crime recorded.

Crime: 105A Assault without injury | victim V1 | recorded 02/06/2018 22:05 | ref 18/44120/18 | flags DA
Closing: DOMESTIC - CRIME RECORDED
`;

/** Warnings only (a late crime and a missing DA flag), no errors. */
const WARNINGS_ONLY = `Incident T-2
Received: 04/05/2018 16:30
Opening: DOMESTIC
Reporter: victim
Victim: V1 female, 33
Suspect: S1 male, 35, husband

16:30 CH2207: V1 says her husband S1 punched her in the face. Cut to her cheek.
05/05/2018 22:45 PC0338: Crime recorded.

Crime: 8N Assault with injury | victim V1 | recorded 05/05/2018 22:45 | ref 18/35210/18
Closing: DOMESTIC - CRIME RECORDED
`;

const LINE = /^(.+):(\d+):(\d+) {2}(error|warning|information|hint) +(.+) {2}([a-z0-9-]+)$/;

describe('cli: check', function () {
  this.timeout(60_000);

  it('prints one line per finding as file:line:col  severity  message  rule, then a summary, without colour in a pipe', () => {
    const r = runCli(['check', 'examples']);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const summary = lines.pop()!;
    assert.ok(lines.length >= 10);
    for (const l of lines) assert.match(l, LINE);
    assert.ok(lines.every((l) => l.startsWith('examples/')));
    assert.match(summary, /^\d+ findings \(2 errors, \d+ warnings, 0 information, 0 hints\) in 3 files \(10 incidents\)\.$/);
    assert.doesNotMatch(r.stdout, /\x1b\[/);
    const missing = lines.filter((l) => l.endsWith('  missing-n100'));
    assert.equal(missing.length, 2);
    assert.ok(missing.every((l) => LINE.exec(l)![4] === 'error'));
  });

  it('uses colour only when asked for (or on a terminal)', () => {
    assert.match(runCli(['check', 'examples', '--color']).stdout, /\x1b\[31merror/);
    assert.match(runCli(['check', 'examples'], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(runCli(['check', 'examples', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  it('runs as the package bin', () => {
    const r = runCli(['check', 'examples/domestic-abuse.ilog'], { bin: BIN });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /domestic-abuse\.ilog:18:\d+ {2}warning {2}.+ {2}unrecorded-offence/);
  });

  describe('--format json', () => {
    let status: number | null;
    let out: JsonOutput;
    before(() => {
      const r = runCli(['check', 'examples', '--format', 'json']);
      status = r.status;
      out = JSON.parse(r.stdout) as JsonOutput;
    });

    it('prints one object with findings and a summary, every field of every finding', () => {
      assert.equal(status, 1);
      assert.deepEqual(Object.keys(out), ['findings', 'summary']);
      assert.ok(out.findings.length >= 10);
      for (const f of out.findings) {
        assert.deepEqual(Object.keys(f), ['file', 'incident', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'codes', 'related']);
        assert.equal(typeof f.file, 'string');
        assert.ok(f.incident === null || typeof f.incident === 'string');
        assert.match(f.rule, /^[a-z0-9-]+$/);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
        assert.ok(f.message.length > 20);
        for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} is 1-based`);
        assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column));
        assert.ok(Array.isArray(f.codes) && f.codes.every((c) => typeof c === 'string'));
        assert.ok(Array.isArray(f.related));
      }
      const s = out.summary;
      assert.equal(s.files, 3);
      assert.equal(s.incidents, 10);
      assert.equal(s.findings, out.findings.length);
      assert.equal(s.errors + s.warnings + s.information + s.hints, s.findings);
      assert.equal(Object.values(s.rules).reduce((a, b) => a + b, 0), s.findings);
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.internalErrors, []);
    });

    it('gives 1-based positions that point at the words that triggered the finding', () => {
      const text = fs.readFileSync(path.join(EXAMPLES, 'domestic-abuse.ilog'), 'utf8').split('\n');
      const f = out.findings.find((x) => x.file === 'examples/domestic-abuse.ilog' && x.rule === 'unrecorded-offence')!;
      const quoted = /\('([^']+)'\)/.exec(f.message)![1];
      assert.equal(f.line, f.endLine);
      assert.equal(text[f.line - 1].slice(f.column - 1, f.endColumn - 1), quoted);
      assert.equal(f.incident, 'WM-2018-0412-0871');
      assert.deepEqual(f.codes, ['9A']);
    });

    it('reports on each example exactly the findings its # expect: lines list, with one of their codes', () => {
      const problems: string[] = [];
      for (const name of fs.readdirSync(EXAMPLES).filter((n) => n.endsWith('.ilog'))) {
        const file = `examples/${name}`;
        for (const inc of annotations(file, fs.readFileSync(path.join(EXAMPLES, name), 'utf8'))) {
          const got = out.findings.filter((f) => f.file === file && f.incident === inc.id && (f.severity === 'error' || f.severity === 'warning'));
          const wanted = inc.expects.filter((e) => e.rule !== 'none');
          assert.ok(inc.expects.length > 0, `${inc.id} is annotated`);
          const left = [...got];
          for (const e of wanted) {
            const i = left.findIndex((f) => f.rule === e.rule && (!e.codes.length || f.codes.some((c) => e.codes.includes(c))));
            if (i < 0) problems.push(`${inc.id}: expected ${e.rule} ${e.codes.join(' ')}`);
            else left.splice(i, 1);
          }
          for (const f of left) problems.push(`${inc.id}: unexpected ${f.rule} at line ${f.line}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });

  describe('exit codes', () => {
    let tmp: ReturnType<typeof tempDir>;
    before(() => {
      tmp = tempDir();
      fs.writeFileSync(path.join(tmp.dir, 'clean.ilog'), CLEAN);
      fs.writeFileSync(path.join(tmp.dir, 'warnings.ilog'), WARNINGS_ONLY);
    });
    after(() => tmp.cleanup());

    it('0 when there are no errors', () => {
      const r = runCli(['check', path.join(tmp.dir, 'clean.ilog')]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^No findings in 1 file \(1 incident\)\.\n$/);
    });

    it('1 when there are errors', () => {
      assert.equal(runCli(['check', 'examples/sexual-offences.ilog']).status, 1);
    });

    it('warnings alone pass, unless there are more than --max-warnings', () => {
      const file = path.join(tmp.dir, 'warnings.ilog');
      const plain = runCli(['check', file, '--format', 'json']);
      const n = (JSON.parse(plain.stdout) as JsonOutput).summary.warnings;
      assert.equal(plain.status, 0);
      assert.ok(n >= 2, `${n} warnings`);
      assert.equal(runCli(['check', file, '--max-warnings', String(n)]).status, 0);
      assert.equal(runCli(['check', file, '--max-warnings', String(n - 1)]).status, 1);
      assert.equal(runCli(['check', file, '--max-warnings=0']).status, 1);
    });

    it('2 on bad usage, with a message that says what to do', () => {
      const cases: [string[], RegExp][] = [
        [['check', '--frobnicate'], /Unknown option '--frobnicate' for 'check'/],
        [['inspect', 'examples'], /Unknown command 'inspect'/],
        [['check', '--format', 'xml', 'examples'], /--format must be one of text, json, sarif; got 'xml'/],
        [['check', '--max-warnings', 'many', 'examples'], /--max-warnings needs a whole number/],
        [['check', 'examples', '--max-warnings'], /--max-warnings needs a value/],
        [['audit', '--format', 'pdf', 'examples'], /--format must be one of markdown, json, html/],
        [['check', '--config', path.join(tmp.dir, 'missing.json'), 'examples'], /cannot read configuration/],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args);
        assert.equal(r.status, 2, args.join(' '));
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(r.stdout, '');
      }
    });

    it('--help and --version', () => {
      const help = runCli(['--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Usage: counting-rules <command>/);
      assert.match(runCli(['check', '--help']).stdout, /--max-warnings <n>/);
      assert.match(runCli(['help', 'audit']).stdout, /Wilson/);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(runCli(['--version']).stdout.trim(), pkg.version);
    });
  });

  describe('inputs that cannot be checked are reported, never a crash', () => {
    let tmp: ReturnType<typeof tempDir>;
    before(() => {
      tmp = tempDir();
      fs.mkdirSync(path.join(tmp.dir, 'empty'));
      fs.mkdirSync(path.join(tmp.dir, 'mixed'));
      fs.writeFileSync(path.join(tmp.dir, 'mixed', 'a-good.ilog'), WARNINGS_ONLY);
      // Latin-1 "é" (0xE9) where UTF-8 was expected, on line 8.
      const bad = Buffer.concat([Buffer.from(CLEAN.split('\n').slice(0, 7).join('\n') + '\n20:51 CH5120: Caf'), Buffer.from([0xe9]), Buffer.from(' owner says.\n')]);
      fs.writeFileSync(path.join(tmp.dir, 'mixed', 'b-latin1.ilog'), bad);
    });
    after(() => tmp.cleanup());

    it('a file that is not valid UTF-8: named with the line of the bad byte; the other files are still checked; exit 2', () => {
      const r = runCli(['check', path.join(tmp.dir, 'mixed'), '--format', 'json']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /b-latin1\.ilog: not valid UTF-8 \(byte 0xE9 at line 8, byte offset \d+\)/);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.equal(out.summary.files, 1);
      assert.ok(out.findings.length > 0 && out.findings.every((f) => f.file.endsWith('a-good.ilog')));
      assert.equal(out.summary.problems.length, 1);
      assert.match(out.summary.problems[0].path, /b-latin1\.ilog$/);
    });

    it('a folder with nothing to check', () => {
      const r = runCli(['check', path.join(tmp.dir, 'empty')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no \.ilog files in .*empty/);
      assert.match(r.stdout, /No findings in 0 files \(0 incidents\); 1 input could not be checked\./);
    });

    it('a path that does not exist, and a pattern that matches nothing', () => {
      const r = runCli(['check', path.join(tmp.dir, 'nowhere.ilog'), 'examples/*.nothing', 'examples/domestic-abuse.ilog']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /no such file or folder: .*nowhere\.ilog/);
      assert.match(r.stderr, /no files match 'examples\/\*\.nothing'/);
      assert.match(r.stdout, /in 1 file \(2 incidents\)/);
    });

    it('a file without permission to read it', function () {
      if (process.getuid?.() === 0) this.skip(); // root reads anything
      const file = path.join(tmp.dir, 'locked.ilog');
      fs.writeFileSync(file, CLEAN);
      fs.chmodSync(file, 0o000);
      const r = runCli(['check', file]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /locked\.ilog: cannot read the file \(permission denied\)/);
    });
  });

  describe('paths, globs and line endings', () => {
    it('folders are searched recursively and simple globs are expanded without the shell', () => {
      const a = JSON.parse(runCli(['check', '.', '--format', 'json'], { cwd: EXAMPLES }).stdout) as JsonOutput;
      const b = JSON.parse(runCli(['check', 'examples/**/*.ilog', '--format', 'json']).stdout) as JsonOutput;
      const c = JSON.parse(runCli(['check', 'examples/{domestic,sexual}-*.ilog', '--format', 'json']).stdout) as JsonOutput;
      assert.equal(a.summary.files, 3);
      assert.equal(b.summary.files, 3);
      assert.equal(c.summary.files, 2);
      assert.deepEqual(
        a.findings.map((f) => `${f.file}:${f.line}:${f.rule}`),
        b.findings.map((f) => `${f.file.replace(/^examples\//, '')}:${f.line}:${f.rule}`),
      );
    });

    it('a file named twice is checked once', () => {
      const out = JSON.parse(runCli(['check', 'examples', 'examples/domestic-abuse.ilog', '--format', 'json']).stdout) as JsonOutput;
      assert.equal(out.summary.files, 3);
    });

    it('CRLF line endings and a byte-order mark give the same positions as LF', () => {
      const tmp = tempDir();
      try {
        const text = fs.readFileSync(path.join(EXAMPLES, 'recording-decisions.ilog'), 'utf8');
        fs.writeFileSync(path.join(tmp.dir, 'lf.ilog'), text);
        fs.writeFileSync(path.join(tmp.dir, 'crlf.ilog'), '\ufeff' + text.replace(/\n/g, '\r\n'));
        const out = JSON.parse(runCli(['check', tmp.dir, '--format', 'json']).stdout) as JsonOutput;
        const at = (name: string) => out.findings.filter((f) => path.basename(f.file) === name).map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn]);
        assert.ok(at('lf.ilog').length > 3);
        assert.deepEqual(at('crlf.ilog'), at('lf.ilog'));
      } finally {
        tmp.cleanup();
      }
    });
  });

  describe('configuration', () => {
    let tmp: ReturnType<typeof tempDir>;
    before(() => {
      tmp = tempDir();
      fs.mkdirSync(path.join(tmp.dir, 'force', 'logs'), { recursive: true });
      fs.writeFileSync(path.join(tmp.dir, 'force', '.counting-rules.json'), '{ // the force turns one rule off and makes another an error\n "rules": { "late-recording": "off", "domestic-abuse-flag": "error" } }\n');
      fs.writeFileSync(path.join(tmp.dir, 'force', 'logs', 'w.ilog'), WARNINGS_ONLY);
      fs.writeFileSync(path.join(tmp.dir, 'other.json'), '{ "timelinessHours": 48, "rules": { "nonsense-rule": "off" } }');
    });
    after(() => tmp.cleanup());

    it('reads the nearest .counting-rules.json above each log, as the editor does', () => {
      const out = JSON.parse(runCli(['check', path.join(tmp.dir, 'force'), '--format', 'json']).stdout) as JsonOutput;
      assert.ok(!out.findings.some((f) => f.rule === 'late-recording'));
      assert.equal(out.findings.find((f) => f.rule === 'domestic-abuse-flag')?.severity, 'error');
    });

    it('--config overrides it for every log, and its problems are reported without stopping the check', () => {
      const r = runCli(['check', path.join(tmp.dir, 'force'), '--format', 'json', '--config', path.join(tmp.dir, 'other.json')]);
      const out = JSON.parse(r.stdout) as JsonOutput;
      assert.match(r.stderr, /other\.json.*nonsense-rule/);
      assert.ok(!out.findings.some((f) => f.rule === 'late-recording'), '48 hours: not late');
      assert.equal(out.findings.find((f) => f.rule === 'domestic-abuse-flag')?.severity, 'warning');
    });
  });

  describe('--fix', () => {
    it('applies the preferred fixes in place, keeps CRLF line endings, and reports what is left', () => {
      const tmp = tempDir();
      try {
        const file = path.join(tmp.dir, 'w.ilog');
        fs.writeFileSync(file, WARNINGS_ONLY.replace(/\n/g, '\r\n'));
        const before = JSON.parse(runCli(['check', file, '--format', 'json']).stdout) as JsonOutput;
        assert.ok(before.findings.some((f) => f.rule === 'domestic-abuse-flag'));
        const r = runCli(['check', file, '--fix', '--format', 'json']);
        const after = JSON.parse(r.stdout) as JsonOutput;
        assert.equal(after.summary.fixed, 1);
        assert.ok(!after.findings.some((f) => f.rule === 'domestic-abuse-flag'));
        assert.ok(after.findings.some((f) => f.rule === 'late-recording'), 'no fix for the past');
        const text = fs.readFileSync(file, 'utf8');
        assert.match(text, /\| ref 18\/35210\/18 \| flags DA\r\n/);
        assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/);
      } finally {
        tmp.cleanup();
      }
    });
  });
});
