/**
 * Open documents and their checks. Each document has its own Checker, so
 * the Checker's per-incident cache follows that document's edits; a new
 * Checker is made when the configuration that applies to the document
 * changes. The last result is kept per document and reused while the text
 * and the configuration are unchanged, so diagnostics, hovers, code lenses
 * and code actions for one version of a document share one check.
 */
import { performance } from 'node:perf_hooks';
import type { Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Checker, type CountingRulesConfig, type FileReport, type Lexicon } from '../core';
import type { ConfigFiles } from './configuration';
import { tooLargeDiagnostic, toDiagnostics } from './diagnostics';
import type { Log } from './log';
import { displayName } from './paths';
import type { EditorSettings, StatusParams } from './protocol';
import type { SettingsSource } from './settings';

export interface CheckResult {
  /** Unique per result: a pull client that holds it is told "unchanged" while it is current. */
  resultId: string;
  uri: string;
  version: number;
  /** Configuration generation the result was computed under. */
  generation: number;
  settings: EditorSettings;
  /** Undefined when the document was not checked (disabled, or too large). */
  report?: FileReport;
  /** What the document is checked with; undefined when checking is disabled for it. */
  lexicon?: Lexicon;
  config?: CountingRulesConfig;
  diagnostics: Diagnostic[];
  counts: StatusParams['findings'];
  edition: string;
  ms: number;
}

interface DocState {
  checker?: Checker;
  /** The effective configuration the checker was made with, as JSON. */
  configKey?: string;
  /** Generation at which `checker` was last confirmed current. */
  checkerGeneration: number;
  result?: CheckResult;
  /** The document's change count when `result` was computed. */
  resultChange?: number;
}

export class Checking {
  private generation = 0;
  private results = 0;
  private readonly states = new Map<string, DocState>();
  /**
   * Changes seen per document. A result is reused only for the same count:
   * version numbers alone cannot tell texts apart when a client repeats or
   * reorders them.
   */
  private readonly changes = new Map<string, number>();
  private readonly reportedErrors = new Set<string>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsSource,
    private readonly configs: ConfigFiles,
    private readonly log: Log,
  ) {}

  /** Configuration files or settings changed: every document is checked afresh on its next request. */
  configurationChanged(): void {
    this.generation++;
  }

  /** The document's text changed (or it was opened). */
  changed(uri: string): void {
    this.changes.set(uri, (this.changes.get(uri) ?? 0) + 1);
  }

  closed(uri: string): void {
    this.states.delete(uri);
    this.changes.delete(uri);
    this.settings.forget(uri);
  }

  settingsFor(uri: string): Promise<EditorSettings> {
    return this.settings.get(uri);
  }

  /**
   * The result for the document's current text, checking it if needed.
   * Undefined when the document is not open. Settings may have to be asked
   * of the client; if the configuration changes meanwhile, they are asked
   * again so a result never mixes old settings with a new generation.
   */
  async current(uri: string): Promise<CheckResult | undefined> {
    for (;;) {
      const generation = this.generation;
      const settings = await this.settings.get(uri);
      if (generation !== this.generation) continue;
      const doc = this.documents.get(uri);
      return doc ? this.check(doc, settings) : undefined;
    }
  }

  /** Synchronous: the check runs on the text as it is now, so its result is never stale. */
  private check(doc: TextDocument, settings: EditorSettings): CheckResult {
    const uri = doc.uri;
    let st = this.states.get(uri);
    if (!st) {
      st = { checkerGeneration: -1 };
      this.states.set(uri, st);
    }
    const prev = st.result;
    const change = this.changes.get(uri) ?? 0;
    if (prev && prev.version === doc.version && prev.generation === this.generation && st.resultChange === change) return prev;

    const started = performance.now();
    const base = { resultId: String(++this.results), uri, version: doc.version, generation: this.generation, settings };
    const none = { error: 0, warning: 0, information: 0, hint: 0 };
    let result: CheckResult;
    if (!settings.enable) {
      result = { ...base, diagnostics: [], counts: none, edition: '', ms: 0 };
    } else {
      const text = doc.getText();
      const checker = this.checkerFor(uri, st, settings);
      const tools = { lexicon: checker.lexicon, config: checker.config };
      const limit = settings.maxFileSizeMB * 1024 * 1024;
      // UTF-8 takes at most 3 bytes per UTF-16 unit, so most documents need no byte count.
      const bytes = text.length * 3 > limit ? Buffer.byteLength(text, 'utf8') : 0;
      if (bytes > limit) {
        result = { ...base, ...tools, diagnostics: [tooLargeDiagnostic(bytes, settings.maxFileSizeMB)], counts: none, edition: '', ms: 0 };
        this.log.trace(`${displayName(uri)} v${doc.version}: ${(bytes / 1048576).toFixed(1)} MB, over the ${settings.maxFileSizeMB} MB limit; not checked`);
      } else {
        const report = checker.check(text);
        const diagnostics = toDiagnostics(report, uri, doc.version);
        const ms = performance.now() - started;
        result = { ...base, ...tools, report, diagnostics, counts: countFindings(report), edition: editionsOf(report), ms };
        this.reportInternalErrors(uri, report);
        this.log.trace(
          `${displayName(uri)} v${doc.version}: ${report.findings.length} findings, ${report.incidents.length} incidents (${report.analysed} analysed) in ${ms.toFixed(1)} ms`,
          () => report.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`).join('\n'),
        );
      }
    }
    st.result = result;
    st.resultChange = change;
    return result;
  }

  /** The document's Checker, made anew when its effective configuration changed. */
  private checkerFor(uri: string, st: DocState, settings: EditorSettings): Checker {
    if (st.checker && st.checkerGeneration === this.generation) return st.checker;
    const loaded = this.configs.forDocument(uri);
    const config: CountingRulesConfig = { ...loaded.config, rules: { ...loaded.config.rules, ...settings.rules } };
    const key = JSON.stringify(config);
    if (!st.checker || st.configKey !== key) {
      st.checker = new Checker(config);
      st.configKey = key;
      for (const p of st.checker.lexiconProblems) this.once(`${p.where}: ${p.message}`, () => this.log.warn(`Trigger phrase not used (${p.where}): ${p.message}`));
      this.log.info(`${displayName(uri)}: checking with ${loaded.file ? displayName(loaded.file) : 'the default configuration'}${Object.keys(settings.rules).length ? ' and rule settings from the editor' : ''}.`);
    }
    st.checkerGeneration = this.generation;
    return st.checker;
  }

  private reportInternalErrors(uri: string, report: FileReport): void {
    // Each is "<rule id>: <the error's message>". A message may quote the text the rule
    // was reading, so the log names the rule only; the message goes to verbose tracing.
    for (const e of report.internalErrors) {
      const rule = /^[a-z0-9-]+(?=: )/.exec(e)?.[0] ?? 'unknown';
      this.once(e, () => {
        this.log.error(`Internal error in rule ${rule} while checking ${displayName(uri)}; the file's other findings are shown. Turn on verbose tracing (countingRules.trace.server) to see the error.`);
        this.log.trace(`Internal error in rule ${rule}`, () => e);
      });
    }
  }

  private once(key: string, act: () => void): void {
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    act();
  }
}

function countFindings(report: FileReport): StatusParams['findings'] {
  const c = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of report.findings) c[f.severity]++;
  return c;
}

function editionsOf(report: FileReport): string {
  const ids: string[] = [];
  for (const r of report.incidents) if (!ids.includes(r.analysis.edition.id)) ids.push(r.analysis.edition.id);
  return ids.join(', ');
}
