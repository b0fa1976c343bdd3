/**
 * Which configuration applies to each log: the nearest `.counting-rules.json`
 * above it (as the editor reads it), or the one file `--config` names. Looked
 * up once per folder and parsed once per configuration file, so a batch of a
 * thousand files in one folder costs one lookup. Problems in a configuration
 * file are reported once, never fatal: the valid parts still apply.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigFile, parseConfigText, resolveConfig, type ConfigProblem, type CountingRulesConfig } from '../core';

export interface ResolvedConfig {
  /** Identifies the configuration (its file, or '' for the defaults), so a worker builds one checker per configuration. */
  key: string;
  file?: string;
  config: CountingRulesConfig;
}

export class ConfigResolver {
  private byDir = new Map<string, ResolvedConfig>();
  private byFile = new Map<string, ResolvedConfig>();
  private readonly fixed?: ResolvedConfig;
  private static readonly DEFAULTS: ResolvedConfig = { key: '', config: resolveConfig(null) };

  /**
   * @param override a configuration file that applies to every log (`--config`); it must be readable.
   * @param onProblem called once for each problem in each configuration file read.
   */
  constructor(
    override: string | undefined,
    private readonly onProblem: (p: ConfigProblem) => void,
  ) {
    if (override) this.fixed = this.read(path.resolve(override), true);
  }

  /** Reads and parses one configuration file (once). */
  private read(file: string, mustExist: boolean): ResolvedConfig {
    const hit = this.byFile.get(file);
    if (hit) return hit;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if (mustExist) throw new ConfigError(`cannot read configuration ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      this.onProblem({ file, path: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); using the defaults` });
      const r = { key: file, file, config: resolveConfig(null) };
      this.byFile.set(file, r);
      return r;
    }
    const { config, problems } = parseConfigText(text, file, true);
    for (const p of problems) this.onProblem(p);
    const r = { key: file, file, config };
    this.byFile.set(file, r);
    return r;
  }

  /** The configuration for a log file. */
  for(logPath: string): ResolvedConfig {
    if (this.fixed) return this.fixed;
    const dir = path.dirname(logPath);
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const file = findConfigFile(dir);
    const r = file ? this.read(file, false) : ConfigResolver.DEFAULTS;
    // Folders are few next to files; the cache stays small.
    this.byDir.set(dir, r);
    return r;
  }
}

export class ConfigError extends Error {}
