/**
 * Who an offence is against, and who did it: victim labels near the words,
 * pronouns and relational nouns matched to the victims, the victim as the
 * subject of a passive ("she was pushed"), the victim or the log's author
 * acting rather than the suspect. Part of reading an incident (analyse.ts).
 */
import type { Incident, Person } from '../parser/types';
import type { Token } from './tokens';

const PASSIVE = new Set(['was', 'were', 'been', 'being', 'got', 'get', 'gets', 'is']);
const HELPERS = new Set(['then', 'has', 'had', 'have', 'also', 'allegedly', 'apparently', 'tried', 'trying', 'to', 'attempted']);

const REPORTING = new Set(['says', 'said', 'states', 'stated', 'reports', 'reported', 'tells', 'told', 'explains', 'explained', 'alleges', 'alleged', 'claims', 'claimed', 'adds', 'added']);

/**
 * The victim did it: a victim label is the subject right before the words
 * ("V1 hit the kerb and damaged the wheel", "S1 says V1 slapped him first").
 * Passive words ("V1 was punched") mean the opposite, and so does the victim
 * reporting what a suspect did ("V1 says S1 said he would kill him").
 */
export function victimActs(tokens: readonly Token[], start: number, victimPronoun?: string): boolean {
  const next = tokens[start + 1];
  // Words that begin passive ("she was raped", "V1 got punched") make the subject the one it was done to.
  if (PASSIVE.has(tokens[start].text)) return false;
  if (REPORTING.has(tokens[start].text) && next && next.clause === tokens[start].clause && (next.text === 'that' || /^s\d+$/.test(next.text))) return false;
  let i = start - 1;
  while (i >= 0 && HELPERS.has(tokens[i].text) && tokens[i].clause === tokens[start].clause) i--;
  if (i < 0 || tokens[i].clause !== tokens[start].clause) return false;
  const w = tokens[i].text;
  if (PASSIVE.has(w)) return false;
  return (w.charCodeAt(0) === 118 && /^v\d+$/.test(w)) || w === victimPronoun;
}

/**
 * The subject pronoun that can only mean the victim: "she" for a sole female
 * victim when every suspect is male ("drove off when she took her phone out"),
 * and the other way about.
 */
export function victimPronounOf(incident: Incident): string | undefined {
  if (incident.victims.length !== 1 || !incident.suspects.length) return undefined;
  const sex = incident.victims[0].sex;
  if (!sex || incident.suspects.some((s) => !s.sex || s.sex === sex)) return undefined;
  return sex === 'female' ? 'she' : 'he';
}

