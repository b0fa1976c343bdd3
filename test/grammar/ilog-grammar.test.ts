/**
 * The TextMate grammar (syntaxes/ilog.tmLanguage.json): the scopes it gives
 * sample lines, what it must leave alone, and a sweep over every .ilog file
 * in the repository checking each line's kind against the parser's own
 * keyword list.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEYWORDS } from '../../server/src/core';
import { ROOT, tokenize, type Token } from './tokenize';

/**
 * The tokens that make up the `nth` occurrence of `part` in a line. With
 * `exact`, fails unless the tokens start and end where the part does (the
 * part is a token of its own); without, the part may sit inside a longer token.
 */
function tokensOf(line: Token[], part: string, nth = 0, exact = true): Token[] {
  const text = line.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(part, at + 1);
    assert.notEqual(at, -1, `'${part}' (occurrence ${nth}) is not in: ${text}`);
  }
  const end = at + part.length;
  const covering = line.filter((t) => t.start < end && t.start + t.text.length > at);
  if (!exact) return covering;
  assert.equal(covering[0].start, at, `a token runs into '${part}' from before it: ${JSON.stringify(covering[0])}`);
  const last = covering[covering.length - 1];
  assert.equal(last.start + last.text.length, end, `a token runs on past '${part}': ${JSON.stringify(last)}`);
  return covering;
}

/** `part` is a token (or run of tokens) of its own, with `scope`. */
function expectScope(line: Token[], part: string, scope: string, nth = 0): void {
  for (const t of tokensOf(line, part, nth)) {
    assert.ok(t.scopes.includes(scope), `'${t.text}' of '${part}' has [${t.scopes.join(', ')}], not ${scope}`);
  }
}

/** `part` lies within text that has `scope`. */
function expectWithin(line: Token[], part: string, scope: string): void {
  for (const t of tokensOf(line, part, 0, false)) {
    assert.ok(t.scopes.includes(scope), `'${t.text}' around '${part}' has [${t.scopes.join(', ')}], not ${scope}`);
  }
}

/** No token overlapping `part` has a scope starting with `prefix`. */
function expectNoScope(line: Token[], part: string, prefix: string): void {
  const text = line.map((t) => t.text).join('');
  const at = text.indexOf(part);
  assert.notEqual(at, -1, `'${part}' is not in: ${text}`);
  for (const t of line) {
    if (t.start < at + part.length && t.start + t.text.length > at) {
      assert.ok(!t.scopes.some((s) => s.startsWith(prefix)), `'${t.text}' has ${t.scopes.join(', ')}; expected no ${prefix}`);
    }
  }
}

async function line(text: string): Promise<Token[]> {
  return (await tokenize(text))[0];
}

