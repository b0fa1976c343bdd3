/**
 * Choosing Home Office codes for a disclosure, from rules-data and the
 * victim's facts (RULES.md, "Choosing the code"): the few kinds of choice the
 * lexicon's families name.
 */
import { codeInUse } from '../data/codes';
import type { FamilyDef, TriggerDef } from '../data/lexicon';
import type { Person } from '../parser/types';

export interface CodeChoice {
  codes: string[];
  certain: boolean;
  missing: string[];
}

interface ChoiceInput {
  family: FamilyDef;
  trigger: TriggerDef;
  person?: Person;
  ageAtOffence?: number;
  injury: 'injury' | 'noInjury' | 'unknown';
  racial: boolean;
  receivedIso?: string;
}

interface VictimRow {
  sex: 'female' | 'male';
  min?: number;
  max?: number;
  code: string;
}

/** A police officer victim (8S/104): "PC 3306", "police officer", "constable"; not a security, prison or probation officer. */
const OFFICER = /\b(pc|ps|dc|ds|police|police officer|constable|sergeant|special constable|pcso)\b|(?<!\b(?:security|prison|probation|parking|enforcement|customs|border|immigration|welfare|truancy|housing|safeguarding|liaison|medical|fire)\s)\bofficer\b/i;

/** Codes by the victim's sex and age (rape 19C-19H, sexual assault 20A/20B, 17A/17B). */
export function codesByVictim(rows: readonly VictimRow[], sex: string | undefined, age: number | undefined, ageUpper: number | undefined): CodeChoice {
  const lo = age;
  const hi = ageUpper ?? age;
  const fits = rows.filter(
    (r) => (!sex || r.sex === sex) && (lo === undefined || ((r.max === undefined || lo <= r.max) && (r.min === undefined || (hi ?? lo) >= r.min))),
  );
  const missing: string[] = [];
  if (!sex) missing.push("the victim's sex");
  if (age === undefined) missing.push("the victim's age");
  else if (fits.length > 1 && sex) missing.push("the victim's exact age");
  return { codes: fits.map((r) => r.code), certain: fits.length === 1, missing: fits.length === 1 ? [] : missing };
}

/** The codes for a disclosure, as they were on the day the incident was received. */
export function chooseCodes(input: ChoiceInput): CodeChoice {
  const choice = chooseCurrentCodes(input);
  if (input.receivedIso) choice.codes = [...new Set(choice.codes.map((c) => codeInUse(c, input.receivedIso)))];
  return choice;
}

function chooseCurrentCodes(input: ChoiceInput): CodeChoice {
  const { family, trigger, person } = input;
  const codes = family.codes as Record<string, unknown>;
  switch (family.codeChoice) {
    case 'victim': {
      const rows = (codes.table as VictimRow[]) ?? [];
      const age = input.ageAtOffence ?? person?.age;
      const upper = input.ageAtOffence ?? person?.ageUpper;
      return codesByVictim(rows, person?.sex, age, upper);
    }
    case 'assault': {
      const set =
        person && OFFICER.test(person.description) ? (codes.constable as Record<string, string[]>) : input.racial ? (codes.racial as Record<string, string[]>) : (codes as Record<string, string[]>);
      if (trigger.serious) return { codes: [...(codes.serious as string[])], certain: false, missing: ['whether serious harm was intended'] };
      const list = set[input.injury] ?? set.unknown;
      return {
        codes: [...list],
        certain: input.injury !== 'unknown',
        missing: input.injury === 'unknown' ? ['whether the victim was injured'] : [],
      };
    }
    case 'course-of-conduct':
      // Chosen for the incident as a whole by the course-of-conduct rule.
      return { codes: [...((codes.harassment as string[]) ?? [])], certain: false, missing: [] };
    case 'fixed':
    default: {
      let list = trigger.codes ?? (input.racial && codes.racial ? (codes.racial as string[]) : (codes.default as string[]));
      if (input.racial && codes.racial && trigger.codes) list = [...(codes.racial as string[]), ...trigger.codes];
      return { codes: [...list], certain: list.length === 1, missing: list.length === 1 ? [] : ['the circumstances'] };
    }
  }
}
