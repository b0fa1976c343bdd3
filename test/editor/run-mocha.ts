/**
 * Runs a folder's mocha files and reports `N passed, N failed`, for the
 * suites that do not run under the project's `npx mocha`: the VS Code API
 * suite (index.ts, inside the editor's extension host) and the UI smoke test
 * (test/ui). No `vscode` import here.
 *
 * When EDITOR_TEST_RESULTS names a folder, the counts and failures are also
 * written to <folder>/<suite>.json for scripts/editor/run-all.js.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType = require('mocha');

// mocha 12 is an ES module; its CommonJS build loads in any Node, Electron's included.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaType;

export interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  ms: number;
}

export interface RunOptions {
  /** Name in the summary and of the results file. */
  suite: string;
  /** Folder of the compiled test files. */
  dir: string;
  /** Which files in it are tests. */
  pattern: RegExp;
  /** Per-test timeout. */
  timeout: number;
}

export function runMocha(o: RunOptions): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', timeout: o.timeout, color: process.env.NO_COLOR === undefined, reporter: 'spec' });
  const grep = process.env.EDITOR_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(o.dir)
    .filter((f) => o.pattern.test(f))
    .sort();
  for (const f of files) mocha.addFile(path.join(o.dir, f));
  const started = Date.now();
  return new Promise((resolve) => {
    const result: SuiteResult = { suite: o.suite, passed: 0, failed: 0, pending: 0, failures: [], ms: 0 };
    if (!files.length) {
      result.failed = 1;
      result.failures.push({ title: 'test files', error: `no files matching ${o.pattern} in ${o.dir}` });
      finish(result, started, resolve);
      return;
    }
    const runner = mocha.run();
    runner.on('pass', () => result.passed++);
    runner.on('pending', () => result.pending++);
    runner.on('fail', (test: MochaType.Test, err: Error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) });
    });
    runner.on('end', () => finish(result, started, resolve));
  });
}

function finish(result: SuiteResult, started: number, resolve: (r: SuiteResult) => void): void {
  result.ms = Date.now() - started;
  console.log(`${result.suite}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''}`);
  const dir = process.env.EDITOR_TEST_RESULTS;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${result.suite}.json`), JSON.stringify(result, null, 2));
  }
  resolve(result);
}
