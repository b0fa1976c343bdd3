#!/usr/bin/env node
/**
 * The long fuzzing run: the reliability properties of test/reliability
 * (properties.ts, lsp-sequence.ts) on a million or more seeded cases, run on
 * the built code in out/ and dist/ (run `npm run build` first).
 *
 *   npm run fuzz:long -- [--cases 1000000] [--seed <n>] [--jobs <n>] [--lsp 10000]
 *                        [--only checks,fixes,...] [--out summary.json]
 *   npm run fuzz:long -- --replay <property>:<seed>[:<path>]
 *
 * --cases  in-process cases in all, shared among the properties below
 * --lsp    edit sequences through the real server (half pull, half push),
 *          counted apart from --cases
 * --jobs   worker threads (default: the number of CPUs, at most 4)
 *
 * Properties (share of --cases):
 *   checks       50%  the checker never throws, no rule fails, findings inside
 *                     the document, time within 200 ms + 10 ms per 1,000 chars
 *   fixes        18%  every quick fix applies cleanly, keeps line endings,
 *                     stays in its incident, removes its finding
 *   fixAll       12%  all preferred fixes twice = once
 *   endings       8%  LF, CRLF, CR or mixed endings give the same findings
 *   incremental   8%  incremental check = fresh check after random edits
 *   phrases       4%  a force's trigger phrase is refused clearly or matched
 *                     in linear time
 *
 * Cases run in batches; each batch has its own seed (printed with any
 * failure, with the command that replays it). Progress every 30 seconds; a
 * summary at the end; exit code 1 if anything failed. The inputs are
 * invented logs from the project's examples and the benchmark generator;
 * nothing is written to disk unless --out is given.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'test', 'reliability');

const PROPERTIES = {
  checks: { share: 0.5, batch: 2000 },
  fixes: { share: 0.18, batch: 1000 },
  fixAll: { share: 0.12, batch: 1000 },
  endings: { share: 0.08, batch: 1000 },
  incremental: { share: 0.08, batch: 500 },
  phrases: { share: 0.04, batch: 2000 },
};
const NAMES = Object.keys(PROPERTIES);

// ---------------------------------------------------------------- the properties

function loadBuilt() {
  const need = ['logs.js', 'properties.js', 'lsp-sequence.js'].map((f) => path.join(OUT, f));
  const missing = need.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`built code missing (${missing.map((m) => path.relative(ROOT, m)).join(', ')}): run 'npm run build' first`);
  return { fc: require('fast-check').default, L: require(path.join(OUT, 'logs.js')), P: require(path.join(OUT, 'properties.js')) };
}

function holds(problems) {
  if (problems.length) throw new Error(problems.join('\n'));
}

/** The fast-check property for a name; `stats` collects the slowest case. */
function property(name, { fc, L, P }, stats) {
  const timed = (length, fn) => {
    const t0 = performance.now();
    try {
      fn();
    } finally {
      const ms = performance.now() - t0;
      if (ms > stats.slowestMs) Object.assign(stats, { slowestMs: ms, slowestChars: length });
    }
  };
  switch (name) {
    case 'checks':
      return fc.property(L.mutatedLogArb({ maxIncidents: 3, maxMutations: 10 }), ({ text }) => timed(text.length, () => holds(P.checkProblems(text))));
    case 'fixes':
      return fc.property(L.mutatedLogArb({ maxMutations: 6 }), ({ text }) =>
        timed(text.length, () => {
          const r = P.fixProblems(text);
          stats.fixes += r.fixes;
          holds(r.problems);
        }),
      );
    case 'fixAll':
      return fc.property(L.mutatedLogArb({ maxMutations: 6 }), ({ text }) => timed(text.length, () => holds(P.fixAllProblems(text))));
    case 'endings':
      return fc.property(L.mutatedLogArb({ maxMutations: 4 }), L.endingsArb, ({ text }, endings) => timed(text.length, () => holds(P.endingsProblems(text, endings))));
    case 'incremental':
      return fc.property(L.mutatedLogArb({ maxMutations: 4 }), fc.array(L.changeArb, { minLength: 1, maxLength: 12 }), ({ text }, changes) =>
        timed(text.length, () => holds(P.incrementalProblems(text, changes))),
      );
    case 'phrases':
      return fc.property(L.phraseArb, (p) =>
        timed(p.length, () => {
          const r = P.phraseProblems(p);
          if (r.accepted) stats.accepted++;
          holds(r.problems);
        }),
      );
    default:
      throw new Error(`no property '${name}' (one of ${NAMES.join(', ')})`);
  }
}

