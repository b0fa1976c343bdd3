/**
 * The pieces under the command line: a long text checked a slice at a time,
 * a very large file read in parts, gives exactly what the core gives for the
 * whole text; strict UTF-8; globs; the order of discovery.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker } from '../../server/src/core';
import { decodeStrict, firstInvalidByte } from '../../server/src/cli/decode';
import { discover } from '../../server/src/cli/discover';
import { cliFindings, type CliFinding } from '../../server/src/cli/findings';
import { globToRegExp, splitGlob } from '../../server/src/cli/glob';
import { SLICE_CHARS } from '../../server/src/cli/job';
import { run, type RunOptions } from '../../server/src/cli/run';
import { fileText, generateFiles } from '../../bench/generate';
import { tempDir } from './helpers';

async function findingsOf(options: Partial<RunOptions> & { inputs: string[]; cwd: string }): Promise<{ findings: CliFinding[]; incidents: number }> {
  const findings: CliFinding[] = [];
  const totals = await run({ mode: 'check', jobs: 0, ...options }, { findings: (_f, list) => findings.push(...list), problem: (w, m) => assert.fail(`${w}: ${m}`) });
  return { findings, incidents: totals.incidents };
}

/** What the core reports for the whole text at once, in command-line form. */
function coreFindings(text: string, file: string): CliFinding[] {
  return cliFindings(new Checker().check(text.replace(/^\ufeff/, '')), file);
}

describe('cli: checking in slices and parts', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof tempDir>;
  let text: string;

  before(() => {
    tmp = tempDir();
    const generated = fileText(generateFiles({ seed: 99, incidents: 1_200 }).next().value!);
    // Whole-file things the pieces must get right: a file-wide directive in the preamble, an id
    // repeated far apart (and three times), an incident from before the earliest edition.
    const old = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'domestic-abuse.ilog'), 'utf8').replace('Incident WM-2018-0412-0871', 'Incident OLD-1').replace('12/04/2018', '12/04/2013').replace(/Incident WM-2018-0602-2051[\s\S]*$/, '');
    const lines = generated.split('\n');
    const ids = lines.filter((l) => l.startsWith('Incident ')).map((l) => l.slice(9));
    text =
      '\ufeff# counting-rules-disable equality-data -- the force does not hold equality data here\n' +
      generated.replace(`Incident ${ids[900]}\n`, `Incident ${ids[3]}\n`).replace(`Incident ${ids[1100]}\n`, `Incident ${ids[3]}\n`) +
      old;
    fs.writeFileSync(path.join(tmp.dir, 'big.ilog'), text);
  });
  after(() => tmp.cleanup());

  it('a text longer than a slice gives the same findings as the core on the whole text', async () => {
    assert.ok(text.length > 1.5 * SLICE_CHARS, 'more than one slice');
    const core = coreFindings(text, 'big.ilog');
    const sliced = await findingsOf({ inputs: ['big.ilog'], cwd: tmp.dir });
    assert.ok(core.some((f) => f.rule === 'duplicate-incident'));
    assert.equal(core.filter((f) => f.rule === 'edition-not-covered').length, 1);
    assert.equal(sliced.incidents, 1_201);
    assert.deepEqual(sliced.findings, core);
  });

  it('a very large file read in parts, on worker threads, gives the same findings again', async () => {
    const core = coreFindings(text, 'big.ilog');
    const parts = await findingsOf({ inputs: ['big.ilog'], cwd: tmp.dir, splitAbove: 10_000, partBytes: 40_000, jobs: 2, workerScript: path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'worker.js') });
    assert.deepEqual(parts.findings, core);
  });

  it('a bad byte deep in a file read in parts is reported at its line in the file', async () => {
    const lines = text.split('\n');
    const at = lines.length - 40;
    const bytes = Buffer.concat([Buffer.from(lines.slice(0, at).join('\n') + '\n'), Buffer.from([0xff]), Buffer.from(lines.slice(at).join('\n'))]);
    fs.writeFileSync(path.join(tmp.dir, 'bad.ilog'), bytes);
    const problems: string[] = [];
    await run({ inputs: ['bad.ilog'], cwd: tmp.dir, mode: 'check', jobs: 0, splitAbove: 10_000, partBytes: 40_000 }, { problem: (w, m) => problems.push(`${w}: ${m}`) });
    assert.equal(problems.length, 1);
    assert.match(problems[0], new RegExp(`^bad\\.ilog: not valid UTF-8 \\(byte 0xFF at line ${at + 1}, byte offset ${Buffer.byteLength(lines.slice(0, at).join('\n') + '\n')}\\)`));
  });

  it('audits a file read in parts as it audits the whole', async () => {
    const { auditFiles } = await import('../../server/src/cli/audit');
    const whole = await auditFiles(['big.ilog'], { cwd: tmp.dir });
    const parted = await auditFiles(['big.ilog'], { cwd: tmp.dir, splitAbove: 10_000, partBytes: 25_000 });
    assert.deepEqual(parted, whole);
    assert.equal(whole.scope.incidents, 1_201);
    assert.equal(whole.findings.byRule.find((r) => r.rule === 'duplicate-incident')?.count, 2);
  });
});