export const LABEL = /^([vs])(\d{1,3})(?:'s)?$/;

/** Victim labels that a disclosure names: in its words, just after them, else just before them in the clause. */
export function victimLabels(tokens: readonly Token[], start: number, end: number): string[] {
  const found: string[] = [];
  const sentence = tokens[start].sentence;
  // A possessive label names the victim only in or after the words ("kicked in the panel of V2's front door": V2's door);
  // before them it names someone else's relative ("V1's husband punched her").
  const add = (t: Token, possessiveNames = false) => {
    const m = LABEL.exec(t.text);
    if (m && m[1] === 'v' && (possessiveNames || !t.text.endsWith("'s"))) {
      const l = 'V' + m[2];
      if (!found.includes(l)) found.push(l);
    }
  };
  for (let i = start; i < end; i++) add(tokens[i], i > start);
  for (let i = end; i < tokens.length && i < end + 4 && tokens[i].sentence === sentence; i++) {
    if (tokens[i].text === 'and' || tokens[i].text === 'both' || LABEL.test(tokens[i].text) || tokens[i].text === 'in' || tokens[i].text === 'to') add(tokens[i], true);
    else if (found.length) break;
    else add(tokens[i], true);
  }
  if (found.length) return found;
  const clause = tokens[start].clause;
  for (let i = start - 1; i >= 0 && i >= start - 5 && tokens[i].clause === clause; i--) add(tokens[i]);
  return found;
}

const PLURAL = new Set(['them', 'their', 'both', 'pair', 'all', 'everyone', 'us', 'each', 'lads', 'boys', 'men', 'women', 'girls', 'people', 'doormen', 'victims']);
const FEMALE_NOUNS = new Set(['female', 'woman', 'girl', 'lady', 'doorwoman']);
const MALE_NOUNS = new Set(['male', 'man', 'boy', 'doorman', 'lad']);
const RELATIONAL: Record<string, { sex?: 'female' | 'male'; inverse: string[] }> = {
  mum: { sex: 'female', inverse: ['daughter', 'son', 'child'] },
  mother: { sex: 'female', inverse: ['daughter', 'son', 'child'] },
  dad: { sex: 'male', inverse: ['daughter', 'son', 'child'] },
  father: { sex: 'male', inverse: ['daughter', 'son', 'child'] },
  daughter: { sex: 'female', inverse: ['mother', 'father', 'mum', 'dad', 'parent'] },
  son: { sex: 'male', inverse: ['mother', 'father', 'mum', 'dad', 'parent'] },
  wife: { sex: 'female', inverse: ['husband'] },
  husband: { sex: 'male', inverse: ['wife'] },
  sister: { sex: 'female', inverse: ['brother', 'sister'] },
  brother: { sex: 'male', inverse: ['brother', 'sister'] },
  gran: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  nan: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  grandmother: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  grandad: { sex: 'male', inverse: ['grandson', 'granddaughter'] },
  grandfather: { sex: 'male', inverse: ['grandson', 'granddaughter'] },
};

/**
 * The victim a relational noun names: one whose description has the noun
 * ("V2 female, 19, daughter of V1" is the daughter), or whose relative's
 * description has its inverse (V1 is then the mother: "punched mum").
 */
function victimByNoun(w: string, victims: readonly Person[]): string | undefined {
  const rel = RELATIONAL[w];
  if (!rel || victims.length < 2) return undefined;
  const direct = victims.filter((v) => new RegExp(`\\b${w}\\b`, 'i').test(v.description));
  if (direct.length === 1) return direct[0].label;
  for (const v of victims) {
    for (const inv of rel.inverse) {
      const m = new RegExp(`\\b${inv}\\s+of\\s+(V\\d+)`, 'i').exec(v.description) ?? new RegExp(`\\b(V\\d+)'s\\s+${inv}\\b`, 'i').exec(v.description);
      if (m) {
        const target = victims.find((x) => x.label === m[1].toUpperCase());
        if (target && (!rel.sex || !target.sex || target.sex === rel.sex)) return target.label;
      }
    }
  }
  return undefined;
}

// Reflexives ("exposed himself") name the actor, not the victim.
const FEMALE_OBJ = new Set(['her']);
const MALE_OBJ = new Set(['him', 'his']);

/**
 * The victims a disclosure is about. Named labels first; else the object
 * pronoun it uses ("her", "him", "them both") matched against the victims'
 * sex, the most recently named one winning; a pronoun that fits no victim
 * means someone else (often the suspect, pushed off in self-defence), so no
 * victim of this incident: `null`.
 */
export function disclosureVictims(
  tokens: readonly Token[],
  start: number,
  end: number,
  victims: readonly Person[],
  victimIsSubject = false,
  namedInEntry: ReadonlySet<string> = new Set(),
  things: ReadonlySet<string> = new Set(),
): (string | undefined)[] | null {
  const labels = victimLabels(tokens, start, end);
  if (labels.length) return labels;
  if (!victims.length) return [undefined];
  if (victimIsSubject) {
    if (victims.length === 1) return [victims[0].label];
    // "They were robbed", "both were punched": every victim.
    for (let i = Math.max(0, start - 1); i < end; i++) if (PLURAL.has(tokens[i].text) || tokens[i].text === 'they' || tokens[i].text === 'we') return victims.map((v) => v.label);
    // "She was pushed": the victim of that sex, where only one fits.
    for (let i = Math.max(0, start - 1); i < end; i++) {
      const w = tokens[i].text;
      const sex = w === 'she' ? 'female' : w === 'he' ? 'male' : undefined;
      if (!sex) continue;
      const fits = victims.filter((v) => v.sex === sex);
      if (fits.length === 1) return [fits[0].label];
      break;
    }
    // "him and his mate have just been robbed", "V1 and V2 were punched".
    for (let i = Math.max(0, start - 3); i < end; i++) {
      if (tokens[i].text === 'and' && tokens[i].clause === tokens[start].clause && /^(?:his|her|their|my|v\d+)$/.test(tokens[i + 1]?.text ?? '')) return victims.map((v) => v.label);
    }
    // "V3 tried to walk off, got shoved": the victim named last before it in the sentence.
    for (let i = start - 1; i >= 0 && tokens[i].sentence === tokens[start].sentence; i--) {
      const m = LABEL.exec(tokens[i].text);
      if (m && m[1] === 'v' && !tokens[i].text.endsWith("'s") && victims.some((v) => v.label === 'V' + m[2])) return ['V' + m[2]];
    }
    return [undefined];
  }
  const sentence = tokens[start].sentence;
  let sex: 'female' | 'male' | 'plural' | undefined;
  const read = (w: string) => (PLURAL.has(w) ? 'plural' : FEMALE_OBJ.has(w) || FEMALE_NOUNS.has(w) ? 'female' : MALE_OBJ.has(w) || MALE_NOUNS.has(w) ? 'male' : undefined);
  // A relational noun ("punched mum", "hit his son") names the victim whose description has it.
  for (let i = start; i < Math.min(tokens.length, end + 3); i++) {
    const byNoun = victimByNoun(tokens[i].text, victims);
    if (byNoun) return [byNoun];
  }
  // "Put himself inside me": the victim's own words, quoted; 'me' is the one speaking.
  if (tokens.slice(start, end).some((t) => t.text === 'me')) return victims.length === 1 ? [victims[0].label] : [undefined];
  // The object of the words: the last object pronoun among them, else the first just after.
  for (let i = start; i < end; i++) sex = read(tokens[i].text) ?? sex;
  for (let i = end; !sex && i < tokens.length && i < end + 3 && tokens[i].sentence === sentence; i++) sex = read(tokens[i].text);
  // "Keys in hand, drags them along both doors": 'them' after a thing is the thing, not the victims.
  if (sex === 'plural' && themMeansThings(tokens, start, end, things)) return null;
  // "Hand over your phones" said to several victims is said to them all.
  if (sex === 'plural' || (victims.length > 1 && !sex && tokens.slice(start, end + 2).some((t) => t.text === 'your' || t.text === 'you'))) return victims.map((v) => v.label);
  if (!sex) {
    if (victims.length === 1) return [victims[0].label];
    // No pronoun: the victim the entry is about, named last before the words ("V2 rang in separately. Shutter forced the same way").
    for (let i = start - 1; i >= 0; i--) {
      const m = LABEL.exec(tokens[i].text);
      if (m && m[1] === 'v' && !tokens[i].text.endsWith("'s") && victims.some((v) => v.label === 'V' + m[2])) return ['V' + m[2]];
    }
    return [undefined];
  }
  const fits = victims.filter((v) => !v.sex || v.sex === sex);
  if (!fits.length) return null;
  if (fits.length === 1) return [fits[0].label];
  // The pronoun's antecedent: the fitting victim whose label comes last before it in the entry
  // ("V1 rang, says two lads jumped him ... one pinned him against the wall": both V1).
  // A companion ("V2 was with V1 in the underpass ... told him to empty his pockets") is passed over for a victim named before it in the sentence.
  let companion: string | undefined;
  for (let i = start - 1; i >= 0; i--) {
    const m = LABEL.exec(tokens[i].text);
    if (m && m[1] === 'v') {
      const hit = fits.find((v) => v.label === 'V' + m[2]);
      if (!hit) continue;
      // "stopped him and his mate V2 ... held him": V2 is the mate of the one the pronoun means, so not that one.
      if (POSSESSIVE.has(tokens[i - 2]?.text ?? '') && RELATION.has(tokens[i - 1]?.text ?? '') && tokens[i - 2].sentence === tokens[i].sentence) continue;
      if (!companion && COMPANION.has(tokens[i - 1]?.text ?? '') && tokens[i - 1].sentence === tokens[i].sentence) {
        companion = hit.label;
        continue;
      }
      if (companion && tokens[i].sentence !== sentence) break;
      return [hit.label];
    }
  }
  if (companion) return [companion];
  // No label before it: one victim already named in this entry (by a relational noun) leaves the other ("punched mum ... shoved her").
  const unnamed = fits.filter((v) => !namedInEntry.has(v.label));
  if (unnamed.length === 1 && namedInEntry.size) return [unnamed[0].label];
  return [undefined];
}

/** Words that name a person: where one comes first, looking back from the words, 'them' may be people. */
const PERSON_WORDS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'him', 'her', 'his', 'their', 'we', 'us', 'i', 'me', 'you', 'both', 'victim', 'victims', 'caller']);

