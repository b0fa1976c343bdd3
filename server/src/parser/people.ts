/** Reading `Victim:`, `Suspect:` and `Reporter:` values. */
import type { Range } from '../text/range';
import type { Field, Person, Reporter } from './types';

const FEMALE = new Set(['female', 'f', 'woman', 'girl', 'lady', 'mother', 'mum', 'daughter', 'wife', 'sister', 'grandmother', 'aunt', 'niece', 'girlfriend']);
const MALE = new Set(['male', 'm', 'man', 'boy', 'gentleman', 'father', 'dad', 'son', 'husband', 'brother', 'grandfather', 'uncle', 'nephew', 'boyfriend']);

interface AgeReading {
  age: number;
  upper?: number;
}

/** Age as registrars write it: "34", "34yo", "aged 34", "30s", "teenager", "child", "elderly". */
function readAge(words: string[]): AgeReading | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let m = /^(\d{1,3})(?:yo|yrs?|years?|y)?$/.exec(w);
    if (m) {
      const n = +m[1];
      // A bare number after "flat", "no" or "x" is not an age; one over 120 is not either.
      const before = words[i - 1];
      if (n <= 120 && before !== 'flat' && before !== 'no' && before !== 'number' && before !== 'x') return { age: n };
      continue;
    }
    m = /^(\d)0s$/.exec(w);
    if (m) return { age: +m[1] * 10, upper: +m[1] * 10 + 9 };
    if (w === 'teenager' || w === 'teenage' || w === 'teen') return { age: 13, upper: 19 };
    if (w === 'baby' || w === 'infant' || w === 'toddler') return { age: 0, upper: 3 };
    if (w === 'child' || w === 'juvenile' || w === 'minor') return { age: 0, upper: 15 };
    if (w === 'elderly' || w === 'pensioner' || w === 'oap') return { age: 65, upper: 120 };
    if (w === 'adult') return { age: 18, upper: 120 };
  }
  return undefined;
}

function readSex(words: string[]): 'female' | 'male' | undefined {
  for (const w of words) {
    if (FEMALE.has(w)) return 'female';
    if (MALE.has(w)) return 'male';
  }
  return undefined;
}

/**
 * A `Victim:` or `Suspect:` value: an optional label (`V1`, `S2`) then a free
 * description from which sex and age are read where given.
 */
const LABELS = { V: /^(V\d+)\b[\s,:;-]*/i, S: /^(S\d+)\b[\s,:;-]*/i };

export function readPerson(field: Field, prefix: 'V' | 'S', implied: string): Person {
  const value = field.value;
  const m = LABELS[prefix].exec(value);
  let label = implied;
  let labelRange: Range | undefined;
  let description = value;
  if (m) {
    label = m[1].toUpperCase();
    const start = field.valueRange.start.character;
    labelRange = { start: { line: field.line, character: start }, end: { line: field.line, character: start + m[1].length } };
    description = value.slice(m[0].length);
  }
  // The sex and age of the person, not of the people they are related to:
  // "S1 V1's uncle" says nothing of S1's sex from "V1's".
  const words = description
    .toLowerCase()
    .replace(/\b[vs]\d+'s\b/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const age = readAge(words);
  return {
    label,
    labelImplied: !m,
    labelRange,
    description: description.trim(),
    field,
    sex: readSex(words),
    age: age?.age,
    ageUpper: age?.upper,
  };
}

const PROFESSIONAL_WORDS =
  /\b(professional|social (?:worker|care|services)|gp|doctor|nurse|midwife|health visitor|hospital|a&e|paramedic|ambulance|teacher|school|college|safeguarding lead|probation|housing officer|idva|isva|caseworker|charity|key worker|support worker|care home|carer agency|youth worker|psychiatrist|psychologist|counsellor|therapist|local authority|council)\b/i;

/** A `Reporter:` value. */
export function readReporter(field: Field): Reporter {
  const v = field.value.trim();
  const lower = v.toLowerCase();
  const pm = /^professional\s+third[\s-]+party\s*(?:\((.*)\))?/i.exec(v);
  if (pm) return { kind: 'professional third party', agency: pm[1]?.trim() || undefined, field };
  if (/^victim\b/.test(lower) && !/^victim'?s\b/.test(lower)) return { kind: 'victim', field };
  if (/^witness\b/.test(lower)) return { kind: 'witness', field };
  if (/^police\b|^officer\b|^pc\b|^ps\b/.test(lower)) return { kind: 'police', field };
  if (/^anonymous\b/.test(lower)) return { kind: 'anonymous', field };
  // A friend or relative is a third party whatever their job or where they met: "college friend", "school friend".
  if (/^third[\s-]+party\b/.test(lower) || /\b(friend|neighbour|relative|mother|father|parent|sister|brother)\b/.test(lower)) {
    return { kind: 'third party', field };
  }
  if (PROFESSIONAL_WORDS.test(lower)) return { kind: 'professional third party', agency: v, field };
  if (/^victim'?s\b|\bpartner\b/.test(lower)) return { kind: 'third party', field };
  return { kind: 'other', field };
}
