/**
 * Matching what the log discloses against what was recorded: crimes, N100s
 * and valid `No crime:` lines, by offence family and victim, under the
 * counting rules of the incident's edition:
 *
 * - one crime per victim;
 * - principal crime: offences against one victim on one occasion are covered
 *   by one crime at least as serious; a separate, earlier occasion needs its
 *   own crime (before May 2023);
 * - from April 2018 to May 2023 a course of conduct is recorded in addition;
 * - from May 2023 all offences in the incident are covered by the principal
 *   offence;
 * - a rape is covered only by a rape crime or an N100.
 *
 * Computed once per incident and shared by the rules that report its gaps.
 */
import { COURSE_OF_CONDUCT_FAMILIES, lookupCode, normaliseCode, RAPE_FAMILY, SEXUAL_FAMILIES } from '../data/codes';
import type { Lexicon } from '../data/lexicon';
import type { CrimeDecision, Incident, N100Decision, NoCrimeDecision } from '../parser/types';
import { affirmedMatches, matchText } from './text-match';
import type { Disclosure, IncidentAnalysis } from './types';

export interface RecordedCrime {
  decision: CrimeDecision;
  family: string | undefined;
  rank: number;
  victim: string | undefined;
}

export interface OffenceGap {
  victim: string | undefined;
  /** The most serious disclosure of the group: the one to record. */
  principal: Disclosure;
  disclosures: Disclosure[];
  /** A lesser crime recorded for the victim that did not cover it, if any. */
  recordedInstead?: RecordedCrime;
}

export interface RapeGap {
  victim: string | undefined;
  disclosure: Disclosure;
  /** A lesser sexual offence recorded instead. */
  lesser?: RecordedCrime;
}

export interface ConductGap {
  victim: string | undefined;
  disclosures: Disclosure[];
}

export interface Coverage {
  crimes: RecordedCrime[];
  n100s: N100Decision[];
  /** The `No crime:` that covers the incident's disclosures (gives credible evidence to the contrary). */
  coveringNoCrime?: NoCrimeDecision;
  offenceGaps: OffenceGap[];
  rapeGaps: RapeGap[];
  conductGaps: ConductGap[];
  /** The disclosures each recorded crime or N100 answers (for timeliness). */
  answers: Map<CrimeDecision | N100Decision, Disclosure[]>;
  /** Disclosures left to the course-of-conduct rule because they are part of the course of conduct. */
  absorbed: Set<Disclosure>;
}

const ABSORBED_BY_CONDUCT: ReadonlySet<string> = new Set(['public-order', 'malicious-communications']);

const cache = new WeakMap<IncidentAnalysis, Coverage>();

function crimeVictim(incident: Incident, label: string | undefined): string | undefined {
  if (label) return label;
  return incident.victims.length === 1 ? incident.victims[0].label : undefined;
}

/**
 * A `No crime:` covers disclosures only when it gives verifiable grounds:
 * credible evidence to the contrary, another force area, a duplicate record,
 * or, for a report made by someone else, the victim's own account that
 * nothing happened.
 */
export function noCrimeCovers(nc: NoCrimeDecision, incident: Incident, lexicon: Lexicon): boolean {
  if (!nc.reason) return false;
  const rejected = lexicon.grounds.some((g) => g.def.condition === 'always' && matchText(g.index, nc.reason).length > 0);
  if (rejected) return false;
  const cues = affirmedMatches(lexicon.cues, nc.reason, lexicon).map((m) => m.value);
  if (cues.includes('cetc') || cues.includes('found') || cues.includes('jurisdiction') || /\bduplicate\b/i.test(nc.reason)) return true;
  return (cues.includes('victim-denial') || cues.includes('rape-denial')) && incident.reporter !== undefined && incident.reporter.kind !== 'victim';
}

