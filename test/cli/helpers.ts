/** Running the built command-line tool as a user would, and reading the examples' annotations. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The project root (tests run from out/test/cli). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const BIN = path.join(ROOT, 'bin', 'counting-rules.js');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}): Ran {
  const r = spawnSync(process.execPath, [options.bin ?? CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
    maxBuffer: 256 << 20,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the system's temporary folder, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counting-rules-cli-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Annotated {
  file: string;
  id: string;
  /** 1-based line of the Incident line. */
  line: number;
  expects: { rule: string; codes: string[] }[];
}

const EXPECT = /^#\s*expect:\s*([a-z0-9-]+)((?:\s+\S+)*)\s*$/;

/** The `# expect:` annotations of a log (examples/README.md), by incident. */
export function annotations(file: string, text: string): Annotated[] {
  const out: Annotated[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const inc = /^Incident\s+(\S+)/.exec(l);
    if (inc) out.push({ file, id: inc[1], line: i + 1, expects: [] });
    const m = EXPECT.exec(l.trim());
    if (m && out.length) out[out.length - 1].expects.push({ rule: m[1], codes: m[2].trim() ? m[2].trim().split(/\s+/) : [] });
  });
  return out;
}

export interface JsonFinding {
  file: string;
  incident: string | null;
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  codes: string[];
  related: { line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

export interface JsonOutput {
  findings: JsonFinding[];
  summary: {
    files: number;
    incidents: number;
    findings: number;
    errors: number;
    warnings: number;
    information: number;
    hints: number;
    rules: Record<string, number>;
    problems: { path: string; message: string }[];
    internalErrors: { path: string; message: string }[];
    fixed?: number;
  };
}
