/**
 * The force's configuration file, `.counting-rules.json`, found the way the
 * CLI finds it (upward from the log, not above its workspace folder), and
 * the workspace folders that bound the search. Results are cached per
 * directory until a watched configuration file or the folders change.
 */
import * as path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, loadConfigFor, type LoadedConfig } from '../core';
import { uriToPath } from './paths';

export { CONFIG_FILE };

/** The glob the server asks the client to watch. */
export const CONFIG_GLOB = `**/${CONFIG_FILE}`;

const NO_FILE: LoadedConfig = { config: DEFAULT_CONFIG, problems: [], ignored: [] };

export class ConfigFiles {
  private folders: string[] = [];
  private readonly byDirectory = new Map<string, LoadedConfig>();
  /** Problems already reported, so a bad file is reported once, not on every keystroke. */
  private readonly reported = new Set<string>();

  constructor(
    /** `false` in an untrusted workspace: the force's trigger phrases are left out. */
    readonly trusted: boolean,
    private readonly report: (message: string, isWarning: boolean) => void,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => !!p).map((p) => path.resolve(p));
    this.byDirectory.clear();
  }

  addFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map(uriToPath).filter(Boolean).map((p) => path.resolve(p!)));
    const now = this.folders.filter((f) => !gone.has(f));
    for (const p of added.map(uriToPath)) if (p && !now.includes(path.resolve(p))) now.push(path.resolve(p));
    this.folders = now;
    this.byDirectory.clear();
  }

  /** Forget every file read (a configuration file changed). */
  invalidate(): void {
    this.byDirectory.clear();
    // A file that changed and is still wrong is worth saying again.
    this.reported.clear();
  }

  /** Read the configuration for a document's folder again on its next check. */
  forgetDirectoryOf(uri: string): void {
    const file = uriToPath(uri);
    if (file) this.byDirectory.delete(path.dirname(path.resolve(file)));
  }

  /** The innermost workspace folder holding a path. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const inside = file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep);
      if (inside && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** The configuration that applies to a document. Untitled and other non-file documents get the defaults. */
  forDocument(uri: string): LoadedConfig {
    const file = uriToPath(uri);
    if (!file) return NO_FILE;
    const dir = path.dirname(path.resolve(file));
    let loaded = this.byDirectory.get(dir);
    if (!loaded) {
      loaded = loadConfigFor(file, { stopAt: this.folderOf(file), trusted: this.trusted });
      this.byDirectory.set(dir, loaded);
      this.announce(loaded);
    }
    return loaded;
  }

  /** Tells the user once about a file's problems (file names, JSON paths and schema messages only). */
  private announce(loaded: LoadedConfig): void {
    if (!loaded.file) return;
    const name = loaded.file;
    const fresh: string[] = [];
    for (const p of loaded.problems) {
      // The core's messages already name the JSON path.
      const msg = p.message;
      const key = `${name}\0${msg}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      fresh.push(msg);
    }
    if (fresh.length) this.report(`Counting rules configuration ${name}: ${fresh.join('; ')}.`, true);
    if (loaded.ignored.length) {
      const key = `${name}\0ignored\0${loaded.ignored.join()}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.report(`Untrusted workspace: '${loaded.ignored.join("', '")}' in ${name} not used.`, false);
      }
    }
  }
}