describe('ilog grammar', () => {
  it('colours an Incident line, in any case, and nothing that merely starts like one', async () => {
    const l = await line('Incident 2018/0314/0457');
    expectScope(l, 'Incident', 'keyword.control.incident.ilog');
    expectScope(l, '2018/0314/0457', 'entity.name.section.incident.ilog');
    expectScope(l, '2018/0314/0457', 'markup.heading.incident.ilog');
    expectScope(await line('INCIDENT CX-2018-0602-0210'), 'INCIDENT', 'keyword.control.incident.ilog');
    expectNoScope(await line('Incidental: x'), 'Incidental', 'keyword');
    expectNoScope(await line(' Incident 1'), 'Incident', 'keyword');
  });

  it('colours field keywords, dates and times (both date styles)', async () => {
    const l = await line('Received: 14/03/2018 21:42');
    expectScope(l, 'Received', 'keyword.other.field.ilog');
    expectScope(l, ':', 'punctuation.separator.key-value.ilog');
    expectScope(l, '14/03/2018', 'constant.numeric.date.ilog');
    expectScope(l, '21:42', 'constant.numeric.time.ilog');
    const iso = await line('received : 2018-03-14T21:42:05');
    expectScope(iso, 'received', 'keyword.other.field.ilog');
    expectScope(iso, '2018-03-14', 'constant.numeric.date.ilog');
    expectScope(iso, '21:42:05', 'constant.numeric.time.ilog');
    for (const field of ['Opening', 'Reporter', 'Location', 'Closing']) {
      expectScope(await line(`${field}: DOMESTIC`), field, 'keyword.other.field.ilog');
    }
  });

  it('colours victim and suspect labels in fields', async () => {
    const v = await line('Victim: V1 female, 34, repeat victim');
    expectScope(v, 'Victim', 'keyword.other.field.ilog');
    expectScope(v, 'V1', 'variable.other.label.victim.ilog');
    const s = await line("Suspect: S2 V1's uncle");
    expectScope(s, 'S2', 'variable.other.label.suspect.ilog');
    expectScope(s, 'V1', 'variable.other.label.victim.ilog');
    expectNoScope(s, 'uncle', 'variable');
  });

  it('reads a log entry: date, time, author, labels in the text, and its continuation lines', async () => {
    const lines = await tokenize(
      [
        '21:42 CH1234: Caller says S1 is kicking the door of V1 at 21:30 on 12/03/2018.',
        '    He has done this three times this week, says V2.',
        '   # an indented comment ends the entry',
        '15/03/2018 09:10 CRT22: Crimes recorded. Crime: 8N',
        'Crime: 8N',
      ].join('\n'),
    );
    const [first, cont, comment, dated, after] = lines;
    expectScope(first, '21:42', 'constant.numeric.time.ilog');
    expectScope(first, 'CH1234', 'entity.name.tag.author.ilog');
    expectScope(first, 'CH1234', 'meta.entry.ilog');
    expectScope(first, 'S1', 'variable.other.label.suspect.ilog');
    expectScope(first, 'V1', 'variable.other.label.victim.ilog');
    expectScope(first, '21:30', 'constant.numeric.time.ilog');
    expectScope(first, '12/03/2018', 'constant.numeric.date.ilog');
    expectNoScope(first, 'Caller says', 'variable');
    expectWithin(cont, 'He has done this', 'meta.entry.ilog');
    expectScope(cont, 'V2', 'variable.other.label.victim.ilog');
    expectScope(comment, '# an indented comment ends the entry', 'comment.line.number-sign.ilog');
    expectNoScope(comment, 'an indented', 'meta.entry');
    expectScope(dated, '15/03/2018', 'constant.numeric.date.ilog');
    expectScope(dated, '09:10', 'constant.numeric.time.ilog');
    expectScope(dated, 'CRT22', 'entity.name.tag.author.ilog');
    // A decision keyword inside narrative text is narrative.
    expectNoScope(dated, 'Crime', 'keyword');
    // The next unindented line is not a continuation.
    expectScope(after, 'Crime', 'keyword.control.decision.ilog');
    expectNoScope(after, 'Crime', 'meta.entry');
  });

  it('reads a Crime line: offence code, title, attribute keys and their values', async () => {
    const l = await line('Crime: 8N Assault with injury | victim V1 | recorded 15/03/2018 09:10 | ref 20/1234/18 | flags DA, HATE-RACE');
    expectScope(l, 'Crime', 'keyword.control.decision.ilog');
    expectScope(l, '8N', 'entity.name.type.offence-code.ilog');
    expectNoScope(l, 'Assault with injury', 'entity');
    for (const key of ['victim', 'recorded', 'ref', 'flags']) expectScope(l, key, 'entity.other.attribute-name.ilog');
    expectScope(l, '|', 'punctuation.separator.attribute.ilog');
    expectScope(l, 'V1', 'variable.other.label.victim.ilog');
    expectScope(l, '15/03/2018', 'constant.numeric.date.ilog');
    expectScope(l, '09:10', 'constant.numeric.time.ilog');
    expectScope(l, '20/1234/18', 'string.unquoted.crime-reference.ilog');
    expectScope(l, 'DA', 'constant.language.flag.ilog');
    expectScope(l, 'HATE-RACE', 'constant.language.flag.ilog');
    expectScope(await line('crime: 105A'), '105A', 'entity.name.type.offence-code.ilog');
    expectScope(await line('Crime: 4/1 Murder'), '4/1', 'entity.name.type.offence-code.ilog');
    // No code: the title is not taken for one.
    expectNoScope(await line('Crime: Assault | victim V1'), 'Assault', 'entity');
  });

  it('reads an N100 line, whose first segment is already an attribute', async () => {
    const l = await line('N100: recorded 15/03/2018 09:10 | victim V1 | reason awaiting ABE | converted 18/44310/18');
    expectScope(l, 'N100', 'keyword.control.decision.n100.ilog');
    expectScope(l, 'recorded', 'entity.other.attribute-name.ilog');
    expectScope(l, '15/03/2018', 'constant.numeric.date.ilog');
    expectScope(l, 'reason', 'entity.other.attribute-name.ilog');
    expectNoScope(l, 'awaiting ABE', 'entity');
    expectScope(l, '18/44310/18', 'string.unquoted.crime-reference.ilog');
  });

  it('reads a Cancelled line: crime reference, C-code, role and informed', async () => {
    const l = await line('Cancelled: 18/44310/18 C2 | by DDM | at 12/06/2018 15:00 | avi CCTV shows V1 elsewhere | informed yes');
    expectScope(l, 'Cancelled', 'keyword.control.decision.ilog');
    expectScope(l, '18/44310/18', 'string.unquoted.crime-reference.ilog');
    expectScope(l, 'C2', 'constant.language.cancellation-class.ilog');
    expectScope(l, 'by', 'entity.other.attribute-name.ilog');
    expectScope(l, 'DDM', 'entity.name.tag.role.ilog');
    expectScope(l, '12/06/2018', 'constant.numeric.date.ilog');
    expectScope(l, 'avi', 'entity.other.attribute-name.ilog');
    expectScope(l, 'yes', 'constant.language.boolean.ilog');
    for (const c of ['C1', 'C3', 'C4', 'C5']) expectScope(await line(`Cancelled: 17/1/17 ${c}`), c, 'constant.language.cancellation-class.ilog');
    const bare = await line('Cancelled: C3 | informed no');
    expectScope(bare, 'C3', 'constant.language.cancellation-class.ilog');
    expectScope(bare, 'no', 'constant.language.boolean.ilog');
  });

  it('reads No crime, with any spacing between its words', async () => {
    const l = await line('No  crime: words only, says S1');
    expectScope(l, 'No  crime', 'keyword.control.decision.ilog');
    expectScope(l, 'S1', 'variable.other.label.suspect.ilog');
    expectNoScope(await line('Nothing: x'), 'Nothing', 'keyword');
  });

  it('colours suppression directives: the directive, rule ids and the reason', async () => {
    const l = await line('# counting-rules-disable-next-line late-recording, domestic-abuse-flag -- system outage 03/09/2019');
    expectScope(l, '#', 'punctuation.definition.comment.ilog');
    expectScope(l, 'counting-rules-disable-next-line', 'keyword.control.directive.ilog');
    expectScope(l, 'late-recording', 'constant.language.rule-id.ilog');
    expectScope(l, 'domestic-abuse-flag', 'constant.language.rule-id.ilog');
    expectScope(l, '--', 'punctuation.separator.reason.ilog');
    expectScope(l, 'system outage 03/09/2019', 'string.unquoted.reason.ilog');
    expectWithin(l, 'late-recording', 'comment.line.number-sign.directive.ilog');
    const bare = await line('  #counting-rules-disable late-recording');
    expectScope(bare, 'counting-rules-disable', 'keyword.control.directive.ilog');
    expectScope(bare, 'late-recording', 'constant.language.rule-id.ilog');
    // Not a directive the parser knows: a plain comment.
    const other = await line('# counting-rules-disable-line late-recording');
    expectNoScope(other, 'counting-rules-disable-line', 'keyword');
    expectWithin(other, 'late-recording', 'comment.line.number-sign.ilog');
  });

  it('colours # expect: annotations and leaves other comments plain', async () => {
    const l = await line('# expect: missing-n100 19C 8N');
    expectScope(l, 'expect', 'keyword.other.expect.ilog');
    expectScope(l, 'missing-n100', 'constant.language.rule-id.ilog');
    expectScope(l, '19C', 'entity.name.type.offence-code.ilog');
    expectScope(l, '8N', 'entity.name.type.offence-code.ilog');
    expectScope(await line('# expect: none'), 'none', 'constant.language.none.ilog');
    const plain = await line('# basis: V1 said on 12/03/2018 Crime: 8N');
    expectWithin(plain, 'V1', 'comment.line.number-sign.ilog');
    expectNoScope(plain, 'V1', 'variable');
    expectNoScope(plain, '12/03/2018', 'constant');
  });

  it('leaves unknown fields and stray text uncoloured (the server reports them)', async () => {
    expectNoScope(await line('Recieved: 14/03/2018 21:42'), 'Recieved', 'keyword');
    expectNoScope(await line('hello there'), 'hello', 'keyword');
  });

  it('gives every line of every .ilog file in the repository its kind', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ilog')) files.push(p);
      }
    };
    walk(path.join(ROOT, 'examples'));
    walk(path.join(ROOT, 'test', 'cases'));
    assert.ok(files.length >= 5, `only ${files.length} .ilog files found`);
    const keywords = new Set(KEYWORDS.map((k) => k.toLowerCase()));
    const seen = { comment: 0, incident: 0, entry: 0, continuation: 0, keyword: 0 };
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split(/\r?\n/);
      const tokens = await tokenize(text);
      let inEntry = false;
      lines.forEach((l, i) => {
        const where = `${path.relative(ROOT, file)}:${i + 1}: ${l}`;
        const first = tokens[i].find((t) => t.text.trim() !== '');
        if (!first) {
          inEntry = false;
          return;
        }
        if (/^\s*#/.test(l)) {
          assert.ok(first.scopes.some((s) => s.startsWith('comment.line.number-sign')), where);
          inEntry = false;
          seen.comment++;
        } else if (/^incident(?=[ \t]|$)/i.test(l)) {
          assert.ok(first.scopes.includes('keyword.control.incident.ilog'), where);
          inEntry = false;
          seen.incident++;
        } else if (/^\d/.test(l)) {
          assert.ok(first.scopes.includes('meta.entry.ilog'), where);
          inEntry = true;
          seen.entry++;
        } else if (/^\s/.test(l) && inEntry) {
          assert.ok(tokens[i].every((t) => t.scopes.includes('meta.entry.ilog')), where);
          seen.continuation++;
        } else {
          inEntry = false;
          const m = /^([A-Za-z]+(?:[ \t]+[A-Za-z]+)?)[ \t]*:/.exec(l);
          if (m && keywords.has(m[1].toLowerCase().replace(/[ \t]+/g, ' '))) {
            assert.ok(first.scopes.some((s) => s.startsWith('keyword.')), where);
            seen.keyword++;
          }
        }
      });
    }
    for (const [kind, n] of Object.entries(seen)) assert.ok(n > 0, `no ${kind} lines in the corpus`);
  });

  it('covers every keyword the parser knows', async () => {
    for (const k of KEYWORDS) {
      const l = await line(`${k}: x`);
      expectScope(l, k, k === 'N100' ? 'keyword.control.decision.n100.ilog' : /^(crime|cancelled|no crime)$/i.test(k) ? 'keyword.control.decision.ilog' : 'keyword.other.field.ilog');
    }
  });
});
