/**
 * Entry point of the language server (bundled to dist/server.js; started
 * by `counting-rules-server`). Transports: `--stdio` (the default when no
 * transport is named, for any editor), `--node-ipc` (the VS Code client),
 * `--socket=<port>` and `--pipe=<name>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { privateConsole } from './log';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const args = process.argv.slice(2);

if (args.includes('--help') || args.includes('-h')) {
  process.stderr.write(
    'counting-rules-server: the Counting Rules Guidance language server.\n' +
      'Usage: counting-rules-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]\n' +
      'With no transport it speaks LSP over stdin and stdout.\n',
  );
  process.exit(0);
}

if (!args.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(t + '=')))) {
  // The library reads the transport from the command line; stdio is what editors other than VS Code expect.
  process.argv.push('--stdio');
}

const connection = createConnection({ ...ProposedFeatures.all, console: privateConsole });
startServer(connection);
connection.listen();
