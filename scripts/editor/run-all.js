#!/usr/bin/env node
// @ts-check
/**
 * Runs the editor suites one after another and prints `N passed, N failed`
 * for each and in total; exits 1 if any test failed or any suite could not
 * run. `npm run test:editor` builds and packages first, then runs this.
 *
 *   node scripts/editor/run-all.js [--quick] [--suites=api,ui,nvim,emacs]
 *
 * Suites:
 *   api    the VS Code API suite (test/editor) through @vscode/test-electron's
 *          runTests, inside code-server (CODE_SERVER, installed into
 *          .ci/work/code-server if unset and missing)
 *   ui     the UI smoke test (test/ui): the packaged .vsix in code-server,
 *          driven in Debian's Chromium with playwright-core
 *   nvim   Neovim as a plain LSP client (test/nvim)
 *   emacs  Emacs + eglot as a plain LSP client (test/emacs)
 * --quick runs api, nvim and emacs: no .vsix needed.
 *
 * Everything the suites write stays in the repository: .ci/work/ (HOME,
 * XDG_*, TMPDIR, code-server, profiles) and test-artifacts/ (screenshots,
 * logs, results).
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, codeServerPath, isolatedEnv } = require('./code-server');

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const RESULTS = path.join(ARTIFACTS, 'results');
const LOGS = path.join(ARTIFACTS, 'logs');
const SUITE_TIMEOUT_MS = 15 * 60_000;

/** @typedef {{ name: string, about: string, command: string[], resultsFile?: string, needsCodeServer?: boolean }} Suite */

/** @type {Suite[]} */
const SUITES = [
  { name: 'api', about: 'VS Code API suite in code-server (via @vscode/test-electron)', command: ['node', 'out/test/editor/runTest.js'], resultsFile: 'vscode-api.json', needsCodeServer: true },
  { name: 'ui', about: 'UI smoke test: the .vsix in code-server, Chromium', command: ['node', 'out/test/ui/run.js'], resultsFile: 'ui.json', needsCodeServer: true },
  { name: 'nvim', about: 'Neovim headless LSP client', command: ['bash', 'test/nvim/run.sh'] },
  { name: 'emacs', about: 'Emacs + eglot batch LSP client', command: ['bash', 'test/emacs/run.sh'] },
];

function parseArgs() {
  const args = process.argv.slice(2);
  let names = SUITES.map((s) => s.name);
  for (const a of args) {
    if (a === '--quick') names = ['api', 'nvim', 'emacs'];
    else if (a.startsWith('--suites=')) names = a.slice('--suites='.length).split(',').filter(Boolean);
    else {
      console.error(`unknown argument ${a}\nusage: run-all.js [--quick] [--suites=${SUITES.map((s) => s.name).join(',')}]`);
      process.exit(2);
    }
  }
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}`);
    process.exit(2);
  }
  return SUITES.filter((s) => names.includes(s.name));
}

/**
 * Runs a command, echoing and logging its output; resolves with its exit code.
 * @param {string[]} command
 * @param {NodeJS.ProcessEnv} env
 * @param {string} logFile
 * @returns {Promise<{ code: number, output: string }>}
 */
function runLogged(command, env, logFile) {
  return new Promise((resolve) => {
    const log = fs.createWriteStream(logFile);
    let output = '';
    // A process group of its own, so a suite that hangs can be ended with everything it started.
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const onData = (/** @type {Buffer} */ d, /** @type {NodeJS.WriteStream} */ to) => {
      output += d.toString();
      log.write(d);
      to.write(d);
    };
    child.stdout.on('data', (d) => onData(d, process.stdout));
    child.stderr.on('data', (d) => onData(d, process.stderr));
    /** @param {NodeJS.Signals} signal */
    const end = (signal) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    /** @type {NodeJS.Timeout | undefined} */
    let hard;
    const timer = setTimeout(() => {
      const msg = `\n[run-all] ${command.join(' ')} did not finish within ${SUITE_TIMEOUT_MS / 60_000} min; ending it\n`;
      output += msg;
      process.stderr.write(msg);
      // SIGTERM first, so the suite stops the code-server it started (its own process group); then SIGKILL.
      end('SIGTERM');
      hard = setTimeout(() => end('SIGKILL'), 10_000);
    }, SUITE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hard);
      log.end();
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      output += String(e);
      log.end();
      resolve({ code: 127, output });
    });
  });
}

/** The last `N passed, N failed` a suite printed. */
function countsFrom(/** @type {string} */ output) {
  const all = [...output.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all[all.length - 1];
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

async function main() {
  const suites = parseArgs();
  const env = isolatedEnv();
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  env.EDITOR_TEST_RESULTS = RESULTS;
  if (suites.some((s) => s.needsCodeServer)) env.CODE_SERVER = codeServerPath();

  /** @type {{ name: string, about: string, passed: number, failed: number, seconds: number, note: string, failures: string[] }[]} */
  const rows = [];
  for (const suite of suites) {
    console.log(`\n=== ${suite.name}: ${suite.about} ===`);
    const started = Date.now();
    const { code, output } = await runLogged(suite.command, env, path.join(LOGS, `${suite.name}.log`));
    const seconds = (Date.now() - started) / 1000;
    let counts;
    /** @type {string[]} */
    let failures = [];
    if (suite.resultsFile && fs.existsSync(path.join(RESULTS, suite.resultsFile))) {
      const r = JSON.parse(fs.readFileSync(path.join(RESULTS, suite.resultsFile), 'utf8'));
      counts = { passed: r.passed, failed: r.failed };
      failures = r.failures.map((/** @type {{ title: string }} */ f) => f.title);
    } else {
      counts = countsFrom(output);
      failures = [...output.matchAll(/^not ok - (.*)$/gm)].map((m) => m[1]);
    }
    let note = '';
    if (!counts) {
      counts = { passed: 0, failed: 1 };
      note = `no results (exit code ${code})`;
    } else if (code !== 0 && counts.failed === 0) {
      // Tests that passed in a run that still failed (a crash after them, a timeout): the run counts as one failure.
      counts.failed = 1;
      note = `exit code ${code}`;
    } else if (code === 0 && counts.failed > 0) {
      note = 'failures but exit code 0';
    }
    rows.push({ name: suite.name, about: suite.about, ...counts, seconds, note, failures });
  }

  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  console.log('\n=== editor suites ===');
  for (const r of rows) {
    console.log(`${r.name.padEnd(6)} ${String(r.passed).padStart(3)} passed, ${String(r.failed).padStart(2)} failed  ${r.seconds.toFixed(1).padStart(6)} s  ${r.about}${r.note ? `  (${r.note})` : ''}`);
    for (const f of r.failures) console.log(`         failed: ${f}`);
  }
  console.log(`${rows.some((r) => r.name === 'ui') ? `Screenshots: ${path.relative(ROOT, path.join(ARTIFACTS, 'ui'))}/   ` : ''}logs: ${path.relative(ROOT, LOGS)}/`);
  console.log(`editor suites: ${passed} passed, ${failed} failed`);
  fs.writeFileSync(path.join(RESULTS, 'editor-summary.json'), JSON.stringify({ passed, failed, suites: rows }, null, 2));
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    console.log('editor suites: 0 passed, 1 failed');
    process.exit(1);
  },
);
