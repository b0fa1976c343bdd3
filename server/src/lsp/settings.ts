/**
 * Editor-only settings (section `countingRules`): read per document with
 * `workspace/configuration` when the client can answer it, else taken from
 * `workspace/didChangeConfiguration` or the initialization options (Helix,
 * Sublime LSP and eglot send settings that way).
 */
import type { Connection } from 'vscode-languageserver/node';
import { isRuleId, type RuleSetting } from '../core';
import { SETTINGS_SECTION, type EditorSettings } from './protocol';

/** The largest `maxFileSizeMB` honoured (the setting's documented maximum in package.json). */
export const MAX_FILE_SIZE_MB = 50;

export const DEFAULT_SETTINGS: EditorSettings = {
  enable: true,
  run: 'onType',
  rules: {},
  codeLens: { enable: true },
  maxFileSizeMB: 5,
};

const SEVERITY_WORDS: Record<string, RuleSetting> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
};

/**
 * Reads settings as a client sends them, keeping what is valid. Problems
 * name the setting and the rule id, never document text.
 */
function normaliseSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  const problems: string[] = [];
  const s: EditorSettings = { ...DEFAULT_SETTINGS, rules: {}, codeLens: { ...DEFAULT_SETTINGS.codeLens } };
  if (!raw || typeof raw !== 'object') return { settings: s, problems };
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  else if (r.run !== undefined) problems.push(`countingRules.run must be "onType" or "onSave"`);
  const lens = r.codeLens as Record<string, unknown> | undefined;
  if (lens && typeof lens === 'object' && typeof lens.enable === 'boolean') s.codeLens.enable = lens.enable;
  // Flat dotted keys, as some clients send them.
  if (typeof r['codeLens.enable'] === 'boolean') s.codeLens.enable = r['codeLens.enable'] as boolean;
  if (typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > MAX_FILE_SIZE_MB) {
    // A larger document would hold the server for a minute or more: the documented maximum is a hard cap.
    s.maxFileSizeMB = MAX_FILE_SIZE_MB;
    problems.push(`countingRules.maxFileSizeMB is at most ${MAX_FILE_SIZE_MB}; ${MAX_FILE_SIZE_MB} is used`);
  } else if (typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0) s.maxFileSizeMB = r.maxFileSizeMB;
  else if (r.maxFileSizeMB !== undefined && r.maxFileSizeMB !== null) problems.push(`countingRules.maxFileSizeMB must be a positive number`);
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
      const setting = typeof value === 'string' ? SEVERITY_WORDS[value.toLowerCase()] : undefined;
      if (!isRuleId(id)) problems.push(`countingRules.rules: unknown rule '${id}'`);
      else if (!setting) problems.push(`countingRules.rules.${id} must be one of error, warning, information, hint, off`);
      else s.rules[id] = setting;
    }
  }
  return { settings: s, problems };
}

export class SettingsSource {
  private readonly perDocument = new Map<string, Promise<EditorSettings>>();
  private global: EditorSettings;
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** The client answers `workspace/configuration`. */
    private readonly pull: boolean,
    initial: unknown,
    private readonly warn: (message: string) => void,
  ) {
    this.global = this.read(initial);
  }

  /** The settings for a document (cached until the configuration changes). */
  get(uri: string): Promise<EditorSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.perDocument.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw) => this.read(raw),
        () => this.global,
      );
      this.perDocument.set(uri, p);
    }
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget cached settings; a push-style client sends the new ones. */
  changed(settings: unknown): void {
    this.perDocument.clear();
    if (!this.pull && settings && typeof settings === 'object') {
      const section = (settings as Record<string, unknown>)[SETTINGS_SECTION];
      if (section !== undefined) this.global = this.read(section);
    }
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  private read(raw: unknown): EditorSettings {
    const { settings, problems } = normaliseSettings(raw);
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.warn(`Setting ignored: ${p}.`);
    }
    return settings;
  }
}
