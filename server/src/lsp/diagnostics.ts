/**
 * Findings to LSP diagnostics. Ranges pass through unchanged (the core uses
 * LSP's positions). A diagnostic's `data` holds only the document version it
 * was computed for: a code action request finds the finding again in the
 * check of that version (kept by the server), so the fixes are not sent with
 * every diagnostic on every keystroke (a 1,000-incident log has over a
 * thousand findings, and LSP resends them all).
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { FileReport, Finding, Severity } from '../core';
import { ruleDocUri } from './paths';
import { DIAGNOSTIC_SOURCE } from './protocol';

export interface DiagnosticData {
  /** Document version the diagnostic was computed for. */
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAG: Record<'unnecessary' | 'deprecated', DiagnosticTag> = {
  unnecessary: DiagnosticTag.Unnecessary,
  deprecated: DiagnosticTag.Deprecated,
};

export function toDiagnostic(f: Finding, uri: string, version: number): Diagnostic {
  const data: DiagnosticData = { version };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocUri(f.rule) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  if (f.tags?.length) d.tags = f.tags.map((t) => TAG[t]);
  return d;
}

export function toDiagnostics(report: FileReport, uri: string, version: number): Diagnostic[] {
  return report.findings.map((f) => toDiagnostic(f, uri, version));
}

/** The one diagnostic a document too large to check gets. */
export function tooLargeDiagnostic(bytes: number, limitMB: number): Diagnostic {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'file-too-large',
    source: DIAGNOSTIC_SOURCE,
    message: `This file is ${mb} MB, larger than the ${limitMB} MB limit (setting countingRules.maxFileSizeMB), so it is not checked. Split it, or raise the limit.`,
  };
}
