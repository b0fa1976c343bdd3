/**
 * Entry point of the command-line tool (bundled to dist/cli.js; bin/counting-rules.js loads it).
 */
import * as tty from 'node:tty';
import { runCli } from './app';
import { TOOL_NAME } from './version';

const io = {
  cwd: process.cwd(),
  env: process.env,
  // Reports are written to fd 1 directly (output.ts); touching process.stdout would make a pipe non-blocking.
  stdout: { isTTY: tty.isatty(1) },
  stderr: process.stderr,
  warn: (message: string) => process.stderr.write(`${TOOL_NAME}: ${message}\n`),
};

runCli(process.argv.slice(2), io, (s) => process.stdout.write(s)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
