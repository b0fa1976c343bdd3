/**
 * `--format json`: one object, `{"findings": [...], "summary": {...}}`,
 * written as findings arrive (one finding per line) so that a year of logs
 * does not have to be held in memory. The shape is documented in
 * docs/cli.md; keep it stable.
 */
import type { Out } from '../output';
import type { CliFinding } from '../findings';
import type { CheckSummary, Formatter } from './types';

export class JsonFormatter implements Formatter {
  private first = true;
  constructor(private readonly out: Out) {}

  begin(): void {
    this.out.write('{"findings": [');
  }

  findings(list: CliFinding[]): void {
    if (!list.length) return;
    let s = '';
    for (const f of list) {
      s += (this.first ? '\n' : ',\n') + JSON.stringify(f);
      this.first = false;
    }
    this.out.write(s);
  }

  end(summary: CheckSummary): void {
    this.out.write(`${this.first ? '' : '\n'}],\n"summary": ${JSON.stringify(summary, null, 2)}}\n`);
  }
}
