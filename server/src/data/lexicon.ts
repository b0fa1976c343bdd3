/**
 * The lexicon (rules-data/lexicon.json, grounds.json, cancellations.json),
 * compiled once into phrase indexes. A force's own trigger phrases from
 * configuration are compiled on top; bad ones are reported, never run.
 */
import lexiconJson from '../../../rules-data/lexicon.json';
import groundsJson from '../../../rules-data/grounds.json';
import cancellationsJson from '../../../rules-data/cancellations.json';
import { compilePhrase, PhraseError, PhraseIndex, type CompiledPhrase } from '../analysis/phrases';
import type { TriggerConfig } from '../config/types';

export interface TriggerDef {
  id: string;
  phrases: string[];
  source: string;
  verified: boolean;
  codes?: string[];
  note?: string;
  serious?: boolean;
  attempt?: boolean;
  kind?: string;
  /** The trigger counts only for a victim known to be this age or younger (sex with a child under 13 is rape). */
  victimMaxAge?: number;
  /** Replaces the family's blockers for this trigger (a demand "if they didn't hand over" is a robbery, not a hypothetical). */
  blockers?: string[];
  /** Words just after this trigger that mean something else, besides the family's own. */
  followedByNot?: string[];
  /** The victim is the subject of the words ("she told him to stop"), so their pronouns do not name the victim. */
  victimIsSubject?: boolean;
  /** Words that must also be in the same sentence (or entry) for the trigger to count, e.g. a refusal near "had sex with her". */
  context?: { scope: 'sentence' | 'entry'; phrases: string[] };
  /** Added by the force's configuration. */
  fromConfig?: boolean;
}

export interface FamilyDef {
  id: string;
  title: string;
  rank: number;
  group: string;
  codeChoice: 'assault' | 'fixed' | 'victim' | 'course-of-conduct';
  codes: Record<string, unknown>;
  basis: string;
  conductOnly?: boolean;
  blockers?: string[];
  /** Words just after a trigger that mean something else ("rape alarm", "rape crisis", "oilseed rape" is caught by blockers). */
  followedByNot?: string[];
  notes?: string;
  triggers: TriggerDef[];
  examples?: { discloses: string[]; doesNotDisclose: string[] };
}

export interface CueDef {
  about: string;
  source: string;
  verified: boolean;
  phrases: string[];
}

export interface GroundDef {
  id: string;
  title: string;
  basis: string;
  source: string;
  verified: boolean;
  condition: 'always' | 'victimAccount' | 'threats' | 'courseOfConduct' | 'offenceDisclosed' | 'childVictim';
  phrases: string[];
  /** Phrases that void a match of this ground where they overlap it. */
  except?: string[];
}

export interface CancellationClass {
  id: string;
  title: string;
  outcome: 'transferred' | 'cancelled';
  needs: string[];
  verified: boolean;
  source: string;
  notes?: string;
}

export interface TriggerRef {
  family: FamilyDef;
  trigger: TriggerDef;
  blockers?: Set<string>;
  followedByNot?: Set<string>;
  context?: { scope: 'sentence' | 'entry'; index: PhraseIndex<string> };
}

export interface NegationLexicon {
  /** Words that negate what follows within `window` words in the same clause. */
  words: Set<string>;
  /** Words that negate only the next two words ("without injury"). */
  short: Set<string>;
  /** Words that, right after a negation word, make it something else ("won't stop", "didn't report"). */
  pseudoNext: Set<string>;
  /** Words just after a trigger that mean it is not a new disclosure ("assault recorded", "assault denied"). */
  after: Set<string>;
  window: number;
}

/** What a narrative phrase is: an offence trigger or a cue. */
export type NarrativeRef = { trigger: TriggerRef; cue?: undefined } | { cue: string; trigger?: undefined };

export interface Lexicon {
  classes: Map<string, Set<string>>;
  /** Triggers and cues in one index, so a log entry is scanned once. */
  narrative: PhraseIndex<NarrativeRef>;
  families: Map<string, FamilyDef>;
  triggers: PhraseIndex<TriggerRef>;
  triggerById: Map<string, TriggerRef>;
  cueDefs: Map<string, CueDef>;
  cues: PhraseIndex<string>;
  negation: NegationLexicon;
  blockers: Map<string, Set<string>>;
  followedByNot: Map<string, Set<string>>;
  relationships: RelationshipLexicon;
  /** Each ground, with its phrases and the phrases (`except`) that void a match they overlap. */
  grounds: { def: GroundDef; index: PhraseIndex<string>; except?: PhraseIndex<string> }[];
  aviOpinion: PhraseIndex<string>;
  /** Phrases an avi uses to name information the police can check (besides the cetc and found cues). */
  aviVerifiable: PhraseIndex<string>;
  cancellationClasses: Map<string, CancellationClass>;
  roles: Map<string, string>;
  errorWords: PhraseIndex<string>;
  /** Police force names (lower case) a C1 transfer may name. */
  forces: string[];
  /** Ranks of offence families that have no trigger phrases (homicide, drugs, ...). */
  familyRanks: Map<string, number>;
  /** Seriousness of individual codes where it differs from their family's. */
  codeRanks: Map<string, number>;
}