/**
 * 'them' as the object, with a thing (a word of the property classes) just before the words and no person
 * between: "keys in hand, drags them along both doors".
 */
function themMeansThings(tokens: readonly Token[], start: number, end: number, things: ReadonlySet<string>): boolean {
  // 'them' must be the words' first object ("drags them along"), not a later one ("making him draw out cash for them").
  const first = tokens.slice(start, end + 1).find((t) => t.text === 'them' || PERSON_WORDS.has(t.text) || LABEL.test(t.text));
  if (!things.size || first?.text !== 'them') return false;
  for (let i = start - 1; i >= 0 && i >= start - 4 && tokens[i].sentence === tokens[start].sentence; i--) {
    const w = tokens[i].text;
    if (PERSON_WORDS.has(w) || LABEL.test(w)) return false;
    if (things.has(w)) return true;
  }
  return false;
}

/** Words that make a one-word offence name point back to one already disclosed ("the burglary"). */
export const ANAPHORIC: ReadonlySet<string> = new Set(['the', 'this', 'that', 'same']);

const COMPANION: ReadonlySet<string> = new Set(['with', 'alongside', 'beside', 'accompanied']);
const POSSESSIVE: ReadonlySet<string> = new Set(['his', 'her', 'their']);
/** Words for someone's companion or relative ("his mate V2"). */
const RELATION: ReadonlySet<string> = new Set(['mate', 'mates', 'friend', 'friends', 'pal', 'brother', 'sister', 'cousin', 'son', 'daughter', 'partner', 'girlfriend', 'boyfriend', 'wife', 'husband', 'colleague', 'neighbour', 'mum', 'dad', 'mother', 'father']);

/** Words that may stand before an officer's own verb at the start of a sentence: "Rang V1", "Tried to ring V1 again". */
const AUTHOR_LEAD: ReadonlySet<string> = new Set(['then', 'also', 'again', 'tried', 'trying', 'to', 'have', 'has', 'had', 'i', 'we', 'further', 'later', 'attempted']);

/**
 * The author's own action, not the suspect's: contact that opens its sentence
 * with no subject and goes to a victim by label ("Rang V1 twice, no answer",
 * "Tried to call V1"). Officers write their own actions this way; a caller's
 * account of a suspect names him or uses a pronoun.
 */
export function authorsOwnContact(tokens: readonly Token[], start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && tokens[i].sentence === tokens[start].sentence && AUTHOR_LEAD.has(tokens[i].text)) i--;
  if (i >= 0 && tokens[i].sentence === tokens[start].sentence) return false;
  for (let k = start; k < Math.min(tokens.length, end + 2); k++) if (/^v\d+$/.test(tokens[k].text)) return true;
  return false;
}
