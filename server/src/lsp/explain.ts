/**
 * Markdown that teaches: what a Home Office code, a cancellation class, a
 * flag, a rule, a keyword or a disclosure means, where the fact comes from,
 * and whether it is verified. Shared by hover and completion. Everything
 * here is read from rules-data and the rule catalogue; unverified facts are
 * marked as such, because guidance that is wrong is worse than none.
 */
import { LISTING_TRIGGER } from '../analysis/listing';
import flagsJson from '../../../rules-data/flags.json';
import lexiconJson from '../../../rules-data/lexicon.json';
import { lookupCode, ruleInfo, type Disclosure, type Lexicon, type OffenceCode } from '../core';
import { ruleDocUri } from './paths';

/** A cancellation class as rules-data/cancellations.json gives it (the lexicon holds them). */
export type CancellationClass = Lexicon['cancellationClasses'] extends Map<string, infer C> ? C : never;

export interface FlagInfo {
  id: string;
  title: string;
  verified: boolean;
  source: string;
}

export const FLAGS: readonly FlagInfo[] = (flagsJson as { flags: FlagInfo[] }).flags;

const familyTitles = new Map<string, string>();
{
  const lex = lexiconJson as unknown as { families: { id: string; title: string }[]; otherFamilies?: { id: string; title: string }[] };
  for (const f of [...lex.families, ...(lex.otherFamilies ?? [])]) familyTitles.set(f.id, f.title);
}

function familyTitle(id: string): string {
  return familyTitles.get(id) ?? id;
}

/** Escapes text that goes into Markdown as-is (titles and notes may hold * or _). */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function verification(verified: boolean, notes?: string): string {
  if (verified) return `Verified against the source.${notes ? `\n\n${md(notes)}` : ''}`;
  return `**⚠ UNVERIFIED.** Do not rely on this without checking the Home Office source.${notes ? `\n\n${md(notes)}` : ''}`;
}