export interface RelationshipLexicon {
  intimate: string[];
  former: string[];
  family: string[];
  extendedFamily: { words: string[]; from: string; note: string; verified: boolean };
  notDomestic: string[];
  source: string;
}

export interface LexiconProblem {
  /** Where the phrase came from, e.g. "triggers[2].phrase" or "lexicon.json families.assault". */
  where: string;
  phrase: string;
  message: string;
}

type LexiconJson = {
  classes: Record<string, string[]>;
  negation: { words: string[]; short: string[]; pseudoNext: string[]; after: string[]; window: number };
  families: FamilyDef[];
  cues: Record<string, CueDef>;
  relationships: RelationshipLexicon;
  otherFamilies?: { id: string; title: string; rank: number }[];
  codeRanks?: { ranks: Record<string, number> };
};

const LEX = lexiconJson as unknown as LexiconJson;

function compileInto<T>(index: PhraseIndex<T>, classes: Map<string, Set<string>>, phrases: string[], value: T, where: string, problems: LexiconProblem[]): void {
  for (const p of phrases) {
    try {
      index.add(compilePhrase(p, classes), value);
    } catch (e) {
      if (e instanceof PhraseError) problems.push({ where, phrase: p, message: `Phrase '${p}' ${e.message}.` });
      else throw e;
    }
  }
}

/** Compiles a phrase against the lexicon's classes, for validating configuration. */
export function checkPhrase(phrase: string): string | undefined {
  try {
    compilePhrase(phrase, baseClasses());
    return undefined;
  } catch (e) {
    return e instanceof PhraseError ? e.message : String(e);
  }
}

let classesCache: Map<string, Set<string>> | undefined;
function baseClasses(): Map<string, Set<string>> {
  if (!classesCache) classesCache = new Map(Object.entries(LEX.classes).map(([k, v]) => [k, new Set(v.map((w) => w.toLowerCase()))]));
  return classesCache;
}