/** Runs one batch; the cases run and the failure, if any. */
function runBatch(built, task) {
  const stats = { slowestMs: 0, slowestChars: 0, fixes: 0, accepted: 0 };
  const t0 = performance.now();
  const r = built.fc.check(property(task.property, built, stats), { seed: task.seed, numRuns: task.size, ...(task.path ? { path: task.path, endOnFailure: false } : {}) });
  const result = { ...task, cases: r.failed ? r.numRuns : task.size, ms: performance.now() - t0, stats };
  if (r.failed) {
    result.failure = {
      seed: task.seed,
      path: r.counterexamplePath,
      error: String(r.errorInstance && r.errorInstance.message ? r.errorInstance.message : r.error).slice(0, 4000),
      counterexample: JSON.stringify(r.counterexample).slice(0, 20000),
      shrinks: r.numShrinks,
    };
  }
  return result;
}

if (!isMainThread) {
  const built = loadBuilt();
  parentPort.on('message', (task) => {
    if (task === 'stop') process.exit(0);
    parentPort.postMessage(runBatch(built, task));
  });
  parentPort.postMessage({ ready: true, id: workerData.id });
  return;
}

// ---------------------------------------------------------------- the main thread

function parseArgs(argv) {
  const a = { cases: 1_000_000, seed: Date.now() % 2_147_483_647, jobs: Math.max(1, Math.min(4, os.cpus().length)), lsp: 10000, only: NAMES, out: undefined, replay: undefined };
  const num = (v, what) => {
    const n = Number(String(v).replace(/[_,]/g, ''));
    if (!Number.isFinite(n) || n < 0) throw new Error(`${what} must be a number, not '${v}'`);
    return Math.floor(n);
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const v = () => (inline !== undefined ? inline : argv[++i]);
    if (k === '--cases') a.cases = num(v(), '--cases');
    else if (k === '--seed') a.seed = num(v(), '--seed');
    else if (k === '--jobs') a.jobs = Math.max(1, num(v(), '--jobs'));
    else if (k === '--lsp') a.lsp = num(v(), '--lsp');
    else if (k === '--only') a.only = v().split(',').filter(Boolean);
    else if (k === '--out') a.out = v();
    else if (k === '--replay') a.replay = v();
    else if (k === '--help' || k === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, '') + '\n');
      process.exit(0);
    } else if (/^\d[\d_,.e]*$/.test(argv[i])) a.cases = num(argv[i], 'the count');
    else throw new Error(`unknown argument '${argv[i]}' (try --help)`);
  }
  for (const p of a.only) if (!NAMES.includes(p)) throw new Error(`no property '${p}' (one of ${NAMES.join(', ')})`);
  return a;
}

const fmt = (n) => n.toLocaleString('en-GB');
const dur = (ms) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/** The batches: every property's share of the cases, interleaved so each advances together. */
function plan(args) {
  const total = args.only.reduce((t, p) => t + PROPERTIES[p].share, 0);
  const queues = args.only.map((p, k) => {
    const want = Math.round((args.cases * PROPERTIES[p].share) / total);
    const q = [];
    for (let b = 0, left = want; left > 0; b++, left -= PROPERTIES[p].batch) {
      q.push({ property: p, batch: b, size: Math.min(PROPERTIES[p].batch, left), seed: (args.seed + (NAMES.indexOf(p) + 1) * 1_000_003 + b * 7919) % 2_147_483_647 });
    }
    return q;
  });
  const tasks = [];
  for (let i = 0; queues.some((q) => q.length); i++) for (const q of queues) if (q.length) tasks.push(q.shift());
  return tasks;
}

