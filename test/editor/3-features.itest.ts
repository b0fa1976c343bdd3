/**
 * In the editor: hover, completion, the outline (document symbols) and the
 * code lenses, through VS Code's own provider commands, so what is checked
 * is what VS Code shows.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, exampleUri, openLog, ruleOf, scratchCopy, waitForDiagnostics } from './helpers';

function positionOf(doc: vscode.TextDocument, needle: string, shift = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `'${needle}' is not in ${doc.fileName}`);
  return doc.positionAt(at + shift);
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

async function completions(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list?.items ?? [];
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('VS Code: hover, completion, outline and code lens', () => {
  before(activateExtension);
  after(closeAllEditors);

  it('hover explains a Home Office code, and the finding under the cursor', async () => {
    const uri = exampleUri('domestic-abuse.ilog');
    const { doc } = await openLog(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === 'unrecorded-offence'), 'unrecorded-offence');
    const code = await hoverText(doc, positionOf(doc, 'Crime: 105A', 'Crime: '.length + 1));
    assert.match(code, /\*\*105A\*\* — Assault without injury/);
    assert.match(code, /Offence family: Assault/);
    const finding = await hoverText(doc, positionOf(doc, 'shouting that he will batter', 3));
    assert.match(finding, /\*\*unrecorded-offence\*\* \(warning\)/);
    assert.match(finding, /Record 9A Public fear, alarm or distress/);
    assert.equal(await hoverText(doc, new vscode.Position(0, 0)).then((t) => t.includes('105A')), false, 'a comment line has no code hover');
  });

  it('completion offers keywords at the start of a line, and Home Office codes after "Crime: " that insert code and title', async () => {
    const uri = scratchCopy('domestic-abuse.ilog', 'completion');
    const { doc, editor } = await openLog(uri);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the first check');
    // A new line for a decision, typed where the first incident's Closing line is.
    const closing = positionOf(doc, 'Closing: DOMESTIC - ADVICE GIVEN', 0).line;
    await editor.edit((b) => b.insert(new vscode.Position(closing, 0), '\n'));
    const keywords = (await completions(doc, new vscode.Position(closing, 0))).map(label);
    for (const k of ['Incident', 'Received', 'Victim', 'Crime', 'N100', 'Cancelled', 'Closing']) assert.ok(keywords.includes(k), `keyword ${k} not offered: ${keywords.join(', ')}`);

    await editor.edit((b) => b.insert(new vscode.Position(closing, 0), 'Crime: '));
    const items = await completions(doc, new vscode.Position(closing, 'Crime: '.length), ' ');
    const codes = items.map(label);
    for (const c of ['9A', '105A', '8N', '19C']) assert.ok(codes.includes(c), `code ${c} not offered (${codes.length} items)`);
    const nineA = items.find((i) => label(i) === '9A')!;
    assert.equal(nineA.detail, 'Public fear, alarm or distress');
    // Apply the item as the editor would: its text over its range.
    const range = nineA.range instanceof vscode.Range ? nineA.range : nineA.range!.replacing;
    const text = typeof nineA.insertText === 'string' ? nineA.insertText : nineA.insertText!.value;
    await editor.edit((b) => b.replace(range, text));
    assert.equal(doc.lineAt(closing).text, 'Crime: 9A Public fear, alarm or distress');

    // After the code, "|" asks for the attributes a crime takes.
    await editor.edit((b) => b.insert(doc.lineAt(closing).range.end, ' | '));
    const attributes = (await completions(doc, doc.lineAt(closing).range.end, ' ')).map(label);
    for (const a of ['victim', 'recorded', 'flags']) assert.ok(attributes.includes(a), `attribute ${a} not offered: ${attributes.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the outline lists each incident with its fields and decisions', async () => {
    const uri = exampleUri('domestic-abuse.ilog');
    await openLog(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.ok(symbols?.length, 'no document symbols');
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Incident WM-2018-0412-0871', 'Incident WM-2018-0602-2051'],
    );
    const second = symbols[1];
    assert.equal(second.kind, vscode.SymbolKind.Module);
    assert.deepEqual(
      second.children.map((c) => c.name),
      ['Received', 'Opening', 'Reporter', 'Victim', 'Suspect', 'Crime 105A Assault without injury', 'Closing'],
    );
    const crime = second.children.find((c) => c.name.startsWith('Crime'))!;
    assert.equal(crime.kind, vscode.SymbolKind.Event);
    assert.match(crime.detail, /V1 · recorded 02\/06\/2018 22:05 · 18\/44120\/18/);
    assert.ok(second.range.contains(crime.range));
  });

  it('a code lens over each incident sums up what the log discloses and records', async () => {
    const uri = exampleUri('domestic-abuse.ilog');
    await openLog(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal(lenses?.length, 2);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      [5, 23],
    );
    assert.match(titles[0], /^1 offence disclosed · none recorded$/);
    assert.match(titles[1], /^1 offence disclosed · 1 recorded · first recorded .+ after report$/);
  });
});
