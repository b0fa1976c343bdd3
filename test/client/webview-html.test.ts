/** The audit report's Content Security Policy (client/src/webview-html.ts). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { auditFiles } from '../../server/src/cli/audit';
import { STRICT_CSP, auditPage, commandUri, readLogLocation, withStrictCsp } from '../../client/src/webview-html';

const META = `<meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">`;

describe('client: audit webview HTML', () => {
  it('lets nothing load: no network, scripts, frames or forms', () => {
    const directives = new Map(STRICT_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), "'none'");
    assert.equal(directives.get('img-src'), 'data:');
    assert.equal(directives.get('style-src'), "'unsafe-inline'");
    assert.equal(directives.get('form-action'), "'none'");
    assert.ok(!/https?:|\*/.test(STRICT_CSP));
  });

  it('puts the policy first in <head>', () => {
    const html = '<!DOCTYPE html><html lang="en"><head><title>Audit</title><link rel="stylesheet" href="https://example.invalid/x.css"></head><body>x</body></html>';
    const out = withStrictCsp(html);
    assert.equal(out, html.replace('<head>', `<head>${META}`));
    assert.ok(out.indexOf(META) < out.indexOf('<link'));
  });

  it('keeps attributes on <head> and does not mistake <header> for it', () => {
    assert.equal(withStrictCsp('<html><head lang="en"><title>t</title></head></html>'), `<html><head lang="en">${META}<title>t</title></head></html>`);
    assert.equal(withStrictCsp('<!doctype html><header>x</header>'), `<!doctype html><head>${META}</head><header>x</header>`);
  });

  it('adds a head when the page has none', () => {
    assert.equal(withStrictCsp('<p>report</p>'), `<head>${META}</head><p>report</p>`);
  });

  it('links to a log with a command URI that carries the file and line', () => {
    const uri = commandUri('countingRules.openLog', ['/ws/logs/a b.ilog', 12]);
    assert.ok(uri.startsWith('command:countingRules.openLog?'));
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), ['/ws/logs/a b.ilog', 12]);
  });

  it('opens only .ilog files inside the workspace, at a line from 1', () => {
    const roots = ['/ws/one', '/ws/two'];
    assert.deepEqual(readLogLocation(['/ws/two/sub/a.ilog', 3], roots), { file: '/ws/two/sub/a.ilog', line: 3 });
    assert.deepEqual(readLogLocation(['/ws/one/x/../a.ILOG', 1], roots), { file: '/ws/one/a.ILOG', line: 1 });
    for (const bad of [
      ['/ws/one/../secret.ilog', 1],
      ['/ws/onex/a.ilog', 1],
      ['/etc/passwd', 1],
      ['/ws/one/a.txt', 1],
      ['relative/a.ilog', 1],
      ['/ws/one/a.ilog', 0],
      ['/ws/one/a.ilog', 2.5],
      ['/ws/one/a.ilog', '3'],
      [{}, 1],
      [],
    ]) {
      assert.equal(readLogLocation(bad, roots), undefined, JSON.stringify(bad));
    }
  });

  it('shows a real audit with every log link opening the log at its line, and nothing to fetch', async () => {
    const root = path.resolve(__dirname, '../../..');
    const cwd = path.join(root, 'examples');
    const audit = await auditFiles([cwd], { cwd });
    assert.ok(audit.scope.incidents > 0);
    const html = auditPage(audit, cwd, 'countingRules.openLog');
    assert.ok(html.indexOf(META) < html.indexOf('<style'), 'the policy comes before the styles');
    assert.doesNotMatch(html, /<script|<iframe|<object|<embed|<link\b|\bsrc\s*=\s*["']?(?!data:)/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    assert.ok(hrefs.length > 0, 'the report links to the logs');
    for (const href of hrefs) {
      if (href.startsWith('#')) continue;
      assert.ok(href.startsWith('command:countingRules.openLog?'), href);
      const [file, line] = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as [string, number];
      assert.deepEqual(readLogLocation([file, line], [cwd]), { file, line }, href);
    }
  });
});