async function runLsp(args, report) {
  const count = args.lsp;
  if (!count) return { pull: 0, push: 0, failures: [] };
  const { fc, L } = loadBuilt();
  const { LspClient } = require(path.join(ROOT, 'out', 'test', 'protocol', 'lsp-client.js'));
  const S = require(path.join(OUT, 'lsp-sequence.js'));
  const done = { pull: 0, push: 0, failures: [] };
  for (const mode of ['pull', 'push']) {
    const want = mode === 'pull' ? Math.ceil(count / 2) : Math.floor(count / 2);
    // A fresh server every 250 sequences, so one server's state does not carry through the whole run.
    for (let start = 0; start < want; start += 250) {
      const size = Math.min(250, want - start);
      const seed = (args.seed + (mode === 'pull' ? 97 : 98) * 1_000_003 + start) % 2_147_483_647;
      const client = await LspClient.start(mode === 'pull' ? { pull: true } : { pull: false, initializationOptions: { typingPauseMs: 0 } });
      try {
        const r = await fc.check(
          fc.asyncProperty(L.mutatedLogArb({ maxMutations: 3 }), S.lspEditsArb, async ({ text }, edits) => {
            const problems = await S.lspSequenceProblems(client, mode, text, edits);
            if (problems.length) throw new Error(problems.join('\n'));
          }),
          { seed, numRuns: size },
        );
        done[mode] += r.failed ? r.numRuns : size;
        if (r.failed) {
          const f = { property: `lsp-${mode}`, seed, path: r.counterexamplePath, error: String(r.errorInstance && r.errorInstance.message).slice(0, 4000), counterexample: JSON.stringify(r.counterexample).slice(0, 20000) };
          done.failures.push(f);
          report(f);
        }
      } finally {
        client.kill();
      }
    }
  }
  return done;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  loadBuilt(); // fail early, with the message, when the build is missing

  if (args.replay) {
    const [property, seed, ...rest] = args.replay.split(':');
    const r = runBatch(loadBuilt(), { property, seed: Number(seed), size: rest.length ? 1 : PROPERTIES[property].batch, path: rest.length ? rest.join(':') : undefined, batch: 0 });
    if (r.failure) {
      process.stdout.write(`${property} seed ${seed}: FAILS\n${r.failure.error}\ncounterexample: ${r.failure.counterexample}\n`);
      process.exit(1);
    }
    process.stdout.write(`${property} seed ${seed}: holds for ${r.cases} case(s)\n`);
    return;
  }

  const tasks = plan(args);
  const planned = tasks.reduce((t, x) => t + x.size, 0);
  const started = Date.now();
  process.stdout.write(
    `fuzz:long  seed ${args.seed}  ${fmt(planned)} cases (${args.only.join(', ')})  + ${fmt(args.lsp)} LSP sequences  ${args.jobs} worker(s)  node ${process.version}\n` +
      `replay a batch: node scripts/fuzz-long.js --replay <property>:<seed>[:<path>]   rerun all: --seed ${args.seed} --cases ${args.cases}\n`,
  );

  const per = Object.fromEntries(args.only.map((p) => [p, { cases: 0, failures: 0, ms: 0, slowestMs: 0, slowestChars: 0, fixes: 0, accepted: 0 }]));
  const failures = [];
  const report = (f) =>
    process.stdout.write(`\nFAILURE in ${f.property} (seed ${f.seed}, path ${f.path}):\n${f.error}\nreplay: node scripts/fuzz-long.js --replay ${f.property}:${f.seed}:${f.path}\n\n`);

  /** Planned cases whose batch has finished (a failed batch stops at its failure). */
  let done = 0;
  let run = 0;
  let lastProgress = Date.now();
  const progress = (force) => {
    if (!force && Date.now() - lastProgress < 30_000) return;
    lastProgress = Date.now();
    const elapsed = Date.now() - started;
    const rate = done / Math.max(1, elapsed / 1000);
    const eta = rate > 0 ? ((planned - done) / rate) * 1000 : 0;
    const parts = args.only.map((p) => `${p} ${fmt(per[p].cases)}`).join(', ');
    process.stdout.write(`[${dur(elapsed)}] ${((100 * done) / planned).toFixed(1)}% of the plan, ${fmt(run)} cases run, ${fmt(Math.round(rate))}/s, ETA ${dur(eta)}  failures ${failures.length}  | ${parts}\n`);
  };
  const ticker = setInterval(() => progress(false), 5_000);

  const lspRun = runLsp(args, (f) => {
    failures.push(f);
    report(f);
  });

  let next = 0;
  await Promise.all(
    Array.from({ length: args.jobs }, (_, id) =>
      new Promise((resolve, reject) => {
        const w = new Worker(__filename, { workerData: { id } });
        const give = () => {
          if (next < tasks.length) w.postMessage(tasks[next++]);
          else {
            w.postMessage('stop');
            resolve();
          }
        };
        w.on('message', (m) => {
          if (m.ready) return give();
          const s = per[m.property];
          s.cases += m.cases;
          s.ms += m.ms;
          s.fixes += m.stats.fixes;
          s.accepted += m.stats.accepted;
          if (m.stats.slowestMs > s.slowestMs) Object.assign(s, { slowestMs: m.stats.slowestMs, slowestChars: m.stats.slowestChars });
          done += m.size;
          run += m.cases;
          if (m.failure) {
            s.failures++;
            const f = { property: m.property, ...m.failure };
            failures.push(f);
            report(f);
          }
          give();
        });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${id} exited with ${code}`))));
      }),
    ),
  );
  progress(true);
  const lsp = await lspRun;
  clearInterval(ticker);

  const elapsed = Date.now() - started;
  const rows = args.only.map((p) => {
    const s = per[p];
    const extra = p === 'fixes' ? `, ${fmt(s.fixes)} fixes applied` : p === 'phrases' ? `, ${fmt(s.accepted)} phrases accepted` : '';
    return `  ${p.padEnd(12)} ${fmt(s.cases).padStart(11)} cases  ${String(s.failures).padStart(3)} failed  ${dur(s.ms).padStart(7)} CPU  slowest ${s.slowestMs.toFixed(0)} ms (${fmt(s.slowestChars)} chars)${extra}`;
  });
  const totalCases = args.only.reduce((t, p) => t + per[p].cases, 0);
  process.stdout.write(
    `\nSummary  seed ${args.seed}  ${args.jobs} worker(s)  ${dur(elapsed)}\n${rows.join('\n')}\n` +
      `  ${'total'.padEnd(12)} ${fmt(totalCases).padStart(11)} cases  ${String(failures.filter((f) => !f.property.startsWith('lsp-')).length).padStart(3)} failed\n` +
      `  LSP sequences through dist/server.js: ${fmt(lsp.pull)} pull, ${fmt(lsp.push)} push, ${lsp.failures.length} failed\n` +
      (failures.length ? `\n${failures.length} FAILURE(S): see above; replay with --replay <property>:<seed>:<path>\n` : '\nNo failures.\n'),
  );
  if (args.out) {
    fs.writeFileSync(args.out, JSON.stringify({ seed: args.seed, cases: args.cases, jobs: args.jobs, node: process.version, ms: elapsed, properties: per, lsp: { pull: lsp.pull, push: lsp.push }, failures }, null, 2) + '\n');
    process.stdout.write(`summary written to ${args.out}\n`);
  }
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`fuzz:long: ${e && e.message ? e.message : e}\n`);
  process.exit(2);
});