describe('cli: strict UTF-8', () => {
  it('decodes UTF-8 and removes a byte-order mark', () => {
    const r = decodeStrict(Buffer.from('\ufeffCafé – ok\n'));
    assert.deepEqual(r, { ok: true, text: 'Café – ok\n', bom: true });
  });

  it('finds the first invalid byte: stray, overlong, surrogate, truncated, above U+10FFFF', () => {
    const cases: [number[], number][] = [
      [[0x61, 0x80], 1],
      [[0x61, 0xc0, 0xaf], 1],
      [[0xe0, 0x80, 0xaf], 0],
      [[0x61, 0x62, 0xed, 0xa0, 0x80], 2],
      [[0x61, 0xe2, 0x82], 1],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0xe2, 0x82, 0xac, 0xff], 3],
    ];
    for (const [bytes, at] of cases) {
      assert.equal(firstInvalidByte(Uint8Array.from(bytes)), at, bytes.map((b) => b.toString(16)).join(' '));
      const r = decodeStrict(Uint8Array.from(bytes));
      assert.equal(r.ok, false);
    }
    assert.equal(firstInvalidByte(Buffer.from('€ and 😀')), Buffer.byteLength('€ and 😀'));
  });

  it('says on which line the bad byte is', () => {
    const r = decodeStrict(Buffer.concat([Buffer.from('one\r\ntwo\nthree '), Buffer.from([0xa3]), Buffer.from('5\n')]));
    assert.equal(r.ok, false);
    assert.equal(r.ok === false && r.line, 3);
  });
});

describe('cli: globs and discovery', () => {
  it('compiles simple globs', () => {
    const cases: [string, string[], string[]][] = [
      ['**/*.ilog', ['a.ilog', 'x/y/a.ilog'], ['a.log', 'x/a.ilogx']],
      ['*.ilog', ['a.ilog'], ['x/a.ilog']],
      ['2023-??/*.ilog', ['2023-04/a.ilog'], ['2023-4/a.ilog', '2023-04/b/a.ilog']],
      ['{north,south}/**/day-[0-9].ilog', ['north/day-1.ilog', 'south/a/b/day-9.ilog'], ['east/day-1.ilog', 'north/day-x.ilog']],
    ];
    for (const [glob, yes, no] of cases) {
      const re = globToRegExp(glob);
      for (const p of yes) assert.ok(re.test(p), `${glob} matches ${p}`);
      for (const p of no) assert.ok(!re.test(p), `${glob} does not match ${p}`);
    }
    assert.deepEqual(splitGlob('logs/2023/**/*.ilog'), { base: 'logs/2023', rest: '**/*.ilog' });
    assert.deepEqual(splitGlob('*.ilog'), { base: '.', rest: '*.ilog' });
  });

  it('finds files in a stable order, skipping hidden folders and node_modules, never twice', async () => {
    const tmp = tempDir();
    try {
      for (const f of ['b/2.ilog', 'b/1.ilog', 'a.ilog', 'c/notes.txt', '.git/x.ilog', 'node_modules/y.ilog', 'b/deeper/3.ilog']) {
        fs.mkdirSync(path.dirname(path.join(tmp.dir, f)), { recursive: true });
        fs.writeFileSync(path.join(tmp.dir, f), '');
      }
      const problems: string[] = [];
      const found: string[] = [];
      for await (const f of discover(['.', 'b/1.ilog', 'c', 'c/*.ilog'], tmp.dir, (p) => problems.push(p.message))) found.push(f.display);
      assert.deepEqual(found, ['a.ilog', 'b/1.ilog', 'b/2.ilog', 'b/deeper/3.ilog']);
      assert.deepEqual(problems, ['no .ilog files in c', "no files match 'c/*.ilog'"]);
    } finally {
      tmp.cleanup();
    }
  });
});
