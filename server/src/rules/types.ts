/**
 * A rule: a pure function from a parsed incident (with the facts the
 * analysers read from it, rules-data and configuration) to findings. Rules
 * know nothing of LSP or of files.
 */
import type { IncidentAnalysis } from '../analysis/types';
import type { CountingRulesConfig } from '../config/types';
import type { Finding } from '../findings';
import type { Incident } from '../parser/types';
import type { Lexicon } from '../data/lexicon';

export interface RuleContext {
  incident: Incident;
  analysis: IncidentAnalysis;
  config: CountingRulesConfig;
  lexicon: Lexicon;
}

export interface Rule {
  /** The rule's id, exactly as RULES.md names it. */
  id: string;
  check(ctx: RuleContext): Finding[];
}
