/**
 * The `# expect:` annotation (examples/README.md): under an `Incident` line,
 * one line per finding the checker must report for that incident;
 * `# expect: none` for a compliant incident. In the preamble (before the
 * first incident) they describe file-level findings.
 *
 * Compared exactly: every expected finding is reported (with one of its codes
 * among the fixes' codes, when codes are given), and nothing else is, at the
 * severities compared (errors and warnings for example logs; every severity
 * for the rule fixtures).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker, type CountingRulesConfig, type FileReport, type Finding, type Severity } from '../../server/src/core';

export interface Expectation {
  rule: string;
  codes: string[];
  line: number;
}

export interface Mismatch {
  incident: string;
  line: number;
  problem: string;
}

const EXPECT = /^#\s*expect:\s*([a-z0-9-]+)((?:\s+\S+)*)\s*$/;

export function readExpectations(text: string): Map<number, Expectation[]> {
  const lines = text.split(/\r\n|\r|\n/);
  const byLine = new Map<number, Expectation[]>();
  lines.forEach((l, i) => {
    const m = EXPECT.exec(l.trim());
    if (m) byLine.set(i, [{ rule: m[1], codes: m[2].trim() ? m[2].trim().split(/\s+/) : [], line: i }]);
  });
  return byLine;
}

function within(f: Finding, start: number, end: number): boolean {
  return f.range.start.line >= start && f.range.start.line < end;
}

/** Compares a report with the annotations of its text. */
export function compare(text: string, report: FileReport, severities: readonly Severity[] = ['error', 'warning']): Mismatch[] {
  const expectations = readExpectations(text);
  const out: Mismatch[] = [];
  const blocks: { name: string; start: number; end: number }[] = [];
  const firstIncident = report.incidents[0]?.incident.startLine ?? report.lineCount;
  blocks.push({ name: '(file)', start: 0, end: firstIncident });
  for (const r of report.incidents) blocks.push({ name: r.incident.id || '(no id)', start: r.incident.startLine, end: r.incident.startLine + r.incident.lineCount });
  for (const b of blocks) {
    const expected: Expectation[] = [];
    for (let l = b.start; l < b.end; l++) expected.push(...(expectations.get(l) ?? []));
    const annotated = expected.length > 0;
    if (!annotated && b.name === '(file)') continue;
    const wanted = expected.filter((e) => e.rule !== 'none');
    const got = report.findings.filter((f) => within(f, b.start, b.end) && severities.includes(f.severity));
    const used = new Set<number>();
    for (const e of wanted) {
      const i = got.findIndex(
        (g, k) => !used.has(k) && g.rule === e.rule && (!e.codes.length || (g.fixes ?? []).some((fx) => (fx.codes ?? []).some((c) => e.codes.includes(c)))),
      );
      if (i < 0) {
        const near = got.find((g) => g.rule === e.rule);
        out.push({ incident: b.name, line: e.line + 1, problem: `expected ${e.rule}${e.codes.length ? ` with ${e.codes.join(' or ')}` : ''}${near ? ` (reported with ${(near.codes ?? []).join(', ') || 'no codes'})` : ', not reported'}` });
      } else used.add(i);
    }
    got.forEach((g, k) => {
      if (!used.has(k)) out.push({ incident: b.name, line: g.range.start.line + 1, problem: `unexpected ${g.severity} ${g.rule}: ${g.message}` });
    });
    if (!annotated && report.incidents.length) out.push({ incident: b.name, line: b.start + 1, problem: 'incident has no # expect: annotation' });
  }
  return out;
}

export function checkFile(file: string, config?: Partial<CountingRulesConfig>): { text: string; report: FileReport } {
  const text = fs.readFileSync(file, 'utf8');
  return { text, report: new Checker(config).check(text) };
}

export function ilogFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ilog'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The repository root, from the compiled test's location (out/test/...). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function formatMismatches(file: string, m: Mismatch[]): string {
  return m.map((x) => `${path.relative(ROOT, file)}:${x.line} [${x.incident}] ${x.problem}`).join('\n');
}
