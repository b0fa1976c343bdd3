/**
 * `counting-rules check`: findings in text, JSON or SARIF, and an exit code
 * a CI pipeline can gate on.
 */
import type { CheckArgs } from './args';
import { JsonFormatter } from './format/json';
import { SarifFormatter } from './format/sarif';
import { TextFormatter } from './format/text';
import type { CheckSummary, Formatter } from './format/types';
import { openOut, useColour, type Out } from './output';
import { ProgressBar, type ProgressStream } from './progress';
import { run } from './run';
import { defaultJobs } from './pool';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { isTTY?: boolean };
  stderr: ProgressStream;
  /** Messages for people (problems, warnings about configuration). */
  warn(message: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_TROUBLE = 2;

function formatterFor(args: CheckArgs, out: Out, io: Io): Formatter {
  switch (args.format) {
    case 'json':
      return new JsonFormatter(out);
    case 'sarif':
      return new SarifFormatter(out, io.cwd);
    default:
      return new TextFormatter(out, useColour(args.colour, args.output ? {} : io.stdout, io.env));
  }
}

export function exitCodeFor(s: CheckSummary, maxWarnings: number): number {
  if (s.problems.length || s.internalErrors.length) return EXIT_TROUBLE;
  if (s.errors > 0) return EXIT_FINDINGS;
  if (maxWarnings >= 0 && s.warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

export async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  const out = openOut(args.output);
  const formatter = formatterFor(args, out, io);
  const summary: CheckSummary = { files: 0, incidents: 0, findings: 0, errors: 0, warnings: 0, information: 0, hints: 0, rules: {}, problems: [], internalErrors: [] };
  const key = { error: 'errors', warning: 'warnings', information: 'information', hint: 'hints' } as const;
  // Findings stream to the terminal as they come; a bar would break them up, so it shows only when they go elsewhere.
  const textToTerminal = args.format === 'text' && !args.output && io.stdout.isTTY;
  const bar = ProgressBar.enabled(io.stderr, args.progress && !textToTerminal) ? new ProgressBar(io.stderr, 'Checking') : undefined;
  formatter.begin();
  const totals = await run(
    { inputs: args.paths, cwd: io.cwd, mode: args.fix ? 'fix' : 'check', jobs: args.jobs ?? defaultJobs(), config: args.config },
    {
      findings(_file, list) {
        for (const f of list) {
          summary[key[f.severity]]++;
          summary.rules[f.rule] = (summary.rules[f.rule] ?? 0) + 1;
        }
        summary.findings += list.length;
        formatter.findings(list);
      },
      problem(where, message) {
        summary.problems.push({ path: where, message });
        // The bar shares standard error with messages: clear it first (it redraws on the next update).
        bar?.done();
        io.warn(`${where}: ${message}`);
      },
      internalErrors(file, messages) {
        for (const m of messages) summary.internalErrors.push({ path: file.display, message: m });
        bar?.done();
        io.warn(`${file.display}: internal error (please report it): ${messages.join('; ')}`);
      },
      configProblem(p) {
        bar?.done();
        io.warn(`${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
      },
      progress(p) {
        bar?.update(p);
      },
    },
  );
  bar?.done();
  summary.files = totals.files;
  summary.incidents = totals.incidents;
  if (args.fix) summary.fixed = totals.fixed;
  // Rules in a stable order, whatever order the files came in.
  summary.rules = Object.fromEntries(Object.entries(summary.rules).sort(([a], [b]) => a.localeCompare(b)));
  formatter.end(summary);
  out.close();
  return exitCodeFor(summary, args.maxWarnings);
}
