/**
 * The parser: every example in FORMAT.md, line endings, exact ranges, dates
 * and clock changes, structure findings that must and must not fire, and
 * arbitrary input that must never make it throw.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLogFile, type CrimeDecision, type CancelledDecision, type N100Decision, type Incident } from '../../server/src/core';
import { localToInstant, formatDuration, HOUR } from '../../server/src/parser/dates';

const rules = (inc: Incident | { findings: { rule: string }[] }) => inc.findings.map((f) => f.rule);

const WHOLE_EXAMPLE = `# Domestic abuse: threats at the door, injury disclosed later
Incident 2018/0314/0457
Received: 14/03/2018 21:42
Opening: DOMESTIC
Reporter: victim
Victim: V1 female, 34, repeat victim
Suspect: S1 ex-partner

21:42 CH1234: Caller says S1 is kicking her front door and threatening to
    beat her up if she does not let him in. She sounds terrified.
21:58 PC5678: Attended. S1 gone on arrival. V1 says he punched her in the face
    last week and she did not report it. Bruising to left cheek seen.
15/03/2018 09:10 CRT22: Crimes recorded.

Crime: 8N Assault with injury | victim V1 | recorded 15/03/2018 09:10 | ref 20/1234/18 | flags DA
Closing: DOMESTIC - CRIME RECORDED
`;

describe('parser: FORMAT.md', () => {
  it('reads the whole example: fields, entries with continuations, a decision, with no findings', () => {
    const f = parseLogFile(WHOLE_EXAMPLE);
    assert.equal(f.incidents.length, 1);
    const inc = f.incidents[0];
    assert.deepEqual(rules(inc), []);
    assert.equal(inc.id, '2018/0314/0457');
    assert.equal(inc.startLine, 1);
    assert.equal(inc.received?.text, '14/03/2018 21:42');
    assert.equal(inc.opening?.value, 'DOMESTIC');
    assert.equal(inc.reporter?.kind, 'victim');
    assert.deepEqual(inc.victims.map((v) => [v.label, v.sex, v.age]), [['V1', 'female', 34]]);
    assert.equal(inc.suspects[0].label, 'S1');
    assert.equal(inc.entries.length, 3);
    assert.equal(inc.entries[0].author, 'CH1234');
    assert.equal(inc.entries[0].text, 'Caller says S1 is kicking her front door and threatening to beat her up if she does not let him in. She sounds terrified.');
    assert.equal(inc.entries[0].lineCount, 2);
    assert.equal(inc.entries[2].dated, true);
    const crime = inc.decisions[0] as CrimeDecision;
    assert.equal(crime.kind, 'crime');
    assert.equal(crime.code, '8N');
    assert.equal(crime.title, 'Assault with injury');
    assert.equal(crime.victim, 'V1');
    assert.equal(crime.ref, '20/1234/18');
    assert.deepEqual(crime.flags, ['DA']);
    assert.equal(crime.recorded?.text, '15/03/2018 09:10');
    assert.equal(inc.closing?.value, 'DOMESTIC - CRIME RECORDED');
  });

  it('keeps exact source ranges (relative to the incident)', () => {
    const inc = parseLogFile(WHOLE_EXAMPLE).incidents[0];
    const crime = inc.decisions[0] as CrimeDecision;
    // "Crime: 8N Assault ..." is relative line 13 of the incident (line 0 is the Incident line).
    assert.equal(crime.line, 13);
    assert.deepEqual(crime.codeRange, { start: { line: 13, character: 7 }, end: { line: 13, character: 9 } });
    assert.deepEqual(inc.idRange, { start: { line: 0, character: 9 }, end: { line: 0, character: 23 } });
    const e = inc.entries[0];
    assert.deepEqual(e.timeRange, { start: { line: 7, character: 0 }, end: { line: 7, character: 5 } });
    assert.deepEqual(e.authorRange, { start: { line: 7, character: 6 }, end: { line: 7, character: 12 } });
    assert.deepEqual(e.range.end, { line: 8, character: 65 });
  });

  it('reads the table rows of FORMAT.md: a comment directive, an entry, a continuation, a field', () => {
    const text = [
      'Incident A-1',
      '# counting-rules-disable-next-line late-recording -- system outage',
      'Received: 14/03/2018 21:42',
      '21:42 CH1234: Caller says her ex-partner is kicking the door.',
      '    He has done this three times this week.',
    ].join('\n');
    const inc = parseLogFile(text).incidents[0];
    assert.deepEqual(rules(inc), []);
    assert.equal(inc.directives[0].kind, 'disable-next-line');
    assert.deepEqual(inc.directives[0].rules.map((r) => r.id), ['late-recording']);
    assert.equal(inc.directives[0].reason, 'system outage');
    assert.equal(inc.entries[0].text, 'Caller says her ex-partner is kicking the door. He has done this three times this week.');
  });

  it('reads every decision line of FORMAT.md with its attributes', () => {
    const text = [
      'Incident B-1',
      'Received: 2018-03-14 21:42',
      'Crime: 105A | victim V1 | recorded 2018-03-14 22:00 | ref 1/2/3 | flags DA, HATE-RACE',
      'N100: recorded 2018-03-14 22:00 | victim V1 | ref N1 | reason third party | converted 1/2/3',
      'Cancelled: 1/2/3 C2 | by FCR | at 2018-03-15 10:00 | avi CCTV shows | reason mistaken | informed yes',
      'No crime: civil dispute over rent',
    ].join('\n');
    const inc = parseLogFile(text).incidents[0];
    assert.deepEqual(rules(inc), []);
    const [c, n, x, nc] = inc.decisions;
    assert.deepEqual((c as CrimeDecision).flags, ['DA', 'HATE-RACE']);
    assert.equal((c as CrimeDecision).title, undefined);
    assert.equal((n as N100Decision).converted?.value, '1/2/3');
    assert.equal((x as CancelledDecision).crimeRef, '1/2/3');
    assert.equal((x as CancelledDecision).cClass, 'C2');
    assert.equal((x as CancelledDecision).by?.value, 'FCR');
    assert.equal((x as CancelledDecision).informed?.value, 'yes');
    assert.equal(nc.kind, 'no-crime');
    assert.equal(inc.dateStyle, 'iso');
  });

  it('is case-insensitive for keywords and free with space around : and |', () => {
    const inc = parseLogFile('INCIDENT c-1\nRECEIVED : 01/01/2019 10:00\nno CRIME :  lost property\ncrime:49|victim V1|recorded 01/01/2019 11:00').incidents[0];
    assert.deepEqual(rules(inc), []);
    assert.equal(inc.decisions.length, 2);
  });
});

describe('parser: files', () => {
  it('keeps CRLF files identical in structure to LF files', () => {
    const lf = parseLogFile(WHOLE_EXAMPLE);
    const crlf = parseLogFile(WHOLE_EXAMPLE.replace(/\n/g, '\r\n'));
    assert.equal(crlf.eol, '\r\n');
    assert.equal(lf.eol, '\n');
    assert.deepEqual(crlf.incidents[0].entries.map((e) => e.text), lf.incidents[0].entries.map((e) => e.text));
    assert.deepEqual(crlf.incidents[0].decisions[0].range, lf.incidents[0].decisions[0].range);
    assert.deepEqual(rules(crlf.incidents[0]), []);
  });

  it('accepts a file with no incidents, only comments', () => {
    const f = parseLogFile('# nothing yet\n\n# still nothing\n');
    assert.equal(f.incidents.length, 0);
    assert.deepEqual(f.findings, []);
  });

  it('reports text before the first incident as syntax, and still parses the incident', () => {
    const f = parseLogFile('Notes from the shift\nIncident D-1\nReceived: 01/01/2019 10:00\n');
    assert.deepEqual(f.findings.map((x) => x.rule), ['syntax']);
    assert.deepEqual(f.findings[0].range.start, { line: 0, character: 0 });
    assert.equal(f.incidents[0].startLine, 1);
    assert.deepEqual(rules(f.incidents[0]), []);
  });

  it('places incidents at the right lines and counts every line', () => {
    const f = parseLogFile('# a\nIncident E-1\nReceived: 01/01/2019 10:00\n\nIncident E-2\nReceived: 01/01/2019 10:00');
    assert.deepEqual(f.incidents.map((i) => [i.id, i.startLine, i.lineCount]), [['E-1', 1, 3], ['E-2', 4, 2]]);
    assert.equal(f.lineCount, 6);
  });

  it('reports a duplicate incident id on the second, linking the first', () => {
    const f = parseLogFile('Incident F-1\nReceived: 01/01/2019 10:00\nIncident F-1\nReceived: 01/01/2019 10:00\n');
    assert.deepEqual(f.findings.map((x) => x.rule), ['duplicate-incident']);
    assert.equal(f.findings[0].range.start.line, 2);
    assert.equal(f.findings[0].related?.[0].range.start.line, 0);
  });

  it('does not take "Incident:" or an indented Incident for a new incident', () => {
    const f = parseLogFile('Incident G-1\nReceived: 01/01/2019 10:00\nIncident: x\n  Incident G-2\n');
    assert.equal(f.incidents.length, 1);
  });
});

describe('parser: dates, times and clock changes', () => {
  it('gives time-only entries the date of the previous dated line, rolling over midnight', () => {
    const inc = parseLogFile('Incident H-1\nReceived: 31/12/2019 23:50\n23:55 A1: one\n00:10 A1: two\n02/01/2020 09:00 A1: three\n09:30 A1: four').incidents[0];
    assert.deepEqual(
      inc.entries.map((e) => `${e.date?.day}/${e.date?.month}/${e.date?.year}`),
      ['31/12/2019', '1/1/2020', '2/1/2020', '2/1/2020'],
    );
  });

  it('honours Europe/London clock changes in durations', () => {
    // Clocks went back at 02:00 BST on 27 October 2019.
    const a = localToInstant({ year: 2019, month: 10, day: 26 }, { hour: 22, minute: 0, second: 0, hasSeconds: false }).epoch;
    const b = localToInstant({ year: 2019, month: 10, day: 27 }, { hour: 21, minute: 30, second: 0, hasSeconds: false }).epoch;
    assert.equal(b - a, 24.5 * HOUR);
    // Clocks went forward at 01:00 GMT on 31 March 2019.
    const c = localToInstant({ year: 2019, month: 3, day: 30 }, { hour: 20, minute: 0, second: 0, hasSeconds: false }).epoch;
    const d = localToInstant({ year: 2019, month: 3, day: 31 }, { hour: 20, minute: 30, second: 0, hasSeconds: false }).epoch;
    assert.equal(d - c, 23.5 * HOUR);
    assert.equal(formatDuration(30 * HOUR + 15 * 60_000), '30 h 15 min');
  });

  it('reports a time that did not exist (the spring-forward hour)', () => {
    const inc = parseLogFile('Incident H-2\nReceived: 31/03/2019 01:30\n').incidents[0];
    assert.deepEqual(rules(inc), ['invalid-date']);
  });

  it('reports impossible dates and offers the normalised form for loose ones', () => {
    const bad = parseLogFile('Incident H-3\nReceived: 31/02/2019 10:00\n').incidents[0];
    assert.deepEqual(rules(bad), ['invalid-date']);
    const loose = parseLogFile('Incident H-4\nReceived: 01/03/2019 10:00\n4/3/2019 9:05 A1: text').incidents[0];
    assert.deepEqual(rules(loose), ['invalid-date']);
    assert.equal(loose.findings[0].fixes?.[0].edits[0].text, '04/03/2019 09:05');
    assert.equal(loose.findings[0].fixes?.[0].preferred, true);
  });

  it('accepts both date styles and the T separator, with seconds', () => {
    const inc = parseLogFile('Incident H-5\nReceived: 2019-03-01T10:00:30\n2019-03-01 10:05:00 A1: ok').incidents[0];
    assert.deepEqual(rules(inc), []);
    assert.equal(inc.received?.time.second, 30);
  });
});

describe('parser: structure findings fire, and do not fire', () => {
  const cases: [string, string, string[]][] = [
    ['missing-received', 'Incident S-1\nReporter: victim\n', ['missing-received']],
    ['Received present', 'Incident S-2\nReceived: 01/01/2019 10:00\n', []],
    ['missing-recorded-time', 'Incident S-3\nReceived: 01/01/2019 10:00\nCrime: 49 | victim V1\n', ['missing-recorded-time']],
    ['recorded present', 'Incident S-4\nReceived: 01/01/2019 10:00\nCrime: 49 | victim V1 | recorded 01/01/2019 11:00\n', []],
    ['N100 without recorded', 'Incident S-5\nReceived: 01/01/2019 10:00\nN100: victim V1\n', ['missing-recorded-time']],
    ['unknown-field', 'Incident S-6\nReceived: 01/01/2019 10:00\nRecieved: x\n', ['unknown-field']],
    ['unknown attribute', 'Incident S-7\nReceived: 01/01/2019 10:00\nCrime: 49 | recorded 01/01/2019 11:00 | victm V1\n', ['unknown-field']],
    ['unknown flag', 'Incident S-8\nReceived: 01/01/2019 10:00\nCrime: 49 | recorded 01/01/2019 11:00 | flags DV\n', ['unknown-field']],
    ['duplicate-field', 'Incident S-9\nReceived: 01/01/2019 10:00\nOpening: A\nOpening: B\n', ['duplicate-field']],
    ['two victims are allowed', 'Incident S-10\nReceived: 01/01/2019 10:00\nVictim: V1 male, 3\nVictim: V2 female, 4\n', []],
    ['duplicate attribute', 'Incident S-11\nReceived: 01/01/2019 10:00\nCrime: 49 | recorded 01/01/2019 11:00 | ref a | ref b\n', ['duplicate-field']],
    ['syntax: a line of prose', 'Incident S-12\nReceived: 01/01/2019 10:00\nCaller rang off\n', ['syntax']],
    ['syntax: an indent that continues nothing', 'Incident S-13\nReceived: 01/01/2019 10:00\n    stray\n', ['syntax']],
    ['syntax: a Cancelled line without a class', 'Incident S-14\nReceived: 01/01/2019 10:00\nCancelled: 1/2/3 | by FCR | informed yes\n', ['syntax']],
    ['syntax: an incident without an id', 'Incident\nReceived: 01/01/2019 10:00\n', ['syntax']],
    ['unexplained-disable', 'Incident S-15\n# counting-rules-disable late-recording\nReceived: 01/01/2019 10:00\n', ['unexplained-disable']],
    ['a disable with a reason', 'Incident S-16\n# counting-rules-disable late-recording -- recorded on paper\nReceived: 01/01/2019 10:00\n', []],
    ['a directive naming an unknown rule', 'Incident S-17\n# counting-rules-disable late-recordin -- typo\nReceived: 01/01/2019 10:00\n', ['syntax']],
    ['an ordinary comment', 'Incident S-18\n# counting the rules is fun\nReceived: 01/01/2019 10:00\n', []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const f = parseLogFile(text);
      const all = [...f.findings, ...f.incidents.flatMap((i) => i.findings)].map((x) => x.rule).sort();
      assert.deepEqual(all, [...expected].sort());
    });
  }

  it('offers did-you-mean for a misspelt field, but not a field the incident already has once', () => {
    const inc = parseLogFile('Incident S-19\nReceived: 01/01/2019 10:00\nReporterr: victim\n').incidents[0];
    assert.equal(inc.findings[0].fixes?.[0].edits[0].text, 'Reporter');
    const twice = parseLogFile('Incident S-20\nReceived: 01/01/2019 10:00\nRecieved: x\n').incidents[0];
    assert.deepEqual(twice.findings[0].fixes ?? [], []);
  });
});

describe('parser: never throws', () => {
  const alphabet = fc.constantFrom(
    'Incident ', 'Received: ', 'Crime: ', 'N100: ', 'Cancelled: ', 'No crime: ', 'Victim: ', '|', ' ', '\n', '\r\n', '\r', '\t', '#', '-- ',
    'counting-rules-disable', '01/02/2019', '2019-02-30', '25:61', '12:00', 'C2', '8N', 'V1', 'é', '\u{1F600}', '\u2028', '\ufeff', ':', 'a', '0',
  );
  it('on random text made of the format\u2019s own pieces (seeded)', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), (text) => {
        const f = parseLogFile(text);
        assert.ok(f.lineCount >= 1);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
  it('on arbitrary unicode strings (seeded)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        parseLogFile(text);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
