/**
 * Code actions:
 *
 * - a `quickfix` for each fix of each finding in the range (the core's title,
 *   `isPreferred` where the core says the choice is certain);
 * - `source.fixAll.countingRules`: every preferred fix in the document, pass
 *   after pass until nothing more applies (the core's fixAll), as edits on
 *   the text the client has;
 * - "Disable <rule> for this line / incident" (a directive; for the VS Code
 *   client a command that inserts it as a snippet, elsewhere a plain edit
 *   with the reason left empty so `unexplained-disable` asks for one);
 * - "Show documentation for <rule>" where the client can show it.
 *
 * Edits keep the file's own line endings (materialiseFix writes them).
 */
import {
  CodeActionKind,
  TextDocumentEdit,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Checker, comparePositions, diffEdits, fixAll, materialiseFix, type CountingRulesConfig, type FileReport, type Fix, type Range } from '../core';
import type { CheckResult } from './checking';
import { toDiagnostic } from './diagnostics';
import { suppressionTarget, type SuppressionTarget } from './locate';
import { COMMANDS, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type InsertSuppressionArgs } from './protocol';

export interface CodeActionOptions {
  /** The client takes versioned `documentChanges` in a WorkspaceEdit. */
  documentChanges: boolean;
  /** The client implements `countingRules.insertSuppression`. */
  suppressionCommand: boolean;
  /** The client implements `countingRules.showRuleDocumentation`. */
  showDocumentation: boolean;
}

/** What a finding offers, whether read from a diagnostic's data or from the current check. */
interface Actionable {
  diagnostic: Diagnostic;
  rule: string;
  fixes: Fix[];
  suppress?: SuppressionTarget;
}

/** Whether `kind` is asked for by `only` (LSP kinds are hierarchical: "source" asks for "source.fixAll.x"). */
function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(
  params: CodeActionParams,
  doc: TextDocument,
  result: CheckResult,
  options: CodeActionOptions,
  token: CancellationToken,
  now: number = Date.now(),
): CodeAction[] {
  const report = result.report;
  if (!report || token.isCancellationRequested) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (kindRequested(only, CodeActionKind.QuickFix)) {
    const items = actionable(params, doc, report, result);
    for (const it of items) actions.push(...fixActions(it, doc, report, options, now));
    actions.push(...suppressionActions(items, doc, report, options));
    if (options.showDocumentation) actions.push(...documentationActions(items));
  }
  if (kindRequested(only, FIX_ALL_KIND)) {
    const all = fixAllAction(doc, result, options, now);
    if (all) actions.push(all);
  }
  return actions;
}

/**
 * The findings the request is about: the client's diagnostics in the
 * context, read from their data when it is for the current version, else
 * matched to the current check; when the client sends none, the findings
 * that touch the range.
 */
function actionable(params: CodeActionParams, doc: TextDocument, report: FileReport, result: CheckResult): Actionable[] {
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
  const out: Actionable[] = [];
  if (ours.length) {
    for (const d of ours) {
      // The diagnostic's finding in the current check (its data says which version it came from; an
      // older one is matched by rule, message and range, and dropped when the text it points at changed).
      const f = report.findings.find((x) => x.rule === d.code && x.message === d.message && sameRange(x.range, d.range));
      if (f) out.push({ diagnostic: d, rule: f.rule, fixes: f.fixes ?? [], suppress: suppressionTarget(report, f) });
    }
    return out;
  }
  if (params.context.diagnostics.length) return out; // only other tools' diagnostics here
  for (const f of report.findings) {
    if (!touches(f.range, params.range)) continue;
    out.push({ diagnostic: toDiagnostic(f, doc.uri, result.version), rule: f.rule, fixes: f.fixes ?? [], suppress: suppressionTarget(report, f) });
  }
  return out;
}

function fixActions(it: Actionable, doc: TextDocument, report: FileReport, options: CodeActionOptions, now: number): CodeAction[] {
  return it.fixes.map((fix) => {
    const action: CodeAction = {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [it.diagnostic],
      edit: workspaceEdit(doc, materialiseFix(fix, 0, report.eol, now), options),
    };
    if (fix.preferred) action.isPreferred = true;
    return action;
  });
}

