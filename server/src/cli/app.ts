/**
 * The command line: parse, dispatch, and turn every failure into a message
 * and an exit code (2), never a stack trace.
 */
import { AUDIT_HELP, CHECK_HELP, GENERAL_HELP, parseArgs, UsageError } from './args';
import { auditCommand } from './audit-command';
import { checkCommand, EXIT_OK, EXIT_TROUBLE, type Io } from './check';
import { ConfigError } from './config';
import { TOOL_NAME, TOOL_VERSION } from './version';

export async function runCli(argv: readonly string[], io: Io, print: (s: string) => void): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'version':
        print(`${TOOL_VERSION}\n`);
        return EXIT_OK;
      case 'help':
        print((args.topic === 'check' ? CHECK_HELP : args.topic === 'audit' ? AUDIT_HELP : GENERAL_HELP) + '\n');
        return EXIT_OK;
      case 'check':
        if (args.help) {
          print(CHECK_HELP + '\n');
          return EXIT_OK;
        }
        return await checkCommand(args, io);
      case 'audit':
        if (args.help) {
          print(AUDIT_HELP + '\n');
          return EXIT_OK;
        }
        return await auditCommand(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.warn(e.message);
      return EXIT_TROUBLE;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.syscall) {
      // An output file that cannot be written, and the like.
      io.warn(`${err.path ?? ''} ${err.message}`.trim());
      return EXIT_TROUBLE;
    }
    io.warn(`internal error (please report it): ${err?.stack ?? String(e)}`);
    return EXIT_TROUBLE;
  }
}

export { TOOL_NAME };
