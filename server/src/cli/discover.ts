/**
 * Finding the logs to check: files as named, folders searched recursively for
 * `*.ilog`, and simple globs. Files are yielded one at a time, in a stable
 * order (sorted by name within each folder), so a batch of any size is never
 * held in memory as a list. Hidden entries and `node_modules` are skipped when
 * searching; symbolic links to files are followed, links to folders are not
 * (a loop of links would never end).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globDepth, globToRegExp, isGlob, splitGlob } from './glob';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** The path as reports show it: relative to the working folder, with `/`. */
  display: string;
}

export interface DiscoveryProblem {
  input: string;
  message: string;
}

export const LOG_EXTENSION = '.ilog';

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? path.basename(abs) : rel).split(path.sep).join('/');
}

function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

async function entriesOf(dir: string): Promise<fs.Dirent[]> {
  const list = await fs.promises.readdir(dir, { withFileTypes: true });
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What a directory entry is, following a link to a file (but never into a folder). */
async function kindOf(dir: string, e: fs.Dirent): Promise<'file' | 'dir' | 'other'> {
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'dir';
  if (e.isSymbolicLink()) {
    try {
      return (await fs.promises.stat(path.join(dir, e.name))).isFile() ? 'file' : 'other';
    } catch {
      return 'other';
    }
  }
  return 'other';
}

/** Walks a folder depth-first, yielding files whose relative path passes `accept`. */
async function* walk(root: string, rel: string, depth: number, accept: (relPath: string) => boolean): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await entriesOf(path.join(root, rel));
  } catch {
    return;
  }
  for (const e of entries) {
    if (skipped(e.name)) continue;
    const relPath = rel ? `${rel}/${e.name}` : e.name;
    const kind = await kindOf(path.join(root, rel), e);
    if (kind === 'file' && accept(relPath)) yield path.join(root, relPath);
    else if (kind === 'dir' && depth > 1) yield* walk(root, relPath, depth - 1, accept);
  }
}

/**
 * Every file the inputs name, once each. Problems (a path that does not
 * exist, a folder or pattern with nothing to check) go to `onProblem`; the
 * caller decides the exit code.
 */
export async function* discover(inputs: readonly string[], cwd: string, onProblem: (p: DiscoveryProblem) => void): AsyncGenerator<FoundFile> {
  // Only several inputs can name a file twice; one input never yields a path twice.
  const seen = inputs.length > 1 ? new Set<string>() : undefined;
  const emit = (abs: string): FoundFile | undefined => {
    if (seen) {
      if (seen.has(abs)) return undefined;
      seen.add(abs);
    }
    return { path: abs, display: displayPath(abs, cwd) };
  };
  for (const input of inputs) {
    let count = 0;
    if (isGlob(input) && !fs.existsSync(path.resolve(cwd, input))) {
      const { base, rest } = splitGlob(input);
      const root = path.resolve(cwd, base);
      const re = globToRegExp(rest);
      for await (const abs of walk(root, '', globDepth(rest), (rel) => re.test(rel))) {
        count++;
        const f = emit(abs);
        if (f) yield f;
      }
      if (!count) onProblem({ input, message: `no files match '${input}'` });
      continue;
    }
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      onProblem({ input, message: code === 'ENOENT' ? `no such file or folder: ${input}` : `cannot read ${input} (${code ?? String(e)})` });
      continue;
    }
    if (stat.isDirectory()) {
      try {
        await fs.promises.access(abs, fs.constants.R_OK | fs.constants.X_OK);
      } catch {
        onProblem({ input, message: `cannot read folder ${input} (permission denied)` });
        continue;
      }
      for await (const file of walk(abs, '', Infinity, (rel) => rel.toLowerCase().endsWith(LOG_EXTENSION))) {
        count++;
        const f = emit(file);
        if (f) yield f;
      }
      if (!count) onProblem({ input, message: `no ${LOG_EXTENSION} files in ${input}` });
    } else {
      // A file named explicitly is checked whatever its extension.
      const f = emit(abs);
      if (f) yield f;
    }
  }
}
