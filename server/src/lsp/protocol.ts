/**
 * What the language server and its clients agree on beyond LSP itself: the
 * custom status notification, the commands the server's code actions name,
 * the initialization options and the editor settings. Plain types and
 * strings only, so the VS Code client can import this file without pulling
 * in the server library.
 */
import type { RuleSetting } from '../core';

/** `source` of every diagnostic, and the suffix of the fix-all code action kind. */
export const DIAGNOSTIC_SOURCE = 'counting-rules';

/** Code action kind for "apply every preferred fix" (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.countingRules';

/** The section of `workspace/configuration` that holds the editor-only settings. */
export const SETTINGS_SECTION = 'countingRules';

/** Sent after each check that delivers diagnostics, for a status item. */
export const STATUS_NOTIFICATION = 'countingRules/status';

export interface StatusParams {
  uri: string;
  findings: { error: number; warning: number; information: number; hint: number };
  /** Time the check and the conversion to diagnostics took, in milliseconds. */
  checkMs: number;
  /** The edition(s) of the counting rules the incidents were checked against (ids from rules-data/editions.json, comma-separated); '' when the file has no incidents or was not checked. */
  edition: string;
}

/** Commands that code actions name; the client implements them. */
export const COMMANDS = {
  /** Arguments: one `InsertSuppressionArgs`. The client inserts `text` as a new line before `line`, as a snippet ending in a placeholder for the reason. */
  insertSuppression: 'countingRules.insertSuppression',
  /** Arguments: the rule id. */
  showRuleDocumentation: 'countingRules.showRuleDocumentation',
} as const;

export interface InsertSuppressionArgs {
  uri: string;
  /** 0-based line the directive is inserted before (it becomes that line). */
  line: number;
  /** The directive without a line ending, ending in '-- ' where the reason goes. */
  text: string;
}

export interface InitializationOptions {
  /** `false` in an untrusted workspace: the force's own trigger phrases are not loaded. */
  trusted?: boolean;
  /** The client implements `countingRules.insertSuppression`; otherwise suppressions are plain edits. */
  suppressionCommand?: boolean;
  /** The client implements `countingRules.showRuleDocumentation`. */
  supportsShowDocumentation?: boolean;
  /** Push clients: how long to wait after a change, in ms, before checking (default 50). Changes within it are checked together. */
  typingPauseMs?: number;
  /** Settings for clients that cannot answer `workspace/configuration`. */
  settings?: Partial<EditorSettings>;
}

/** Editor-only settings (section `countingRules`), per document. */
export interface EditorSettings {
  enable: boolean;
  /** When diagnostics are produced. Push clients: the server honours it; pull clients: the client filters. */
  run: 'onType' | 'onSave';
  /** Per-rule severity overrides, on top of `.counting-rules.json`. */
  rules: Record<string, RuleSetting>;
  codeLens: { enable: boolean };
  /** Larger documents are not checked. */
  maxFileSizeMB: number;
}
