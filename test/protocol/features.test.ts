/** Hover, completion, outline, folding and code lens through the protocol. */
import * as assert from 'node:assert/strict';
import type { CodeLens, CompletionItem, CompletionList, DocumentSymbol, FoldingRange, Hover, MarkupContent, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspClient, positionOf } from './lsp-client';
import { DOMESTIC, example } from './texts';

describe('protocol: language features', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  async function hoverAt(uri: string, text: string, needle: string, shift = 1): Promise<string> {
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, shift) })) as Hover | null;
    assert.ok(h, `a hover on '${needle}'`);
    return (h.contents as MarkupContent).value;
  }

  async function completeAt(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const r = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionItem[] | CompletionList;
    return Array.isArray(r) ? r : r.items;
  }

  it('explains a Home Office code, verified', async () => {
    const uri = 'file:///tmp/hover-code.ilog';
    const text = example('domestic-abuse.ilog');
    await client.open(uri, text);
    const md = await hoverAt(uri, text, 'Crime: 105A', 'Crime: '.length + 1);
    assert.match(md, /\*\*105A\*\* — Assault without injury/);
    assert.match(md, /Violence against the person/);
    assert.match(md, /Offence family: Assault/);
    assert.match(md, /Editions:/);
    assert.match(md, /Source/);
    assert.match(md, /Verified against the source/);
    assert.doesNotMatch(md, /UNVERIFIED/);
    await client.close(uri);
  });

  it('warns that an unverified code (8U) is unverified, with its notes', async () => {
    const uri = 'file:///tmp/hover-8u.ilog';
    await client.open(uri, DOMESTIC);
    const md = await hoverAt(uri, DOMESTIC, 'Crime: 8U', 'Crime: '.length);
    assert.match(md, /\*\*8U\*\* — Controlling or coercive behaviour/);
    assert.match(md, /UNVERIFIED/);
    assert.match(md, /Confirm against the Home Office/);
    await client.close(uri);
  });

  it('explains C-classes, N100, flags, rule ids in directives, keywords and findings', async () => {
    const uri = 'file:///tmp/hover-misc.ilog';
    const text = example('recording-decisions.ilog').replace('Incident WM-2018-0504-1630\n', 'Incident WM-2018-0504-1630\n# counting-rules-disable late-recording -- outage\n');
    await client.open(uri, text);
    assert.match(await hoverAt(uri, text, 'C4 |'), /\*\*C4\*\* — Cancelled: the crime was recorded in error/);
    assert.match(await hoverAt(uri, text, 'late-recording --', 2), /\*\*late-recording\*\* — Crime recorded more than 24 hours/);
    assert.match(await hoverAt(uri, text, 'Received:'), /When the report reached the force/);
    assert.match(await hoverAt(uri, text, '| by DDM', 3), /\*\*by\*\* — The decision maker’s role/);
    // The words that triggered a finding: its message and the rule's basis.
    const finding = await hoverAt(uri, text, 'slapped him');
    assert.match(finding, /\*\*unrecorded-offence\*\* \(warning\)/);
    assert.match(finding, /_Basis:_ NCRS/);
    assert.match(finding, /Discloses: Assault/);
    await client.close(uri);

    const n100uri = 'file:///tmp/hover-n100.ilog';
    const n100 = example('sexual-offences.ilog');
    await client.open(n100uri, n100);
    const md = await hoverAt(n100uri, n100, 'N100: recorded');
    assert.match(md, /reported rape or attempted rape/);
    assert.match(md, /\*\*N100\*\*/);
    await client.close(n100uri);

    const flagUri = 'file:///tmp/hover-flag.ilog';
    const flagged = example('domestic-abuse.ilog');
    await client.open(flagUri, flagged);
    assert.match(await hoverAt(flagUri, flagged, 'flags DA', 'flags '.length), /\*\*DA\*\* — Domestic abuse \(Home Office crime flag\)/);
    await client.close(flagUri);
  });

  it('completes Home Office codes after "Crime: ", with titles, legacy codes last and unverified ones marked', async () => {
    const uri = 'file:///tmp/complete-code.ilog';
    const text = DOMESTIC.replace('Closing:', 'Crime: \nClosing:');
    await client.open(uri, text);
    const line = text.split('\n').indexOf('Crime: ');
    const items = await completeAt(uri, line, 'Crime: '.length);
    const n8 = items.find((i) => i.label === '8N')!;
    assert.equal(n8.detail, 'Assault with injury');
    assert.equal(n8.textEdit && 'newText' in n8.textEdit && n8.textEdit.newText, '8N Assault with injury');
    assert.match(items.find((i) => i.label === '8U')!.detail!, /UNVERIFIED/);
    assert.ok(!items.some((i) => i.label === 'N100'), 'N100 is not a crime code');
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const firstLegacy = sorted.findIndex((i) => /legacy/.test(i.detail!));
    assert.ok(firstLegacy > 0);
    assert.ok(sorted.slice(firstLegacy).every((i) => /legacy/.test(i.detail!)), 'legacy codes last');
    // Documentation comes with completionItem/resolve.
    const resolved = (await client.connection.sendRequest('completionItem/resolve', n8)) as CompletionItem;
    assert.match((resolved.documentation as MarkupContent).value, /Assault with injury/);
    await client.close(uri);
  });

  it('completes attribute keys after "|", less those given', async () => {
    const uri = 'file:///tmp/complete-keys.ilog';
    const text = DOMESTIC.replace('Closing:', 'Crime: 8N Assault with injury | victim V1 | \nCancelled: 18/44120/18 C2 | \nClosing:');
    await client.open(uri, text);
    const lines = text.split('\n');
    const crimeLine = lines.findIndex((l) => l.startsWith('Crime: 8N'));
    const crimeKeys = (await completeAt(uri, crimeLine, lines[crimeLine].length)).map((i) => i.label);
    assert.deepEqual(crimeKeys, ['recorded', 'ref', 'flags']);
    const cancelLine = crimeLine + 1;
    const cancelKeys = (await completeAt(uri, cancelLine, lines[cancelLine].length)).map((i) => i.label);
    assert.deepEqual(cancelKeys, ['by', 'at', 'avi', 'reason', 'informed']);
    await client.close(uri);
  });

  it('completes keywords, reporter values, C-classes, flags, roles and rule ids', async () => {
    const uri = 'file:///tmp/complete-misc.ilog';
    const text = [
      'Incident C-1',
      'Rec',
      'Reporter: ',
      'Victim: V1 female, 30',
      'Crime: 105A Assault without injury | victim V1 | recorded 02/06/2018 22:05 | ref 18/1/18 | flags DA, ',
      'Cancelled: 18/1/18 ',
      'Cancelled: 18/1/18 C2 | by ',
      '# counting-rules-disable-next-line late',
      '',
    ].join('\n');
    await client.open(uri, text);
    const lines = text.split('\n');
    const at = async (i: number) => (await completeAt(uri, i, lines[i].length)).map((x) => x.label);
    assert.ok((await at(1)).includes('Received'));
    assert.ok((await at(2)).includes('professional third party'));
    const flags = await at(4);
    assert.ok(flags.includes('HATE-RACE') && !flags.includes('DA'), 'flags, less those given');
    assert.deepEqual(await at(5), ['C1', 'C2', 'C3', 'C4', 'C5']);
    const roles = await at(6);
    assert.ok(roles.includes('FCR') && roles.includes('DDM'));
    assert.ok((await at(7)).includes('late-recording'));
    await client.close(uri);
  });

  it('outlines incidents with their fields and decisions', async () => {
    const uri = 'file:///tmp/symbols.ilog';
    await client.open(uri, example('domestic-abuse.ilog'));
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Incident WM-2018-0412-0871', 'Incident WM-2018-0602-2051'],
    );
    const second = symbols[1];
    assert.deepEqual(
      second.children!.map((c) => c.name),
      ['Received', 'Opening', 'Reporter', 'Victim', 'Suspect', 'Crime 105A Assault without injury', 'Closing'],
    );
    const crime = second.children!.find((c) => c.name.startsWith('Crime'))!;
    assert.equal(crime.detail, 'V1 · recorded 02/06/2018 22:05 · 18/44120/18');
    for (const s of symbols) for (const c of s.children!) assert.ok(c.range.start.line >= s.range.start.line && c.range.end.line <= s.range.end.line);
    await client.close(uri);
  });

  it('gives a flat symbol list to a client without hierarchical symbols', async () => {
    const flat = await LspClient.start({ capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: false } } } });
    try {
      const uri = 'file:///tmp/symbols-flat.ilog';
      await flat.open(uri, example('domestic-abuse.ilog'));
      const symbols = (await flat.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as SymbolInformation[];
      const crime = symbols.find((s) => s.name === 'Crime 105A Assault without injury')!;
      assert.equal(crime.containerName, 'Incident WM-2018-0602-2051');
      assert.equal(crime.location.uri, uri);
      assert.equal(symbols.filter((s) => s.name.startsWith('Incident')).length, 2);
    } finally {
      flat.kill();
    }
  });

  it('folds incidents, multi-line entries and comment blocks', async () => {
    const uri = 'file:///tmp/folding.ilog';
    const text = example('domestic-abuse.ilog');
    await client.open(uri, text);
    const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('Incident WM-2018-0412-0871'));
    assert.ok(ranges.some((r) => r.startLine === first && r.endLine === lines.indexOf('Closing: DOMESTIC - ADVICE GIVEN')), 'the incident');
    const entry = lines.findIndex((l) => l.startsWith('22:37 CH3108'));
    assert.ok(ranges.some((r) => r.startLine === entry && r.endLine === entry + 2), 'the three-line entry');
    assert.ok(ranges.some((r) => r.kind === 'comment' && r.startLine === 0 && r.endLine === 3), 'the header comments');
    await client.close(uri);
  });

  it('summarises each incident in a code lens', async () => {
    const uri = 'file:///tmp/lens.ilog';
    await client.open(uri, example('recording-decisions.ilog'));
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    const titles = lenses.map((l) => l.command!.title);
    assert.equal(lenses.length, 4);
    assert.match(titles[0], /^\d offences? disclosed · none recorded · No crime given$/);
    assert.match(titles[2], /1 offence disclosed · 1 recorded · first recorded 30 h 15 min after report/);
    assert.match(titles[3], /1 recorded · 1 cancelled · first recorded 2 h 8 min after report/);
    await client.close(uri);

    const n100 = 'file:///tmp/lens-n100.ilog';
    await client.open(n100, example('sexual-offences.ilog'));
    const n100Lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: n100 } })) as CodeLens[];
    assert.equal(n100Lenses[1].command!.title, '1 offence disclosed · no crime recorded · 1 N100 · first recorded 9 h 7 min after report');
    await client.close(n100);
  });
});
