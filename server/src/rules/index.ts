/** Every counting rule, in the order RULES.md lists them. */
import { rule as unrecordedOffence } from './unrecorded-offence';
import { rule as missingN100 } from './missing-n100';
import { rule as n100ShouldBeCrime } from './n100-should-be-crime';
import { rule as rapeMisclassified } from './rape-misclassified';
import { rule as lateRecording } from './late-recording';
import { rule as invalidNoCrimeReason } from './invalid-no-crime-reason';
import { rule as cancellationWithoutAvi } from './cancellation-without-avi';
import { rule as cancellationMisuse } from './cancellation-misuse';
import { rule as cancellationAuthority } from './cancellation-authority';
import { rule as victimNotInformed } from './victim-not-informed';
import { rule as courseOfConduct } from './course-of-conduct';
import { rule as oneCrimePerVictim } from './one-crime-per-victim';
import { rule as domesticAbuseFlag } from './domestic-abuse-flag';
import { rule as modernSlaveryReferral } from './modern-slavery-referral';
import { rule as unknownCode } from './unknown-code';
import { rule as titleMismatch } from './title-mismatch';
import { rule as equalityData } from './equality-data';
import type { Rule } from './types';

export const INCIDENT_RULES: readonly Rule[] = [
  unrecordedOffence,
  missingN100,
  n100ShouldBeCrime,
  rapeMisclassified,
  lateRecording,
  invalidNoCrimeReason,
  cancellationWithoutAvi,
  cancellationMisuse,
  cancellationAuthority,
  victimNotInformed,
  courseOfConduct,
  oneCrimePerVictim,
  domesticAbuseFlag,
  modernSlaveryReferral,
  unknownCode,
  titleMismatch,
  equalityData,
];
