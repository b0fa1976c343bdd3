// Bundles the extension client, the language server and the command-line
// tool with esbuild. `--watch` rebuilds on change; `--production` minifies.
import { build, context } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/cli/worker.ts', out: 'dist/worker.js' },
].filter((e) => existsSync(e.in));

mkdirSync('dist', { recursive: true });
for (const e of entries) {
  const options = {
    entryPoints: [e.in],
    outfile: e.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    minify: production,
    external: e.external ?? [],
    logLevel: 'warning',
  };
  if (watch) await (await context(options)).watch();
  else await build(options);
}
if (!watch) console.log(`built ${entries.map((e) => e.out).join(', ')}`);
