/**
 * Configuration a force needs (RULES.md, "Configuration a force needs"): read
 * from `.counting-rules.json` by the editor and the CLI alike. Everything has
 * a default, so a workspace with no file gets sensible behaviour and no noise.
 */
import type { Severity } from '../findings';

export type RuleSetting = Severity | 'off';

export interface OpeningCodeConfig {
  /** The opening code marks domestic abuse: crimes need the DA flag. */
  domestic?: boolean;
  /** Offence families the opening code points to (for the code lens and audit; never a finding on its own). */
  families?: string[];
  description?: string;
}

/** A force's own trigger phrase, in the lexicon's phrase language. */
export interface TriggerConfig {
  phrase: string;
  /** Offence family (see rules-data/lexicon.json). */
  family: string;
  note?: string;
}

export interface CancellationAuthorityConfig {
  /** Roles that may cancel a rape (and attempted rape). */
  rape: string[];
  /** Roles that may cancel any other crime. */
  other: string[];
  /** Per offence family overrides, e.g. {"sexual-assault": ["FCR"]}. */
  families?: Record<string, string[]>;
}

export interface CountingRulesConfig {
  /** Pin an edition of the counting rules (its id in rules-data/editions.json); 'auto' picks the edition in force on each incident's Received date. */
  edition: string;
  /** Hours within which a crime must be recorded. */
  timelinessHours: number;
  rules: Record<string, RuleSetting>;
  openingCodes: Record<string, OpeningCodeConfig>;
  cancellationAuthority: CancellationAuthorityConfig;
  triggers: TriggerConfig[];
}

export const DEFAULT_CONFIG: CountingRulesConfig = {
  edition: 'auto',
  timelinessHours: 24,
  rules: {},
  openingCodes: {
    DOMESTIC: { domestic: true, description: 'Domestic incident: crimes are flagged DA.' },
    'DOMESTIC ABUSE': { domestic: true, description: 'Domestic incident: crimes are flagged DA.' },
    'DOMESTIC INCIDENT': { domestic: true, description: 'Domestic incident: crimes are flagged DA.' },
  },
  cancellationAuthority: { rape: ['FCR'], other: ['FCR', 'DDM'] },
  triggers: [],
};

/** Lays a partial configuration over the defaults (objects merged one level deep, arrays replaced). */
export function resolveConfig(partial?: Partial<CountingRulesConfig> | null): CountingRulesConfig {
  if (!partial) return DEFAULT_CONFIG;
  return {
    edition: partial.edition ?? DEFAULT_CONFIG.edition,
    timelinessHours: partial.timelinessHours ?? DEFAULT_CONFIG.timelinessHours,
    rules: { ...DEFAULT_CONFIG.rules, ...(partial.rules ?? {}) },
    openingCodes: { ...DEFAULT_CONFIG.openingCodes, ...upperKeys(partial.openingCodes ?? {}) },
    cancellationAuthority: { ...DEFAULT_CONFIG.cancellationAuthority, ...(partial.cancellationAuthority ?? {}) },
    triggers: partial.triggers ?? DEFAULT_CONFIG.triggers,
  };
}

function upperKeys<T>(o: Record<string, T>): Record<string, T> {
  const r: Record<string, T> = {};
  for (const [k, v] of Object.entries(o)) r[k.toUpperCase().trim()] = v;
  return r;
}
