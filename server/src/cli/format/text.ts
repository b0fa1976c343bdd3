/**
 * The default output: one line per finding,
 * `file:line:col  severity  message  rule`, then a summary line. Colour only
 * when asked for (a TTY by default).
 */
import { ansi, type Out } from '../output';
import type { CliFinding } from '../findings';
import type { CheckSummary, Formatter } from './types';

const SEVERITY_COLOUR = { error: ansi.red, warning: ansi.yellow, information: ansi.blue, hint: ansi.grey };

function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function summaryLine(s: CheckSummary): string {
  const where = `in ${plural(s.files, 'file')} (${plural(s.incidents, 'incident')})`;
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.information.toLocaleString('en-GB')} information, ${plural(s.hints, 'hint')}`;
  const parts = [s.findings ? `${plural(s.findings, 'finding')} (${counts}) ${where}` : `No findings ${where}`];
  if (s.fixed) parts.push(`${plural(s.fixed, 'fix', 'fixes')} applied`);
  if (s.problems.length) parts.push(`${plural(s.problems.length, 'input')} could not be checked`);
  if (s.internalErrors.length) parts.push(`${plural(s.internalErrors.length, 'internal error')}`);
  return parts.join('; ') + '.';
}

export class TextFormatter implements Formatter {
  constructor(
    private readonly out: Out,
    private readonly colour: boolean,
  ) {}

  begin(): void {}

  findings(list: CliFinding[]): void {
    const c = this.colour;
    let s = '';
    for (const f of list) {
      const where = `${f.file}:${f.line}:${f.column}`;
      const sev = f.severity.padEnd(7);
      s += c ? `${ansi.bold(where)}  ${SEVERITY_COLOUR[f.severity](sev)}  ${f.message}  ${ansi.grey(f.rule)}\n` : `${where}  ${sev}  ${f.message}  ${f.rule}\n`;
    }
    if (s) this.out.write(s);
  }

  end(summary: CheckSummary): void {
    const line = summaryLine(summary);
    if (!this.colour) this.out.write(line + '\n');
    else {
      const colour = summary.errors || summary.problems.length ? ansi.red : summary.warnings ? ansi.yellow : ansi.green;
      this.out.write(ansi.bold(colour(line)) + '\n');
    }
  }
}