/** Splits at ';' outside brackets (a source's own notes in brackets may hold ';'). */
function splitSources(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Sources are often several URLs and notes separated by ';'; each goes on its own line. */
function sources(source: string): string {
  const parts = splitSources(source);
  return parts.length > 1 ? `Source:\n${parts.map((p) => `- ${md(p)}`).join('\n')}` : `Source: ${md(source)}`;
}

export function codeMarkdown(code: OffenceCode): string {
  const lines = [`**${md(code.code)}** — ${md(code.title)}`];
  if (code.kind === 'reported-incident') lines.push('_A Home Office classification for a reported incident, not a notifiable crime._');
  lines.push(`${md(code.group)} › ${md(code.subgroup)}`);
  lines.push(`Offence family: ${md(familyTitle(code.family))} (\`${code.family}\`)`);
  if (code.aliases?.length) lines.push(`Also written: ${code.aliases.map(md).join('; ')}`);
  if (code.legacy) lines.push('**Legacy code**: no longer used for new crimes; record under its current code.');
  lines.push(`Editions: ${code.editions.length ? code.editions.map(md).join(', ') : 'not stated'}`);
  lines.push(sources(code.source));
  lines.push(verification(code.verified, code.notes));
  if (code.quote) lines.push(`> ${md(code.quote)}`);
  return lines.join('\n\n');
}

export function unknownCodeMarkdown(code: string): string {
  return `**${md(code)}** is not a Home Office offence code in rules-data. A \`Crime:\` line starts with a code such as \`8N\` or \`105A\`.`;
}

const NEEDS: Record<string, string> = {
  otherForce: 'names the force the crime is transferred to',
  avi: "additional verifiable information that the crime did not happen (`| avi ...`): facts, not opinion or a lack of evidence",
  duplicateRef: 'names the crime it duplicates',
  notSubstantive: 'shows the crime was recorded in error and is not a crime at all',
};

export function cancellationMarkdown(c: CancellationClass): string {
  const lines = [`**${md(c.id)}** — ${md(c.title)}`, `Outcome: ${c.outcome}`];
  if (c.needs.length) lines.push(`A ${c.id} cancellation ${c.needs.map((n) => NEEDS[n] ?? n).join('; ')}.`);
  lines.push('The victim is told of the cancellation (`| informed yes`); who may cancel is set by the force (`cancellationAuthority`).');
  lines.push(sources(c.source));
  lines.push(verification(c.verified, c.notes));
  return lines.join('\n\n');
}

export function flagMarkdown(f: FlagInfo): string {
  return [`**${md(f.id)}** — ${md(f.title)} (Home Office crime flag)`, sources(f.source), verification(f.verified)].join('\n\n');
}

export function ruleMarkdown(id: string): string | undefined {
  const r = ruleInfo(id);
  if (!r) return undefined;
  return [
    `**${r.id}** — ${md(r.title)} (default: ${r.severity}${r.fixable ? ', has quick fixes' : ''})`,
    md(r.summary),
    `_Basis:_ ${md(r.basis)}`,
    `[Documentation](${ruleDocUri(r.id)})`,
  ].join('\n\n');
}

/** The reporter values FORMAT.md lists. */
export const REPORTERS: readonly { value: string; about: string }[] = [
  { value: 'victim', about: 'The victim reported it: her account is the recording test.' },
  { value: 'witness', about: 'Someone who saw it happen.' },
  { value: 'third party', about: 'Someone else on the victim’s behalf; a rape reported this way is an N100 until the victim confirms.' },
  { value: 'professional third party', about: 'A professional (social worker, health, school, charity) reporting in that role: the crime is recorded without waiting for the victim. Name the agency in brackets.' },
  { value: 'police', about: 'Officers found or reported it themselves.' },
  { value: 'anonymous', about: 'The reporter did not give their name.' },
];

interface KeywordDoc {
  syntax: string;
  about: string;
}

/** Fields and decisions (FORMAT.md), by their lower-case keyword. */
const KEYWORD_DOCS: Record<string, KeywordDoc> = {
  incident: { syntax: 'Incident <id>', about: 'Starts an incident, which runs to the next `Incident` line. The id is one token of letters, digits and `/ - _ .`.' },
  received: { syntax: 'Received: DD/MM/YYYY HH:MM', about: 'When the report reached the force (exactly one per incident). The 24-hour recording limit runs from here, and time-only log entries take its date.' },
  opening: { syntax: 'Opening: <code>', about: 'The force’s opening code, e.g. DOMESTIC. The force’s configuration says which codes mark domestic abuse.' },
  reporter: { syntax: 'Reporter: victim | witness | third party | professional third party (<agency>) | police | anonymous', about: 'Who made the report. A professional third party’s report is recorded without waiting for the victim.' },
  victim: { syntax: 'Victim: [V1] <description>', about: 'A victim, with an optional label (V1 is implied when there is only one). Give sex and age: the code (rape and sexual assault) and the equality returns depend on them.' },
  suspect: { syntax: 'Suspect: [S1] <description>', about: 'A suspect. Their relationship to the victim (partner, ex-partner, family) decides the domestic abuse flag.' },
  location: { syntax: 'Location: <text>', about: 'Where it happened (free text).' },
  closing: { syntax: 'Closing: <code>', about: 'The closing code or result as the force wrote it.' },
  crime: { syntax: 'Crime: <HO code> [<title>] | victim <label> | recorded <date-time> | ref <crime ref> | flags <FLAG>, ...', about: 'One notifiable crime against one victim. `recorded` is required; the title, if given, must be the code’s official title.' },
  n100: { syntax: 'N100: recorded <date-time> | victim <label> | ref <ref> | reason <text> | converted <crime ref>', about: 'The Home Office classification for a reported rape or attempted rape not (yet) recorded as a rape crime. Once the victim confirms it, record the rape and name it in `converted`.' },
  cancelled: { syntax: 'Cancelled: <crime ref> <C-class> | by <role> | at <date-time> | avi <text> | reason <text> | informed yes|no', about: 'Removes a recorded crime under a cancellation class (C1-C4). The decision maker’s role goes in `by`.' },
  'no crime': { syntax: 'No crime: <reason>', about: 'The incident, as reported, is not a notifiable crime. The reason must be credible evidence that no crime happened, never doubt about the victim.' },
};

/** Decision attributes, by key. */
const ATTRIBUTE_DOCS: Record<string, string> = {
  victim: 'The victim this decision is for, by label (V1). One crime per victim.',
  recorded: 'When it was recorded (date and time). Must be within 24 hours (configurable) of `Received:`, or of the entry that disclosed it.',
  ref: 'The crime or N100 reference number.',
  flags: 'Home Office crime flags, comma-separated, e.g. `DA` for domestic abuse.',
  reason: 'Why: checked against the grounds the counting rules reject (credibility, no prosecution, waiting for a statement...).',
  converted: 'The crime reference the N100 became once the victim confirmed the rape.',
  by: 'The decision maker’s role: FCR (force crime registrar), DDM (designated decision maker), or another role.',
  at: 'When the cancellation was made (date and time).',
  avi: 'Additional verifiable information that the crime did not happen (needed for C2): facts, not opinion or a lack of evidence.',
  informed: '`yes` once the victim has been told of the cancellation.',
};

export function keywordMarkdown(keyword: string): string | undefined {
  const d = KEYWORD_DOCS[keyword.toLowerCase().replace(/\s+/g, ' ')];
  if (!d) return undefined;
  const lines = [`\`${d.syntax}\``, d.about];
  if (keyword.toLowerCase() === 'n100') {
    const c = lookupCode('N100');
    if (c) lines.push('---', codeMarkdown(c));
  }
  return lines.join('\n\n');
}

export function attributeMarkdown(key: string): string | undefined {
  const d = ATTRIBUTE_DOCS[key];
  return d ? `**${key}** — ${d}` : undefined;
}

/** What a disclosure found in the narrative means, and why the checker read it so. */
export function disclosureMarkdown(d: Disclosure, lexicon: Lexicon): string {
  const lines = [`**Discloses: ${md(familyTitle(d.family))}**${d.attempted ? ' (attempt)' : ''} — '${md(d.text)}'${d.victim ? ` against ${d.victim}` : ''}`];
  if (d.codes.length) {
    const codes = d.codes.map((c) => {
      const oc = lookupCode(c);
      return `${c}${oc ? ` ${md(oc.title)}` : ''}${oc && !oc.verified ? ' (unverified)' : ''}`;
    });
    lines.push(`Candidate codes, best first: ${codes.join('; ')}${d.certain ? '' : '. The code is not certain'}${d.missing.length ? `: the log does not give ${d.missing.map(md).join(', ')}` : ''}.`);
  }
  if (d.occasion !== 'current') lines.push(`A separate, earlier occasion ('${md(d.occasion)}').`);
  if (d.conductOnly) lines.push('An offence only as part of a course of conduct.');
  const t = lexicon.triggerById.get(d.trigger)?.trigger;
  if (t) lines.push(`${t.fromConfig ? 'Trigger phrase from the force’s configuration' : 'Trigger phrase from rules-data'}. ${sources(t.source)}`, verification(t.verified, t.note));
  else if (d.trigger === LISTING_TRIGGER) lines.push('Read from a list of victims, each with their property, in one entry, where a crime is recorded for one of them: each suffered the same offence. The checker’s own reading, not verified: confirm it with your force crime registrar.');
  else if (d.trigger === 'robbery.theft-and-force') lines.push('Read as robbery because the log shows a theft and force against the same victim in one entry (force used to steal, or to keep what was stolen). The checker’s own reading, not verified: confirm it with your force crime registrar.');
  return lines.join('\n\n');
}
