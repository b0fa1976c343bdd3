/**
 * Paths and URIs: document URIs to file paths, where the installed package
 * lives, and the file:// link to each rule's documentation page.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ruleDocPath } from '../core';

/** The file a `file:` URI names; undefined for untitled and other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last segment of a URI, for log lines (never the document's content). */
export function displayName(uri: string): string {
  const p = uriToPath(uri);
  if (p) return path.basename(p);
  const i = uri.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
}

/**
 * The installed package's root: the nearest folder above this module with
 * a package.json. The bundle runs from dist/, the compiled tests from
 * out/server/src/lsp/; both find the same root.
 */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start, '..');
    dir = parent;
  }
}

let root: string | undefined;
export function packageRoot(): string {
  return (root ??= findPackageRoot(__dirname));
}

const docUris = new Map<string, string>();

/** file:// URI of `docs/rules/<rule-id>.md` in the installed package. */
export function ruleDocUri(rule: string): string {
  let u = docUris.get(rule);
  if (!u) {
    u = pathToFileURL(path.join(packageRoot(), ruleDocPath(rule))).href;
    docUris.set(rule, u);
  }
  return u;
}