type Scope = 'line' | 'incident' | 'file';

function directive(scope: Scope, rule: string): string {
  return `# counting-rules-${scope === 'line' ? 'disable-next-line' : 'disable'} ${rule} -- `;
}

/** One action per rule and scope, even when several findings of a rule are in the range. */
function suppressionActions(items: Actionable[], doc: TextDocument, report: FileReport, options: CodeActionOptions): CodeAction[] {
  const seen = new Set<string>();
  const out: CodeAction[] = [];
  for (const it of items) {
    const s = it.suppress;
    if (!s) continue;
    const targets: { scope: Scope; line: number }[] = [];
    if (s.line !== undefined) targets.push({ scope: 'line', line: s.line });
    if (s.incidentLine !== undefined) targets.push({ scope: 'incident', line: s.incidentLine });
    // Findings no incident directive can reach are turned off from the preamble.
    if (s.line === undefined && s.incidentLine === undefined) targets.push({ scope: 'file', line: 0 });
    for (const t of targets) {
      const key = `${it.rule}|${t.scope}|${t.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const title = `Disable ${it.rule} for this ${t.scope}`;
      const text = directive(t.scope, it.rule);
      const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [it.diagnostic] };
      if (options.suppressionCommand) {
        const args: InsertSuppressionArgs = { uri: doc.uri, line: t.line, text };
        action.command = { title, command: COMMANDS.insertSuppression, arguments: [args] };
      } else {
        // A byte-order mark stays first in the file.
        const character = t.line === 0 && doc.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\ufeff' ? 1 : 0;
        const at = { line: t.line, character };
        action.edit = workspaceEdit(doc, [{ range: { start: at, end: at }, newText: text + report.eol }], options);
      }
      out.push(action);
    }
  }
  return out;
}

function documentationActions(items: Actionable[]): CodeAction[] {
  const rules = [...new Set(items.map((i) => i.rule))];
  return rules.map((rule) => {
    const title = `Show documentation for ${rule}`;
    return { title, kind: CodeActionKind.QuickFix, command: { title, command: COMMANDS.showRuleDocumentation, arguments: [rule] } };
  });
}

/**
 * Fix-all for a check result, worked out once a minute (fixes write the time
 * to the minute): a client may ask for code actions at every cursor move.
 */
const fixAllPlans = new WeakMap<CheckResult, { edits: TextEdit[]; fixes: number; minute: number }>();
/** A Checker apart for each configuration, for the passes after the first: the document's own must keep its report. */
const scratchCheckers = new WeakMap<CountingRulesConfig, Checker>();

/** Every preferred fix in the document, and those the first fixes reveal, as edits on the document's text. */
function fixAllAction(doc: TextDocument, result: CheckResult, options: CodeActionOptions, now: number): CodeAction | undefined {
  const report = result.report!;
  const minute = Math.floor(now / 60_000);
  let plan = fixAllPlans.get(result);
  if (!plan || plan.minute !== minute) {
    const config = result.config;
    let scratch = config && scratchCheckers.get(config);
    if (!scratch) {
      scratch = new Checker(config);
      if (config) scratchCheckers.set(config, scratch);
    }
    const checker = scratch;
    const text = doc.getText();
    const done = fixAll((t) => checker.check(t), text, now, report);
    // One pass: its own edits, exactly as the fixes make them. More: the difference, line by line.
    const edits = done.passes <= 1 ? done.firstEdits : diffEdits(text, done.text, (line) => /^\s*Incident\b/i.test(line));
    plan = { edits, fixes: done.fixes, minute };
    fixAllPlans.set(result, plan);
  }
  if (!plan.fixes) return undefined;
  return {
    title: `Apply all preferred counting-rules fixes (${plan.fixes})`,
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(doc, plan.edits, options),
  };
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** Whether two ranges share a position (an empty range at a finding's edge touches it). */
function touches(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], options: CodeActionOptions): WorkspaceEdit {
  if (options.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  return { changes: { [doc.uri]: edits } };
}
