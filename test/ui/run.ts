/**
 * Runs the UI smoke test (smoke.uitest.ts) and prints `N passed, N failed`;
 * exits non-zero when a step fails. Needs the .vsix (`npm run package`),
 * code-server (scripts/editor/install-code-server.sh, or CODE_SERVER) and
 * Chromium (CHROMIUM, default /usr/bin/chromium).
 *   node out/test/ui/run.js
 */
import { runMocha } from '../editor/run-mocha';

runMocha({ suite: 'ui', dir: __dirname, pattern: /\.uitest\.js$/, timeout: 180_000 }).then(
  (r) => process.exit(r.failed > 0 ? 1 : 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
