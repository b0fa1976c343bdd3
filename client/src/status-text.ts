/**
 * What the language status item says for the log in the active editor: the
 * edition of the counting rules it was checked against, its findings and the
 * check time, from the server's `countingRules/status` notification. Pure
 * (the translator is passed in), so it is unit-tested without `vscode`.
 */
import { EDITIONS } from '../../server/src/core';
import type { StatusParams } from '../../server/src/lsp/protocol';

/** `vscode.l10n.t` in the extension; `{0}`-style arguments. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusView {
  text: string;
  detail: string;
  /** Mirrors vscode.LanguageStatusSeverity: findings are the Problems panel's business, so only a stopped server is an error. */
  severity: 'information' | 'error';
  busy: boolean;
}

const editionTitle = (id: string) => EDITIONS.find((e) => e.id === id)?.title ?? id;

/** Findings as codicons and counts (as VS Code's own Problems status does); hints are not counted there either. */
function findingsText(f: StatusParams['findings'], t: Translate): string {
  const parts: string[] = [];
  if (f.error) parts.push(`$(error) ${f.error}`);
  if (f.warning) parts.push(`$(warning) ${f.warning}`);
  if (f.information) parts.push(`$(info) ${f.information}`);
  return parts.length ? parts.join(' ') : `$(check) ${t('No findings')}`;
}

export function describeStatus(status: StatusParams | undefined, state: ServerState, t: Translate): StatusView {
  if (state === 'stopped') {
    return { text: `$(error) ${t('Server stopped')}`, detail: t('Restart it, or see the output channel for why it stopped.'), severity: 'error', busy: false };
  }
  if (!status) {
    return { text: t('Checking…'), detail: '', severity: 'information', busy: true };
  }
  const ids = status.edition.split(',').map((s) => s.trim()).filter(Boolean);
  const ms = status.checkMs < 10 ? status.checkMs.toFixed(1) : String(Math.round(status.checkMs));
  if (!ids.length) {
    return { text: t('No incidents checked'), detail: t('Checked in {0} ms', ms), severity: 'information', busy: false };
  }
  return {
    text: `$(law) ${ids.join(', ')}  ${findingsText(status.findings, t)}`,
    detail: `${ids.map(editionTitle).join('; ')} · ${t('Checked in {0} ms', ms)}`,
    severity: 'information',
    busy: false,
  };
}
