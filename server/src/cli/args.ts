/**
 * Command-line arguments: `counting-rules <command> [options] [paths...]`.
 * Hand-written (no dependency): options as `--name value` or `--name=value`,
 * short forms for the common ones, `--` ends the options. Anything wrong is
 * a UsageError with a message that says what to do (exit code 2).
 */
import { TOOL_NAME } from './version';

export class UsageError extends Error {}

export type CheckFormat = 'text' | 'json' | 'sarif';
export type AuditFormat = 'markdown' | 'json' | 'html';

export interface CommonArgs {
  paths: string[];
  output?: string;
  config?: string;
  jobs?: number;
  progress: boolean;
  help: boolean;
}

export interface CheckArgs extends CommonArgs {
  command: 'check';
  format: CheckFormat;
  maxWarnings: number;
  fix: boolean;
  colour?: boolean;
}

export interface AuditArgs extends CommonArgs {
  command: 'audit';
  format: AuditFormat;
  top: number;
  title?: string;
}

export type Args = CheckArgs | AuditArgs | { command: 'help'; topic?: string } | { command: 'version' };

interface OptionSpec {
  name: string;
  short?: string;
  value?: 'string' | 'int';
}

const COMMON: OptionSpec[] = [
  { name: 'format', short: 'f', value: 'string' },
  { name: 'output', short: 'o', value: 'string' },
  { name: 'config', short: 'c', value: 'string' },
  { name: 'jobs', short: 'j', value: 'int' },
  { name: 'no-progress' },
  { name: 'help', short: 'h' },
];
const CHECK: OptionSpec[] = [...COMMON, { name: 'max-warnings', value: 'int' }, { name: 'fix' }, { name: 'color' }, { name: 'no-color' }];
const AUDIT: OptionSpec[] = [...COMMON, { name: 'top', value: 'int' }, { name: 'title', value: 'string' }];

export const GENERAL_HELP = `Usage: ${TOOL_NAME} <command> [options] [paths...]

Checks police incident logs (.ilog) against the Home Office Counting Rules.

Commands:
  check   Report findings, one per line (or JSON, or SARIF); exit code for CI.
  audit   Inspection figures for a batch: recording rates with 95% intervals,
          timeliness, rape reports, cancellations, the worst examples.

Paths are files, folders (searched for *.ilog) or quoted globs ('logs/**/*.ilog');
the default is the current folder.

Options for every command:
  -h, --help       Show help (${TOOL_NAME} <command> --help for the command's).
  -v, --version    Show the version.

Exit codes: 0 no errors; 1 errors found (or more warnings than --max-warnings);
2 bad usage, or an input that could not be read.`;

export const CHECK_HELP = `Usage: ${TOOL_NAME} check [options] [paths...]

Checks logs and prints each finding as file:line:col  severity  message  rule.

Options:
  -f, --format <text|json|sarif>  Output format (default text).
  -o, --output <file>             Write the report to a file instead of standard output.
      --max-warnings <n>          Exit 1 when there are more than n warnings (default: no limit).
      --fix                       Apply each finding's preferred fix in place (keeps line endings).
  -c, --config <file>             Use this configuration for every log (default: the nearest
                                  .counting-rules.json above each log, as the editor does).
  -j, --jobs <n>                  Worker threads (default: one per core; 0 = none).
      --color, --no-color         Force colour on or off (default: on for a terminal).
      --no-progress               No progress bar (it only ever shows on a terminal).
  -h, --help                      Show this help.

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings;
2 bad usage, an input that could not be read, or nothing to check.`;

