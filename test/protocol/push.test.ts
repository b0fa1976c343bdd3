/**
 * A push-only client (Neovim 0.7, Emacs eglot): published diagnostics after
 * opening and changing, bursts coalesced, never stale, `run: onSave`, and
 * diagnostics cleared on close.
 */
import * as assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient, ofRule } from './lsp-client';
import { DOMESTIC, example } from './texts';

describe('protocol: push-only client', function () {
  let client: LspClient;
  before(async () => {
    // No textDocument.diagnostic, no workspace/configuration: settings come with initialize.
    client = await LspClient.start({ pull: false, configuration: false });
  });
  after(() => client.kill());

  it('does not declare pull diagnostics', () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  it('publishes diagnostics after didOpen, with the document version', async () => {
    const uri = 'file:///tmp/push-open.ilog';
    await client.open(uri, example('recording-decisions.ilog'), 7);
    const p = await client.waitForPublished(uri, 7);
    const rules = p.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(
      rules.filter((r) => r !== 'equality-data' && r !== 'title-mismatch'),
      ['cancellation-misuse', 'course-of-conduct', 'invalid-no-crime-reason', 'invalid-no-crime-reason', 'late-recording', 'unrecorded-offence', 'victim-not-informed'],
    );
    assert.equal(p.diagnostics[0].source, 'counting-rules');
    await client.close(uri);
  });

  it('coalesces a burst of changes and publishes only the latest version', async () => {
    const uri = 'file:///tmp/push-burst.ilog';
    await client.open(uri, DOMESTIC);
    await client.waitForPublished(uri, 1);
    const from = client.received.length;
    // Type " | flags DA" one character at a time at the end of the 105A crime line (line 11).
    const line = DOMESTIC.split('\n')[11];
    const typed = ' | flags DA';
    let v = 1;
    const sends = [];
    for (let i = 0; i < typed.length; i++) {
      v++;
      sends.push(client.change(uri, v, [{ range: { start: { line: 11, character: line.length + i }, end: { line: 11, character: line.length + i } }, text: typed[i] }]));
    }
    await Promise.all(sends);
    const last = await client.waitForPublished(uri, v, from);
    const versions = client.published(uri).slice(1).map((p) => p.version);
    assert.deepEqual(versions, [v], 'one publication, for the last version');
    // It describes the text of that version: the 105A crime now has its DA flag.
    assert.equal(ofRule(last.diagnostics, 'domestic-abuse-flag').length, 1);
    assert.equal(ofRule(last.diagnostics, 'domestic-abuse-flag')[0].range.start.line, 12);
    await client.close(uri);
  });

  it('never publishes an older version after a newer one', async () => {
    const uri = 'file:///tmp/push-order.ilog';
    await client.open(uri, DOMESTIC);
    for (let v = 2; v <= 6; v++) {
      const from = client.received.length;
      await client.change(uri, v, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: String(v) }]);
      await client.waitForPublished(uri, v, from);
    }
    const versions = client.published(uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(versions[versions.length - 1], 6);
    await client.close(uri);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///tmp/push-close.ilog';
    await client.open(uri, DOMESTIC);
    await client.waitForPublished(uri, 1);
    const from = client.received.length;
    await client.close(uri);
    const p = await client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (x) => x.uri === uri, from);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('protocol: push-only client with run: onSave', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      pull: false,
      configuration: false,
      // A pause of 0 ms: a change is checked (or not) before the next message is handled, so the test can tell.
      initializationOptions: { settings: { run: 'onSave' }, typingPauseMs: 0 },
    });
  });
  after(() => client.kill());

  it('publishes on open and save, not on change', async () => {
    const uri = 'file:///tmp/onsave.ilog';
    const other = 'file:///tmp/onsave-other.ilog';
    await client.open(uri, DOMESTIC);
    await client.waitForPublished(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: 'X' }]);
    // Opening another document is handled after the change; once it is published, the change has had its turn.
    await client.open(other, DOMESTIC);
    await client.waitForPublished(other, 1);
    assert.deepEqual(client.published(uri).map((p) => p.version), [1], 'no publication for the change');
    await client.save(uri);
    await client.waitForPublished(uri, 2);
    assert.deepEqual(client.published(uri).map((p) => p.version), [1, 2]);
  });
});
