/**
 * Incremental = full through the real server, as a property of one input:
 * a log and a sequence of LSP edits (ranged changes, several in one
 * notification, whole-text replacements, edits that split a CRLF or a
 * surrogate pair, or add and remove `Incident` lines), with diagnostics
 * pulled (or published) along the way so the server's incremental checker
 * sees the intermediate versions. At the end the document's diagnostics
 * must equal those of a fresh document opened with the final text.
 * Shared by lsp-edits.test.ts and scripts/fuzz-long.js.
 */
import fc from 'fast-check';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspClient } from '../protocol/lsp-client';
import { changeArb } from './logs';
import type { TextChange } from './properties';

export type LspEdit = { changes: (TextChange | 'whole')[]; look: boolean };

/** One didChange: one to three changes (one may replace the whole text), and whether to ask for diagnostics after it. */
export const lspEditArb: fc.Arbitrary<LspEdit> = fc.record({
  changes: fc.array(fc.oneof({ weight: 9, arbitrary: changeArb }, { weight: 1, arbitrary: fc.constant<TextChange | 'whole'>('whole') }), { minLength: 1, maxLength: 3 }),
  look: fc.boolean(),
});

export const lspEditsArb = fc.array(lspEditArb, { minLength: 1, maxLength: 12 });

/** What an editor shows of a diagnostic (the version in `data` aside). */
export const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);

/** The content changes an editor would send for an edit, applied to the mirror document as it goes. */
export function toContentChanges(doc: TextDocument, edit: LspEdit, version: number): { doc: TextDocument; changes: TextDocumentContentChangeEvent[] } {
  const changes: TextDocumentContentChangeEvent[] = [];
  for (const c of edit.changes) {
    let change: TextDocumentContentChangeEvent;
    if (c === 'whole') {
      // A whole new text: the old one's first 200 characters backwards, and a new incident.
      change = { text: doc.getText().slice(0, 200).split('').reverse().join('') + '\nIncident W-1\nReceived: 01/01/2019 10:00\n' };
    } else {
      const len = doc.getText().length;
      const start = Math.floor(c.at * (len + 1));
      const end = Math.min(len, start + c.del);
      change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: c.ins };
    }
    changes.push(change);
    doc = TextDocument.update(doc, [change], version);
  }
  return { doc, changes };
}

/** A wait that gives up: a server that never answers fails the property instead of hanging it. */
function within<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer!: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

let n = 0;
const nextUri = (what: string) => `file:///tmp/lsp-sequence/${process.pid}-${++n}-${what}.ilog`;

/**
 * Runs one sequence against a server started in pull or push mode (push
 * with `typingPauseMs: 0`); the problems found, an empty list when the
 * final diagnostics equal a fresh document's.
 */
export async function lspSequenceProblems(client: LspClient, mode: 'pull' | 'push', text: string, edits: readonly LspEdit[]): Promise<string[]> {
  const uri = nextUri('edited');
  let doc = TextDocument.create(uri, 'ilog', 1, text);
  const from = client.received.length;
  await client.open(uri, text);
  if (mode === 'pull') await client.pullFull(uri);
  let version = 1;
  for (const e of edits) {
    const step = toContentChanges(doc, e, ++version);
    doc = step.doc;
    await client.change(uri, version, step.changes);
    if (e.look) {
      if (mode === 'pull') await within(client.pullFull(uri), `diagnostics of version ${version}`);
      else await within(client.waitForPublished(uri, version, from), `diagnostics published for version ${version}`);
    }
  }
  const incremental =
    mode === 'pull'
      ? shown((await within(client.pullFull(uri), 'the final diagnostics')).items)
      : shown((await within(client.waitForPublished(uri, version, from), `diagnostics published for the final version ${version}`)).diagnostics);
  await client.close(uri);
  const fresh = nextUri('fresh');
  await client.open(fresh, doc.getText());
  const scratch =
    mode === 'pull'
      ? shown((await within(client.pullFull(fresh), 'a fresh document\u2019s diagnostics')).items)
      : shown((await within(client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === fresh, from), 'a fresh document\u2019s diagnostics')).diagnostics);
  await client.close(fresh);
  if (JSON.stringify(incremental) === JSON.stringify(scratch)) return [];
  return [`after ${edits.length} edits the server's diagnostics differ from a fresh document's:\n--- edited:\n${incremental.join('\n')}\n--- fresh:\n${scratch.join('\n')}`];
}