export const AUDIT_HELP = `Usage: ${TOOL_NAME} audit [options] [paths...]

What an inspection does by hand, on a whole batch: for each offence family the
offences disclosed and recorded, the recording rate with its 95% Wilson interval;
crimes recorded within 24 hours; rape reports with a crime, an N100 or neither;
cancellations and what they lack; the worst examples, with file and line.

Options:
  -f, --format <markdown|json|html>  Report format (default markdown). html is one
                                     self-contained page with charts.
  -o, --output <file>                Write the report to a file.
      --top <n>                      Worst examples to list (default 10).
      --title <text>                 Title of the report.
  -c, --config <file>                Use this configuration for every log.
  -j, --jobs <n>                     Worker threads (default: one per core; 0 = none).
      --no-progress                  No progress bar (it only ever shows on a terminal).
  -h, --help                         Show this help.

Exit codes: 0 report written; 2 bad usage, an input that could not be read,
or nothing to check.`;

function parseInt10(name: string, v: string): number {
  if (!/^-?\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number, not '${v}'.`);
  return Number(v);
}

function parseOptions(command: string, specs: OptionSpec[], argv: string[]): { opts: Map<string, string | number | true>; paths: string[] } {
  const opts = new Map<string, string | number | true>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      paths.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq >= 0 ? a.slice(eq + 1) : undefined;
    } else {
      const spec = specs.find((s) => s.short === a.slice(1, 2));
      if (!spec) throw new UsageError(`Unknown option '${a}' for '${command}'. See '${TOOL_NAME} ${command} --help'.`);
      name = spec.name;
      inline = a.length > 2 ? a.slice(2) : undefined;
    }
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`Unknown option '--${name}' for '${command}'. See '${TOOL_NAME} ${command} --help'.`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      opts.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-') && !/^-\d+$/.test(value))) throw new UsageError(`--${name} needs a value.`);
    opts.set(name, spec.value === 'int' ? parseInt10(name, value) : value);
  }
  return { opts, paths };
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[], aliases: Record<string, T> = {}): T | undefined {
  if (value === undefined) return undefined;
  const v = aliases[value.toLowerCase()] ?? (value.toLowerCase() as T);
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${value}'.`);
  return v;
}

export function parseArgs(argv: readonly string[]): Args {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') return { command: 'help' };
  if (first === '-v' || first === '--version' || first === 'version') return { command: 'version' };
  if (first === 'help') return { command: 'help', topic: rest[0] };
  if (first !== 'check' && first !== 'audit') {
    const hint = first.startsWith('-') ? `Give a command first, e.g. '${TOOL_NAME} check ${first} ...'.` : `Commands are 'check' and 'audit'.`;
    throw new UsageError(`Unknown command '${first}'. ${hint} See '${TOOL_NAME} --help'.`);
  }
  const { opts, paths } = parseOptions(first, first === 'check' ? CHECK : AUDIT, rest);
  const jobs = opts.get('jobs') as number | undefined;
  if (jobs !== undefined && jobs < 0) throw new UsageError('--jobs must be 0 or more.');
  const common: CommonArgs = {
    paths: paths.length ? paths : ['.'],
    output: opts.get('output') as string | undefined,
    config: opts.get('config') as string | undefined,
    jobs,
    progress: !opts.has('no-progress'),
    help: opts.has('help'),
  };
  if (first === 'check') {
    const maxWarnings = (opts.get('max-warnings') as number | undefined) ?? -1;
    if (opts.has('color') && opts.has('no-color')) throw new UsageError('Give --color or --no-color, not both.');
    return {
      command: 'check',
      ...common,
      format: choice('format', opts.get('format') as string | undefined, ['text', 'json', 'sarif'] as const) ?? 'text',
      maxWarnings,
      fix: opts.has('fix'),
      colour: opts.has('color') ? true : opts.has('no-color') ? false : undefined,
    };
  }
  const top = (opts.get('top') as number | undefined) ?? 10;
  if (top < 0) throw new UsageError('--top must be 0 or more.');
  return {
    command: 'audit',
    ...common,
    format: choice('format', opts.get('format') as string | undefined, ['markdown', 'json', 'html'] as const, { md: 'markdown' }) ?? 'markdown',
    top,
    title: opts.get('title') as string | undefined,
  };
}