export function coverageOf(incident: Incident, analysis: IncidentAnalysis, lexicon: Lexicon): Coverage {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const features = analysis.edition.features;
  const rankOf = (code: string, family: string | undefined) =>
    lexicon.codeRanks.get(normaliseCode(code)) ?? (family ? lexicon.familyRanks.get(family) ?? 30 : 30);
  const crimes: RecordedCrime[] = incident.decisions
    .filter((d): d is CrimeDecision => d.kind === 'crime')
    .map((decision) => {
      const known = lookupCode(decision.code);
      // A code that is not a crime classification (unknown, or N100) counts as "something recorded":
      // unknown-code reports that fault, so nothing else does.
      const family = known && known.kind === 'crime' ? known.family : undefined;
      return { decision, family, rank: rankOf(decision.code, family), victim: crimeVictim(incident, decision.victim) };
    });
  const n100s = incident.decisions.filter((d): d is N100Decision => d.kind === 'n100');
  const coveringNoCrime = incident.decisions.find((d): d is NoCrimeDecision => d.kind === 'no-crime' && noCrimeCovers(d, incident, lexicon));
  const answers = new Map<CrimeDecision | N100Decision, Disclosure[]>();
  const answer = (k: CrimeDecision | N100Decision, ds: Disclosure[]) => {
    const list = answers.get(k);
    if (list) for (const d of ds) list.push(d);
    else answers.set(k, [...ds]);
  };
  const sameVictim = (a: string | undefined, b: string | undefined) => !a || !b || a === b;

  const disclosures = analysis.disclosures;
  const rapeByVictim = new Map<string | undefined, Disclosure[]>();
  for (const d of disclosures) {
    if (d.family !== RAPE_FAMILY) continue;
    const list = rapeByVictim.get(d.victim);
    if (list) list.push(d);
    else rapeByVictim.set(d.victim, [d]);
  }

  // Conduct: victims named by conduct, else the sole victim.
  const conduct = disclosures.filter((d) => d.conductOnly || ABSORBED_BY_CONDUCT.has(d.family));
  const absorbed = new Set<Disclosure>();
  // Threats, abuse and messages are part of the course of conduct when the log shows one, or when a
  // harassment, stalking or controlling behaviour crime is recorded for that victim.
  const cocRecordedFor = (v: string | undefined) => crimes.some((c) => c.family !== undefined && COURSE_OF_CONDUCT_FAMILIES.has(c.family) && sameVictim(c.victim, v));
  for (const d of conduct) if (ABSORBED_BY_CONDUCT.has(d.family) && (analysis.courseOfConduct.present || cocRecordedFor(d.victim))) absorbed.add(d);

  // Offences other than rape, modern slavery and conduct, grouped by victim and occasion.
  // A rape answers for lesser offences against the same victim on the same occasion (principal crime):
  // recorded, the rape crime covers them; unrecorded, the rape's own finding is the one fault.
  const rapeOccasions = disclosures.filter((d) => d.family === RAPE_FAMILY);
  const partOfRape = (d: Disclosure) =>
    rapeOccasions.some(
      (r) => sameVictim(r.victim, d.victim) && (SEXUAL_FAMILIES.has(d.family) || r.occasion === d.occasion),
    );
  const offences = disclosures.filter(
    (d) => !d.conductOnly && !absorbed.has(d) && d.family !== RAPE_FAMILY && d.family !== 'modern-slavery' && !partOfRape(d),
  );
  const groups = new Map<string, Disclosure[]>();
  for (const d of offences) {
    // One group per victim and occasion, in every edition: from May 2023 the principal offence covers a single
    // incident, and an earlier occasion the log discloses is another incident.
    // With no Victim: line to place them on, the words of one occasion are one group ("V1 told staff S1 slapped her").
    const key = incident.victims.length ? `${d.victim ?? '?'}|${d.occasion}` : d.occasion;
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const ordered = [...groups.values()]
    .map((ds) => {
      const principal = ds.reduce((a, b) => (b.rank > a.rank ? b : a));
      return { victim: principal.victim, principal, disclosures: ds };
    })
    // Offences against a named victim take that victim's crime before those the text could not place.
    .sort((a, b) => Number(a.victim === undefined) - Number(b.victim === undefined) || b.principal.rank - a.principal.rank || a.principal.entry - b.principal.entry);

  const used = new Set<RecordedCrime>();
  // Rape crimes answer rape disclosures first.
  const rapeGaps: RapeGap[] = [];
  for (const [victim, ds] of rapeByVictim) {
    const rapeCrime =
      crimes.find((c) => c.family === RAPE_FAMILY && sameVictim(c.victim, victim)) ??
      crimes.find((c) => c.family === undefined && !used.has(c) && sameVictim(c.victim, victim));
    if (rapeCrime) {
      used.add(rapeCrime);
      answer(rapeCrime.decision, ds);
      continue;
    }
    const n100 = n100s.find((n) => sameVictim(crimeVictim(incident, n.victim), victim));
    if (n100) {
      answer(n100, ds);
      continue;
    }
    if (coveringNoCrime) continue;
    const lesser = crimes.find((c) => c.family !== undefined && SEXUAL_FAMILIES.has(c.family) && sameVictim(c.victim, victim));
    if (lesser) used.add(lesser);
    rapeGaps.push({ victim, disclosure: ds[0], lesser });
  }

  const offenceGaps: OffenceGap[] = [];
  const cocCrime = (c: RecordedCrime) => c.family !== undefined && COURSE_OF_CONDUCT_FAMILIES.has(c.family);
  // A modern slavery crime answers the exploitation only: associated rapes and assaults are recorded alongside it.
  const slavery = (c: RecordedCrime) => c.family === 'modern-slavery';
  for (const g of ordered) {
    // Words the text could not place on a victim are covered by any fitting crime of the incident, even one that
    // already answers a named victim's offence ("she was pushed" beside "shoved her", with two victims; or a log with
    // no Victim: line that names V1 in one clause and says "her" in the next, found by the long fuzzing run).
    const unplaced = g.victim === undefined && incident.victims.length !== 1;
    const candidates = crimes.filter((c) => (unplaced || !used.has(c)) && sameVictim(c.victim, g.victim) && !(features.courseOfConductInAddition && cocCrime(c)) && !slavery(c));
    // Same family, or one of the codes the principal offence accepts, first; then a more serious crime
    // (principal crime); last, a crime whose code is unknown (the registrar recorded something:
    // unknown-code reports that fault, not this one).
    const accepted = new Set(g.principal.codes.map(normaliseCode));
    const found =
      candidates.find((c) => c.family === g.principal.family || accepted.has(normaliseCode(c.decision.code))) ??
      candidates.find((c) => c.rank >= g.principal.rank && c.family !== undefined) ??
      candidates.find((c) => c.family === undefined);
    if (found) {
      used.add(found);
      // Other crimes recorded for the same occasion answer their own offences (for timeliness);
      // the principal crime answers the rest.
      const rest: Disclosure[] = [];
      for (const d of g.disclosures) {
        if (d === g.principal) continue;
        // "Slapped her and shoved her" on one occasion is one assault: a second crime of the family is left for another occasion.
        const own = d.family === g.principal.family ? undefined : candidates.find((c) => !used.has(c) && (c.family === d.family || d.codes.map(normaliseCode).includes(normaliseCode(c.decision.code))));
        if (own) {
          used.add(own);
          answer(own.decision, [d]);
        } else rest.push(d);
      }
      answer(found.decision, [g.principal, ...rest]);
      continue;
    }
    if (features.principalOffenceSingleIncident) {
      // From May 2023 a crime already used for this victim covers the rest of the incident when it is the more serious;
      // an offence on a separate, earlier occasion ("on Saturday 19/08") is another incident and keeps its own crime.
      const sameOccasion = (c: RecordedCrime) => (answers.get(c.decision) ?? []).some((d) => d.occasion === g.principal.occasion);
      const principal = crimes.find((c) => sameVictim(c.victim, g.victim) && c.rank >= g.principal.rank && !slavery(c) && (g.principal.occasion === 'current' || sameOccasion(c)));
      if (principal) {
        answer(principal.decision, g.disclosures);
        continue;
      }
    }
    if (coveringNoCrime) continue;
    offenceGaps.push({ ...g, recordedInstead: candidates.find((c) => c.family !== undefined) });
  }

  const conductGaps: ConductGap[] = [];
  // A No crime that explains why the contact is not harassment ("two polite texts asking for repayment") covers a course of conduct, never an offence.
  const noCrimeExplainsConduct = incident.decisions.some(
    (d) => d.kind === 'no-crime' && !!d.reason && matchText(lexicon.cues, d.reason).some((m) => m.value === 'not-harassment') && !lexicon.grounds.some((g) => g.def.condition === 'always' && matchText(g.index, d.reason).length > 0),
  );
  if (analysis.courseOfConduct.present) {
    const victims = new Set(conduct.map((d) => d.victim));
    if (victims.size > 1) victims.delete(undefined);
    for (const victim of victims) {
      const mine = conduct.filter((d) => d.victim === victim || !d.victim);
      const recorded = crimes.find((c) => (cocCrime(c) || c.family === undefined) && sameVictim(c.victim, victim));
      if (recorded) {
        answer(recorded.decision, mine);
        continue;
      }
      if (!features.courseOfConductInAddition) {
        const harassmentRank = lexicon.familyRanks.get('harassment') ?? 30;
        const principal = crimes.find((c) => sameVictim(c.victim, victim) && c.rank >= harassmentRank);
        if (principal) continue;
      }
      if (coveringNoCrime || noCrimeExplainsConduct) continue;
      conductGaps.push({ victim, disclosures: mine });
    }
  }

  const result: Coverage = { crimes, n100s, coveringNoCrime, offenceGaps, rapeGaps, conductGaps, answers, absorbed };
  cache.set(analysis, result);
  return result;
}
