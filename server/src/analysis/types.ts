/**
 * What the analysers read from an incident, shared by every rule, the code
 * lens, hovers and the audit: disclosures of offences, relationships, who
 * reported, and the edition of the rules in force.
 */
import type { Range } from '../text/range';
import type { Edition } from '../data/editions';

export interface Disclosure {
  /** Offence family (rules-data/lexicon.json), e.g. 'assault', 'rape', 'public-order'. */
  family: string;
  /** Seriousness used for the principal-crime approximation. */
  rank: number;
  /** Candidate Home Office codes, best first. */
  codes: string[];
  /** Whether the best code is certain from the facts (a preferred fix). */
  certain: boolean;
  /** What would settle the code where it is not certain (e.g. "the victim's age"). */
  missing: string[];
  /** Victim label (V1...), when the text or a sole victim settles it. */
  victim?: string;
  /** Index of the log entry in `incident.entries`. */
  entry: number;
  /** Index of the sentence within that entry. */
  sentence: number;
  /** Instant of that entry, when known. */
  epoch?: number;
  /** The trigger words, relative to the incident. */
  range: Range;
  /** The trigger words as written. */
  text: string;
  /** Lexicon trigger id (for provenance and hovers). */
  trigger: string;
  /** 'current', or a key for a separate, earlier occasion ("last week"). */
  occasion: string;
  attempted: boolean;
  /** Conduct that only amounts to an offence as part of a course of conduct. */
  conductOnly: boolean;
}

export interface CueHit {
  cue: string;
  range: Range;
  text: string;
  entry: number;
  /** Index of the sentence within the entry. */
  sentence: number;
}

export interface RelationshipFacts {
  /** Victim and suspect are or were intimate partners. */
  intimate: boolean;
  /** They were partners but are not now. */
  formerPartner: boolean;
  family: boolean;
  /** Words that show the relationship, where found in the narrative. */
  evidence?: CueHit;
  /** Or in a Victim:/Suspect: field. */
  fieldLine?: number;
  description?: string;
}

export interface IncidentAnalysis {
  edition: Edition;
  /** The edition was chosen because no edition in rules-data covers the Received date. */
  editionFallback: boolean;
  disclosures: Disclosure[];
  /** Cues found in the narrative, by cue name (injury, repetition, confirmation, ...). */
  cues: Map<string, CueHit[]>;
  /** Relationship between each victim (by label) and the suspect(s). */
  relationships: Map<string, RelationshipFacts>;
  /** The opening code marks the incident as domestic. */
  domesticOpening: boolean;
  /** The report came from a professional third party (or the log says it did). */
  professionalReport: boolean;
  /** The victim made the report or later gave police an account. */
  victimAccount: boolean;
  /** The log shows conduct on two or more occasions. */
  courseOfConduct: { present: boolean; evidence: CueHit[] };
}
