/**
 * The VS Code API suite's entry point, in the form VS Code's extension test
 * mechanism calls (`--extensionTestsPath` / @vscode/test-electron, or the
 * `payload` of code-server's workbench): `run()` runs the `*.itest.js`
 * files in this folder inside the extension host and rejects when a test
 * fails, which makes the editor exit non-zero.
 */
import { runMocha } from './run-mocha';

export async function run(): Promise<void> {
  const r = await runMocha({ suite: 'vscode-api', dir: __dirname, pattern: /\.itest\.js$/, timeout: 60_000 });
  if (r.failed > 0) throw new Error(`${r.failed} VS Code API test(s) failed`);
}
