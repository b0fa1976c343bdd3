/**
 * `--format sarif`: SARIF 2.1.0, for code-scanning tools (GitHub code
 * scanning, Azure DevOps, the SARIF viewer in VS Code). Every rule of the
 * catalogue is listed with its help text (what it catches and the counting
 * rule behind it), so a finding can be explained where it is shown. Paths
 * are relative to the working folder (`%SRCROOT%`); columns count UTF-16
 * code units, as the checker's do. Written as findings arrive.
 */
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../../core';
import type { CliFinding } from '../findings';
import type { Out } from '../output';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import type { CheckSummary, Formatter } from './types';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

export function sarifRules(): object[] {
  return RULES.map((r) => ({
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.summary },
    help: {
      text: `${r.summary}\n\nBasis: ${r.basis}`,
      markdown: `**${r.title}**\n\n${r.summary}\n\n*Basis:* ${r.basis}`,
    },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { tags: ['counting-rules', r.kind], 'problem.severity': r.severity },
  }));
}

/** A path as a relative URI reference (each segment percent-encoded). */
export function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export class SarifFormatter implements Formatter {
  private first = true;
  private readonly ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));

  constructor(
    private readonly out: Out,
    private readonly cwd: string,
  ) {}

  begin(): void {
    const root = pathToFileURL(this.cwd.endsWith('/') ? this.cwd : this.cwd + '/').href;
    const head = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
    };
    const run = {
      tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules: sarifRules() } },
      originalUriBaseIds: { '%SRCROOT%': { uri: root } },
      columnKind: 'utf16CodeUnits',
    };
    const runJson = JSON.stringify(run);
    this.out.write(`${JSON.stringify(head).slice(0, -1)},"runs":[${runJson.slice(0, -1)},"results":[`);
  }

  private result(f: CliFinding): object {
    const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
    const artifactLocation = { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' };
    const r: Record<string, unknown> = {
      ruleId: f.rule,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region } }],
    };
    const index = this.ruleIndex.get(f.rule);
    if (index !== undefined) r.ruleIndex = index;
    if (f.related.length) {
      r.relatedLocations = f.related.map((x, i) => ({
        id: i,
        message: { text: x.message },
        physicalLocation: { artifactLocation, region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } },
      }));
    }
    r.properties = { incident: f.incident, codes: f.codes, severity: f.severity };
    return r;
  }

  findings(list: CliFinding[]): void {
    let s = '';
    for (const f of list) {
      s += (this.first ? '\n' : ',\n') + JSON.stringify(this.result(f));
      this.first = false;
    }
    if (s) this.out.write(s);
  }

  end(summary: CheckSummary): void {
    const notifications = [
      ...summary.problems.map((p) => ({ level: 'error', message: { text: `${p.path}: ${p.message}` } })),
      ...summary.internalErrors.map((p) => ({ level: 'error', message: { text: `internal error in ${p.path}: ${p.message}` } })),
    ];
    const invocation = {
      executionSuccessful: !summary.problems.length && !summary.internalErrors.length,
      toolExecutionNotifications: notifications,
    };
    const props = { files: summary.files, incidents: summary.incidents, errors: summary.errors, warnings: summary.warnings, information: summary.information, hints: summary.hints };
    this.out.write(`${this.first ? '' : '\n'}],"invocations":[${JSON.stringify(invocation)}],"properties":${JSON.stringify(props)}}]}\n`);
  }
}
