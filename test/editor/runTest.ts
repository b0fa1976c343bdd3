/**
 * Runs the VS Code API suite (index.ts) with @vscode/test-electron, the
 * usual way:
 *
 * - on a developer laptop, `runTests` downloads VS Code (into
 *   .ci/work/vscode-test/, git-ignored) and starts it with the extension
 *   under development (this repository) and the suite;
 * - where VS Code cannot be downloaded (here, CI), set CODE_SERVER to a
 *   code-server executable (scripts/editor/run-all.js does), and `runTests`
 *   is given scripts/editor/code-shim.js as the VS Code executable: it runs
 *   the same suite inside code-server's workbench, in headless Chromium.
 *
 * Either way the workspace is a fresh temporary copy of examples/. Build
 * first (`npm run build`), then: `node out/test/editor/runTest.js`.
 * Environment: VSCODE_VERSION (laptop; default 'stable'), EDITOR_TEST_GREP
 * (run only matching tests), EDITOR_TEST_RESULTS (a folder for the counts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORK = path.join(ROOT, '.ci', 'work');

/** A fresh copy of examples/ (the .ilog files) in a temporary folder, writable (examples/ itself is read-only). */
function freshWorkspace(): string {
  const base = process.env.TMPDIR && fs.existsSync(process.env.TMPDIR) ? process.env.TMPDIR : os.tmpdir();
  const ws = fs.mkdtempSync(path.join(base, 'counting-rules-editor-'));
  for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ilog'))) {
    fs.writeFileSync(path.join(ws, f), fs.readFileSync(path.join(ROOT, 'examples', f)), { mode: 0o644 });
  }
  return ws;
}

async function main(): Promise<number> {
  for (const bundle of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  const workspace = freshWorkspace();
  const profile = path.join(WORK, 'vscode-test');
  const codeServer = process.env.CODE_SERVER;
  const shim = path.join(ROOT, 'scripts', 'editor', 'code-shim.js');
  // runTests spawns the "executable" directly: it must be executable (a checkout may have lost the mode).
  if (codeServer) fs.chmodSync(shim, 0o755);
  console.log(`VS Code API suite: workspace ${workspace}, ${codeServer ? `inside code-server (${codeServer})` : 'in VS Code (downloaded by @vscode/test-electron)'}`);
  try {
    return await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'index'),
      vscodeExecutablePath: codeServer ? shim : undefined,
      version: process.env.VSCODE_VERSION,
      cachePath: profile,
      launchArgs: [
        workspace,
        // Only this extension, in a profile of its own.
        '--disable-extensions',
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
      extensionTestsEnv: { EDITOR_TEST_RESULTS: process.env.EDITOR_TEST_RESULTS ?? '' },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // runTests rejects when the editor exits non-zero (a failed test): its output is already printed.
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