function build(extra: readonly TriggerConfig[]): { lexicon: Lexicon; problems: LexiconProblem[] } {
  const problems: LexiconProblem[] = [];
  const classes = baseClasses();
  const families = new Map<string, FamilyDef>();
  const triggers = new PhraseIndex<TriggerRef>(classes);
  const narrative = new PhraseIndex<NarrativeRef>(classes);
  const triggerById = new Map<string, TriggerRef>();
  const blockers = new Map<string, Set<string>>();
  const followedByNot = new Map<string, Set<string>>();
  for (const f of LEX.families) {
    families.set(f.id, f);
    followedByNot.set(f.id, new Set((f.followedByNot ?? []).map((w) => w.toLowerCase())));
    blockers.set(f.id, new Set((f.blockers ?? []).map((w) => w.toLowerCase())));
    for (const t of f.triggers) {
      const ref: TriggerRef = { family: f, trigger: t };
      if (t.blockers) ref.blockers = new Set(t.blockers.map((w) => w.toLowerCase()));
      if (t.followedByNot) ref.followedByNot = new Set(t.followedByNot.map((w) => w.toLowerCase()));
      if (t.context) {
        const index = new PhraseIndex<string>(classes);
        compileInto(index, classes, t.context.phrases, 'context', `lexicon.json ${t.id} context`, problems);
        ref.context = { scope: t.context.scope, index };
      }
      triggerById.set(t.id, ref);
      compileInto(triggers, classes, t.phrases, ref, `lexicon.json ${t.id}`, problems);
      compileInto(narrative, classes, t.phrases, { trigger: ref }, `lexicon.json ${t.id}`, []);
    }
  }
  extra.forEach((t, i) => {
    const family = families.get(t.family);
    if (!family) {
      problems.push({ where: `triggers[${i}]`, phrase: t.phrase, message: `Unknown offence family '${t.family}'; families are ${[...families.keys()].join(', ')}.` });
      return;
    }
    const def: TriggerDef = { id: `config.${i}`, phrases: [t.phrase], source: t.note ? `Force configuration: ${t.note}` : 'Force configuration (.counting-rules.json)', verified: false, fromConfig: true };
    const ref = { family, trigger: def };
    triggerById.set(def.id, ref);
    compileInto(triggers, classes, [t.phrase], ref, `triggers[${i}]`, problems);
    compileInto(narrative, classes, [t.phrase], { trigger: ref }, `triggers[${i}]`, []);
  });
  const cueDefs = new Map(Object.entries(LEX.cues));
  const cues = new PhraseIndex<string>(classes);
  for (const [name, c] of cueDefs) {
    compileInto(cues, classes, c.phrases, name, `lexicon.json cues.${name}`, problems);
    compileInto(narrative, classes, c.phrases, { cue: name }, `lexicon.json cues.${name}`, []);
  }

  const G = groundsJson as unknown as { grounds: GroundDef[]; avi: { opinion: string[]; verifiable?: string[] } };
  const grounds = G.grounds.map((def) => {
    const index = new PhraseIndex<string>(classes);
    compileInto(index, classes, def.phrases, def.id, `grounds.json ${def.id}`, problems);
    if (!def.except?.length) return { def, index };
    const except = new PhraseIndex<string>(classes);
    compileInto(except, classes, def.except, def.id, `grounds.json ${def.id} except`, problems);
    return { def, index, except };
  });
  const aviOpinion = new PhraseIndex<string>(classes);
  compileInto(aviOpinion, classes, G.avi.opinion, 'opinion', 'grounds.json avi.opinion', problems);
  const aviVerifiable = new PhraseIndex<string>(classes);
  compileInto(aviVerifiable, classes, G.avi.verifiable ?? [], 'verifiable', 'grounds.json avi.verifiable', problems);

  const C = cancellationsJson as unknown as { classes: CancellationClass[]; roles: Record<string, string[]>; errorWords: string[]; forces: { names: string[] } };
  const roles = new Map<string, string>();
  for (const [role, names] of Object.entries(C.roles)) for (const n of names) roles.set(n.toLowerCase(), role);
  const errorWords = new PhraseIndex<string>(classes);
  compileInto(errorWords, classes, C.errorWords, 'error', 'cancellations.json errorWords', problems);

  const familyRanks = new Map<string, number>();
  for (const f of LEX.families) familyRanks.set(f.id, f.rank);
  for (const f of LEX.otherFamilies ?? []) familyRanks.set(f.id, f.rank);

  return {
    lexicon: {
      classes,
      narrative,
      families,
      triggers,
      triggerById,
      cueDefs,
      cues,
      negation: {
        words: new Set(LEX.negation.words.map((w) => w.toLowerCase())),
        short: new Set(LEX.negation.short.map((w) => w.toLowerCase())),
        pseudoNext: new Set(LEX.negation.pseudoNext.map((w) => w.toLowerCase())),
        after: new Set(LEX.negation.after.map((w) => w.toLowerCase())),
        window: LEX.negation.window,
      },
      blockers,
      followedByNot,
      relationships: LEX.relationships,
      grounds,
      aviOpinion,
      aviVerifiable,
      cancellationClasses: new Map(C.classes.map((c) => [c.id, c])),
      roles,
      errorWords,
      forces: C.forces.names.map((n) => n.toLowerCase()),
      familyRanks,
      codeRanks: new Map(Object.entries(LEX.codeRanks?.ranks ?? {})),
    },
    problems,
  };
}

let base: { lexicon: Lexicon; problems: LexiconProblem[] } | undefined;
const withExtra = new Map<string, { lexicon: Lexicon; problems: LexiconProblem[] }>();

/**
 * The lexicon, with a force's own triggers when given. Compiled once per
 * distinct set of triggers. `problems` lists phrases that were rejected
 * (always empty for the shipped data: a test enforces that).
 */
export function getLexicon(extra: readonly TriggerConfig[] = []): { lexicon: Lexicon; problems: LexiconProblem[] } {
  if (!extra.length) return (base ??= build([]));
  const key = JSON.stringify(extra);
  let l = withExtra.get(key);
  if (!l) {
    if (withExtra.size > 8) withExtra.clear();
    l = build(extra);
    withExtra.set(key, l);
  }
  return l;
}

export function phraseSource(p: CompiledPhrase): string {
  return p.source;
}
