/**
 * `npm run bench`: the command-line tool and the checker measured at a
 * force's scale, on this machine, against the targets in the issue.
 *
 * For 1k, 10k, 100k and 900k incidents (a year of a large force), generated
 * by bench/generate.ts with a fixed seed into bench-results/ (git-ignored,
 * reused while the generator and seed are unchanged):
 *
 * - `counting-rules check --format json` and `counting-rules audit --format
 *   json` as child processes: wall time, incidents/s, MB/s, peak RSS of the
 *   whole process (workers included, from the kernel via rss-hook);
 * - the floor: a Node process that only reads the same files and splits
 *   them into lines; the tool's time as a multiple of it;
 * - at 10k, how often the findings agree with the generator's ground truth.
 *
 * Then the language server's work, in process: a 1,000-incident document
 * checked from cold (a new checker, the lexicon already compiled, as in a
 * running server) and re-checked after a one-character edit; medians.
 *
 * Options: --sizes 1000,10000 (default all four), --no-audit, --clean
 * (delete the generated logs afterwards), --runs N (repeats for sizes up to
 * 10k; default 3).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker } from '../server/src/core';
import { ensureLogs, fileText, generateFiles } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'bench-results');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const HOOK = path.join(__dirname, 'rss-hook.js');
const FLOOR = path.join(__dirname, 'floor.js');
const SEED = 20220401;

const TARGET = { yearIncidents: 900_000, yearSeconds: 30, peakMb: 512, fullMs: 20, keystrokeMs: 5 };

interface Args {
  sizes: number[];
  audit: boolean;
  clean: boolean;
  runs: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { sizes: [1_000, 10_000, 100_000, 900_000], audit: true, clean: false, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') a.sizes = argv[++i].split(',').map((s) => Number(s.replace(/k$/i, '000')));
    else if (argv[i] === '--no-audit') a.audit = false;
    else if (argv[i] === '--clean') a.clean = true;
    else if (argv[i] === '--runs') a.runs = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return a;
}

const log = (s: string) => process.stderr.write(s + '\n');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Timed {
  ms: number;
  peakMb: number;
  cpuS: number;
  status: number | null;
  stderr: string;
}

/** Runs the tool as a child process with the usage hook; output goes to a file. */
function runTool(args: string[]): Timed {
  const usageFile = path.join(RESULTS, `usage-${process.pid}.json`);
  fs.rmSync(usageFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', HOOK, CLI, ...args, '--no-progress'], {
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
  fs.rmSync(usageFile, { force: true });
  return { ms, peakMb: u.maxRssKb / 1024, cpuS: (u.userUs + u.systemUs) / 1e6, status: r.status, stderr: r.stderr };
}

function runFloor(dir: string): { wallMs: number; innerMs: number; lines: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [FLOOR, dir], { encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = JSON.parse(r.stdout) as { ms: number; lines: number };
  return { wallMs, innerMs: out.ms, lines: out.lines };
}

interface SizeResult {
  incidents: number;
  files: number;
  mb: number;
  lines: number;
  generated: 'reused' | 'written';
  floorMs: number;
  check: { ms: number; peakMb: number; cpuS: number; incidentsPerS: number; mbPerS: number; floorRatio: number; findings: number; exit: number | null };
  audit?: { ms: number; peakMb: number; incidentsPerS: number; floorRatio: number };
  agreement?: { incidents: number; agree: number; byScenario: Record<string, { n: number; agree: number }> };
}

/** Compares the check's findings (errors and warnings, by incident) with the generator's ground truth. */
function agreement(dir: string, findings: { incident: string | null; rule: string; severity: string }[]): SizeResult['agreement'] {
  const got = new Map<string, string[]>();
  for (const f of findings) {
    if (!f.incident || (f.severity !== 'error' && f.severity !== 'warning')) continue;
    let l = got.get(f.incident);
    if (!l) got.set(f.incident, (l = []));
    l.push(f.rule);
  }
  const byScenario: Record<string, { n: number; agree: number }> = {};
  let n = 0;
  let agree = 0;
  for (const line of fs.readFileSync(path.join(dir, 'truth.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const t = JSON.parse(line) as { id: string; scenario: string; expect: string[] };
    const mine = (got.get(t.id) ?? []).sort().join(',');
    const ok = mine === [...t.expect].sort().join(',');
    n++;
    if (ok) agree++;
    const s = (byScenario[t.scenario] ??= { n: 0, agree: 0 });
    s.n++;
    if (ok) s.agree++;
  }
  return { incidents: n, agree, byScenario };
}

function measureSize(size: number, args: Args): SizeResult {
  const dir = path.join(RESULTS, `logs-${size}`);
  const tGen = Date.now();
  const { manifest, reused } = ensureLogs(dir, { seed: SEED, incidents: size, truth: size === 10_000 });
  log(`  ${size.toLocaleString('en-GB')} incidents: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB (${reused ? 'reused' : `generated in ${((Date.now() - tGen) / 1000).toFixed(1)} s`})`);
  const mb = manifest.bytes / 1e6;
  const runs = size <= 10_000 ? Math.max(1, args.runs) : 1;

  const floors = Array.from({ length: runs }, () => runFloor(dir));
  const floorMs = median(floors.map((f) => f.wallMs));
  log(`    floor (read + split lines, one thread): ${floorMs.toFixed(0)} ms`);

  const outFile = path.join(RESULTS, `check-${size}.json`);
  const checks: Timed[] = [];
  for (let i = 0; i < runs; i++) checks.push(runTool(['check', dir, '--format', 'json', '-o', outFile]));
  const check = checks.sort((a, b) => a.ms - b.ms)[checks.length >> 1];
  if (check.status !== 0 && check.status !== 1) throw new Error(`check failed (exit ${check.status}): ${check.stderr}`);
  const output = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { findings: { incident: string | null; rule: string; severity: string }[]; summary: { incidents: number; findings: number; internalErrors: unknown[] } };
  if (output.summary.incidents !== size) throw new Error(`check saw ${output.summary.incidents} incidents, expected ${size}`);
  if (output.summary.internalErrors.length) throw new Error(`internal errors: ${JSON.stringify(output.summary.internalErrors.slice(0, 3))}`);
  const result: SizeResult = {
    incidents: size,
    files: manifest.files,
    mb,
    lines: floors[0].lines,
    generated: reused ? 'reused' : 'written',
    floorMs,
    check: {
      ms: check.ms,
      peakMb: check.peakMb,
      cpuS: check.cpuS,
      incidentsPerS: size / (check.ms / 1000),
      mbPerS: mb / (check.ms / 1000),
      floorRatio: check.ms / floorMs,
      findings: output.summary.findings,
      exit: check.status,
    },
  };
  if (size === 10_000) result.agreement = agreement(dir, output.findings);
  fs.rmSync(outFile, { force: true });
  log(
    `    check: ${(check.ms / 1000).toFixed(2)} s, ${Math.round(result.check.incidentsPerS).toLocaleString('en-GB')} incidents/s, ${result.check.mbPerS.toFixed(2)} MB/s, peak ${check.peakMb.toFixed(0)} MB, ${result.check.floorRatio.toFixed(1)}x the floor`,
  );

  if (args.audit) {
    const auditFile = path.join(RESULTS, `audit-${size}.json`);
    const audits: Timed[] = [];
    for (let i = 0; i < runs; i++) audits.push(runTool(['audit', dir, '--format', 'json', '-o', auditFile]));
    const audit = audits.sort((a, b) => a.ms - b.ms)[audits.length >> 1];
    if (audit.status !== 0) throw new Error(`audit failed (exit ${audit.status}): ${audit.stderr}`);
    const report = JSON.parse(fs.readFileSync(auditFile, 'utf8')) as { scope: { incidents: number } };
    if (report.scope.incidents !== size) throw new Error(`audit saw ${report.scope.incidents} incidents, expected ${size}`);
    fs.rmSync(auditFile, { force: true });
    result.audit = { ms: audit.ms, peakMb: audit.peakMb, incidentsPerS: size / (audit.ms / 1000), floorRatio: audit.ms / floorMs };
    log(`    audit: ${(audit.ms / 1000).toFixed(2)} s, ${Math.round(result.audit.incidentsPerS).toLocaleString('en-GB')} incidents/s, peak ${audit.peakMb.toFixed(0)} MB`);
  }
  if (args.clean) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

interface EditorResult {
  incidents: number;
  kb: number;
  fullMs: { median: number; min: number; max: number; runs: number };
  keystrokeMs: { median: number; min: number; max: number; runs: number };
  reanalysed: number;
}

/** The language server's work on one document: a full check and a re-check after one keystroke. */
function measureEditor(): EditorResult {
  const file = generateFiles({ seed: SEED, incidents: 1_000 }).next().value!;
  const text = fileText(file);
  const incidents = file.incidents.length;
  // Where to type: a character inside the first log entry of incidents spread through the document.
  const starts: number[] = [];
  const re = /^\d\d:\d\d [A-Z]+\d+: /gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) starts.push(m.index + m[0].length + 4);
  const time = (f: () => void) => {
    const t0 = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  // Warm up: compile the lexicon and let the JIT settle, as in a server that has been running.
  for (let i = 0; i < 5; i++) new Checker().check(text);
  const full: number[] = [];
  const keys: number[] = [];
  let reanalysed = 0;
  const runs = 21;
  for (let i = 0; i < runs; i++) {
    const c = new Checker();
    full.push(time(() => c.check(text)));
    const at = starts[Math.floor(((i + 0.5) / runs) * starts.length)];
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    let r: ReturnType<Checker['check']> | undefined;
    keys.push(time(() => (r = c.check(edited))));
    reanalysed = r!.analysed;
  }
  const stat = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
  return { incidents, kb: Buffer.byteLength(text) / 1024, fullMs: stat(full), keystrokeMs: stat(keys), reanalysed };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    // Other work on the machine skews every figure; the load average says how busy it was.
    loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

function verdict(ok: boolean, factor: number): string {
  return ok ? 'met' : `missed (${factor.toFixed(1)}x the target)`;
}

function report(sizes: SizeResult[], editor: EditorResult, m: Record<string, string | number>): string {
  const out: string[] = [];
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.os}; load average at the start ${m.loadAverage}`, '');
  out.push('| incidents | files | MB | floor s | check s | CPU s | cores busy | incidents/s | MB/s | peak MB | x floor | audit s | audit peak MB |');
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of sizes) {
    out.push(
      `| ${s.incidents.toLocaleString('en-GB')} | ${s.files} | ${s.mb.toFixed(1)} | ${(s.floorMs / 1000).toFixed(2)} | ${(s.check.ms / 1000).toFixed(2)} | ${s.check.cpuS.toFixed(1)} | ${(s.check.cpuS / (s.check.ms / 1000)).toFixed(2)} | ${Math.round(s.check.incidentsPerS).toLocaleString('en-GB')} | ${s.check.mbPerS.toFixed(2)} | ${s.check.peakMb.toFixed(0)} | ${s.check.floorRatio.toFixed(1)} | ${s.audit ? (s.audit.ms / 1000).toFixed(2) : '–'} | ${s.audit ? s.audit.peakMb.toFixed(0) : '–'} |`,
    );
  }
  out.push('', 'CPU s: user + system time of the whole process (all threads). "Cores busy" is CPU s over wall time: below the number of cores, the machine was shared or the pool was idle.', '');
  out.push(
    `Editor (in process, ${editor.incidents.toLocaleString('en-GB')}-incident document, ${editor.kb.toFixed(0)} KB, median of ${editor.fullMs.runs}): full check ${editor.fullMs.median.toFixed(1)} ms (min ${editor.fullMs.min.toFixed(1)}, max ${editor.fullMs.max.toFixed(1)}); ` +
      `re-check after one keystroke ${editor.keystrokeMs.median.toFixed(2)} ms (min ${editor.keystrokeMs.min.toFixed(2)}, max ${editor.keystrokeMs.max.toFixed(2)}; ${editor.reanalysed} incident re-analysed).`,
    '',
  );
  out.push('Targets:');
  const year = sizes.find((s) => s.incidents === TARGET.yearIncidents);
  if (year) {
    const secs = year.check.ms / 1000;
    out.push(`- ${TARGET.yearIncidents.toLocaleString('en-GB')} incidents in ≤ ${TARGET.yearSeconds} s: ${secs.toFixed(1)} s, ${verdict(secs <= TARGET.yearSeconds, secs / TARGET.yearSeconds)}`);
    out.push(`- peak memory < ${TARGET.peakMb} MB: ${year.check.peakMb.toFixed(0)} MB, ${verdict(year.check.peakMb < TARGET.peakMb, year.check.peakMb / TARGET.peakMb)}`);
  } else out.push(`- the ${TARGET.yearIncidents.toLocaleString('en-GB')}-incident run was not part of this run (--sizes)`);
  out.push(`- full check of 1,000 incidents ≤ ${TARGET.fullMs} ms: ${editor.fullMs.median.toFixed(1)} ms, ${verdict(editor.fullMs.median <= TARGET.fullMs, editor.fullMs.median / TARGET.fullMs)}`);
  out.push(`- re-check after a keystroke ≤ ${TARGET.keystrokeMs} ms: ${editor.keystrokeMs.median.toFixed(2)} ms, ${verdict(editor.keystrokeMs.median <= TARGET.keystrokeMs, editor.keystrokeMs.median / TARGET.keystrokeMs)}`);
  const ag = sizes.find((s) => s.agreement)?.agreement;
  if (ag) {
    out.push('', `Ground truth (10k): the findings (errors and warnings) match the generator's expectation on ${ag.agree.toLocaleString('en-GB')} of ${ag.incidents.toLocaleString('en-GB')} incidents (${((ag.agree / ag.incidents) * 100).toFixed(2)}%).`);
    const off = Object.entries(ag.byScenario).filter(([, v]) => v.agree < v.n);
    for (const [name, v] of off) out.push(`- ${name}: ${v.n - v.agree} of ${v.n} differ`);
  }
  return out.join('\n') + '\n';
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const m = machine();
  log(`Benchmark on ${m.cpu}, ${m.cores} cores, Node ${m.node}`);
  const sizes: SizeResult[] = [];
  for (const size of args.sizes) sizes.push(measureSize(size, args));
  log('  editor: 1,000-incident document');
  const editor = measureEditor();
  const text = report(sizes, editor, m);
  process.stdout.write('\n' + text);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(RESULTS, `bench-${stamp}.json`), JSON.stringify({ machine: m, sizes, editor, targets: TARGET }, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, 'bench.md'), text);
  log(`\nWritten to bench-results/bench.md and bench-results/bench-${stamp}.json`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
