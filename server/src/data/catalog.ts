/** The rule catalogue from rules-data/rules.json. */
import rulesJson from '../../../rules-data/rules.json';
import type { Severity } from '../findings';

export interface RuleInfo {
  id: string;
  severity: Severity;
  kind: string;
  title: string;
  summary: string;
  basis: string;
  fixable: boolean;
}

export const RULES: readonly RuleInfo[] = (rulesJson as { rules: RuleInfo[] }).rules;

const byId = new Map(RULES.map((r) => [r.id, r]));

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

export function isRuleId(id: string): boolean {
  return byId.has(id);
}

export function defaultSeverity(id: string): Severity {
  return byId.get(id)?.severity ?? 'warning';
}

/** Where a rule's documentation page lives, relative to the project root. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
