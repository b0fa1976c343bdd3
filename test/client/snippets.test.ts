/** The new-incident template and the suppression snippet (client/src/snippets.ts). */
import * as assert from 'node:assert/strict';
import { checkText } from '../../server/src/core';
import { dateStyleOf, escapeSnippet, incidentSnippet, placeForIncident, readSuppressionArgs, suppressionSnippet } from '../../client/src/snippets';

/** What VS Code inserts when every tab stop keeps its default: placeholders and first choices, unescaped. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:\\.|[^\\,|])*)(?:,(?:\\.|[^\\|])*)*\|\}/g, (_m, first: string) => first)
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}/g, (_m, d: string) => d)
    .replace(/\\(.)/g, '$1');
}

const WORDS = { id: 'id', opening: 'opening code', victim: 'sex, age', suspect: 'relationship to V1', author: 'author', text: 'what was reported' };
// 14 March 2018 21:42 GMT, and 1 July 2018 12:00 UTC (13:00 in British Summer Time).
const WINTER = Date.UTC(2018, 2, 14, 21, 42);
const SUMMER = Date.UTC(2018, 6, 1, 12, 0);

function doc(text: string) {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineText: (n: number) => lines[n] };
}

describe('client: snippets', () => {
  it('escapes snippet syntax in text', () => {
    assert.equal(escapeSnippet('costs $5 {x} \\ done'), 'costs \\$5 {x\\} \\\\ done');
  });

  it('takes the date style from the first Received line', () => {
    assert.equal(dateStyleOf('Incident 1\nReceived: 2018-03-14 21:42\n'), 'iso');
    assert.equal(dateStyleOf('Incident 1\nreceived : 14/03/2018 21:42\nIncident 2\nReceived: 2018-03-14 21:42'), 'uk');
    assert.equal(dateStyleOf('# nothing yet\n'), 'uk');
  });

  it('fills Received and the first entry with the current UK time, in the log date style', () => {
    const uk = incidentSnippet(WORDS, 'uk', WINTER);
    assert.match(uk, /^Received: \$\{2:14\/03\/2018 21:42\}$/m);
    assert.match(uk, /^\$\{7:21:42\} \$\{8:author\}: \$\{0:what was reported\}$/m);
    const iso = incidentSnippet(WORDS, 'iso', SUMMER);
    assert.match(iso, /^Received: \$\{2:2018-07-01 13:00\}$/m);
    assert.match(iso, /^\$\{7:13:00\} /m);
  });

  it('offers the Reporter values of FORMAT.md as a choice', () => {
    assert.match(incidentSnippet(WORDS, 'uk', WINTER), /^Reporter: \$\{4\|victim,witness,third party,professional third party \(agency\),police,anonymous\|\}$/m);
  });

  it('expands, with its defaults, to an incident the parser reads without a structure fault', () => {
    const text = expand(incidentSnippet(WORDS, 'uk', WINTER));
    assert.ok(text.startsWith('Incident id\nReceived: 14/03/2018 21:42\n'), text);
    const report = checkText(text);
    assert.equal(report.incidents.length, 1);
    const structural = report.findings.filter((f) =>
      ['syntax', 'unknown-field', 'duplicate-field', 'invalid-date', 'missing-received', 'missing-recorded-time'].includes(f.rule),
    );
    assert.deepEqual(structural, []);
    assert.equal(report.incidents[0].incident.id, 'id');
  });

  it('places a new incident on a blank cursor line, else after a blank line at the end', () => {
    assert.deepEqual(placeForIncident(doc('Incident 1\n\nReceived: x'), 1), { line: 1, character: 0, prefix: '' });
    assert.deepEqual(placeForIncident(doc('Incident 1\nReceived: x'), 0), { line: 1, character: 11, prefix: '\n\n' });
    assert.deepEqual(placeForIncident(doc('Incident 1\nReceived: x\n'), 0), { line: 2, character: 0, prefix: '\n' });
    assert.deepEqual(placeForIncident(doc('Incident 1\nReceived: x\n\n'), 0), { line: 3, character: 0, prefix: '' });
    assert.deepEqual(placeForIncident(doc(''), 0), { line: 0, character: 0, prefix: '' });
  });

  it('accepts the suppression arguments the server sends, and nothing else', () => {
    const ok = { uri: 'file:///logs/a.ilog', line: 4, text: '# counting-rules-disable-next-line late-recording -- ' };
    assert.deepEqual(readSuppressionArgs(ok), ok);
    for (const bad of [undefined, null, 'x', [ok], { ...ok, line: -1 }, { ...ok, line: 1.5 }, { ...ok, line: '4' }, { ...ok, uri: 3 }, { ...ok, text: 'Crime: 8N' }, { ...ok, text: '# a\nCrime: 8N' }]) {
      assert.equal(readSuppressionArgs(bad), undefined, JSON.stringify(bad));
    }
  });

  it('turns the directive into a snippet whose reason is the selected tab stop', () => {
    assert.equal(
      suppressionSnippet('# counting-rules-disable-next-line late-recording -- ', 'reason'),
      '# counting-rules-disable-next-line late-recording -- ${1:reason}',
    );
    // A reason the server already proposes is kept as the placeholder's text.
    assert.equal(suppressionSnippet('# counting-rules-disable syntax -- system outage', 'reason'), '# counting-rules-disable syntax -- ${1:system outage}');
    // No separator yet: one is added.
    assert.equal(suppressionSnippet('# counting-rules-disable syntax', 'reason'), '# counting-rules-disable syntax -- ${1:reason}');
    // Snippet syntax in the text stays literal.
    assert.equal(suppressionSnippet('# counting-rules-disable syntax -- costs $5', 'reason'), '# counting-rules-disable syntax -- ${1:costs \\$5}');
  });

  it('inserts a directive the parser reads, with the reason', () => {
    const line = expand(suppressionSnippet('# counting-rules-disable-next-line late-recording -- ', 'system outage'));
    const report = checkText(`Incident 1\nReceived: 14/03/2018 21:42\n${line}\n`);
    const directives = report.incidents[0].incident.directives;
    assert.equal(directives.length, 1);
    assert.equal(directives[0].reason, 'system outage');
    assert.deepEqual(directives[0].rules.map((r) => r.id), ['late-recording']);
  });
});
