/**
 * A seeded generator of realistic incident logs, for the benchmark and for
 * tests at scale. The same seed and size always give the same bytes.
 *
 * Each incident comes from a scenario a force handles every day: incidents
 * that are no crime at all (welfare checks, noise, collisions, lost
 * property, verbal rows), crimes recorded correctly (assaults with and
 * without injury, domestic abuse with its flag, threats, harassment, rape,
 * modern slavery, theft, burglary, damage, N100s and valid cancellations),
 * and the faults inspectors find (offences not recorded, late crimes,
 * missing DA flags, "first offence" and "words only", rapes with no record
 * or an N100 that should be a crime, C4 used on a real crime, C2 with no
 * AVI, a rape cancelled by the wrong person, one crime for two victims).
 * Words, ages, places, people and times vary within each scenario, so the
 * checker meets varied text, not one incident copied.
 *
 * Every incident carries its ground truth: the errors and warnings a
 * registrar would expect (`expect`), written to a side file on request.
 * The proportions roughly follow a force's command-and-control mix: about
 * half the incidents are no crime, and about one in ten has a fault.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Bump when the output changes, so cached generated sets are rebuilt. */
export const GENERATOR_VERSION = 1;

/** sfc32: small, fast, and good enough for choosing words; seeded by splitmix32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------- time

/** Wall-clock UK time as minutes since the epoch, treated as if UTC: the logs are written in local time. */
type Wall = number;

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

function wallOf(y: number, m: number, d: number, hh = 0, mm = 0): Wall {
  return Date.UTC(y, m - 1, d, hh, mm) / 60000;
}

function dateText(w: Wall, iso: boolean): string {
  const t = new Date(w * 60000);
  return iso ? `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` : `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

function timeText(w: Wall): string {
  const t = new Date(w * 60000);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** Moves a wall-clock time out of the hour that does not exist when the clocks go forward (01:00-02:00 on the last Sunday of March). */
function real(w: Wall): Wall {
  const t = new Date(w * 60000);
  if (t.getUTCMonth() !== 2 || t.getUTCDay() !== 0 || t.getUTCDate() < 25 || t.getUTCHours() !== 1) return w;
  return w + 60;
}

function sameDay(a: Wall, b: Wall): boolean {
  return Math.floor(a / 1440) === Math.floor(b / 1440);
}

// ---------------------------------------------------------------- words

const STREETS = [
  'Albert Road', 'Station Road', 'Victoria Street', 'Church Lane', 'Mill Lane', 'the High Street', 'Park Avenue', 'Queens Road',
  'Green Lane', 'Manor Way', 'Chapel Street', 'Orchard Close', 'Kingsway', 'the Broadway', 'New Street', 'Castle Street',
  'Brook Road', 'Hawthorn Drive', 'Meadow View', 'Canal Side', 'Bridge Street', 'Windsor Crescent', 'Elm Grove', 'Market Place',
];
const PLACES = ['the Red Lion', 'the Crown', 'a kebab shop', 'the bus station', 'the retail park', 'the Co-op', 'a taxi rank', 'the train station', 'the park', 'a petrol station'];
const HANDLERS = ['CH', 'CH', 'CH', 'OP'];
const OFFICERS = ['PC', 'PC', 'PC', 'PS', 'DC'];

function collar(rng: Rng, prefixes: readonly string[]): string {
  return `${rng.pick(prefixes)}${rng.int(1000, 9899)}`;
}

interface Person {
  sex: 'female' | 'male';
  age: number;
  he: string;
  him: string;
  his: string;
}

function person(rng: Rng, sex: 'female' | 'male' | 'any', minAge = 18, maxAge = 75): Person {
  const s = sex === 'any' ? (rng.chance(0.5) ? 'female' : 'male') : sex;
  return s === 'female' ? { sex: s, age: rng.int(minAge, maxAge), he: 'she', him: 'her', his: 'her' } : { sex: s, age: rng.int(minAge, maxAge), he: 'he', him: 'him', his: 'his' };
}

// ---------------------------------------------------------------- the incident being written

interface Entry {
  at: Wall;
  author: string;
  text: string;
}

class Draft {
  readonly iso: boolean;
  opening = '';
  reporter = '';
  victims: string[] = [];
  suspects: string[] = [];
  location = '';
  entries: Entry[] = [];
  decisions: string[] = [];
  closing = '';
  expect: string[] = [];
  private clock: Wall;
  readonly handler: string;
  readonly officer: string;

  constructor(
    readonly rng: Rng,
    readonly id: string,
    public received: Wall,
  ) {
    this.iso = rng.chance(0.25);
    this.received = real(received);
    this.clock = this.received;
    this.handler = collar(rng, HANDLERS);
    this.officer = collar(rng, OFFICERS);
  }

  /** A log entry `minutes` after the previous one. */
  log(minutes: number, author: string, text: string): Wall {
    this.clock = real(this.clock + minutes);
    this.entries.push({ at: this.clock, author, text });
    return this.clock;
  }

  get now(): Wall {
    return this.clock;
  }

  when(w: Wall): string {
    return `${dateText(w, this.iso)} ${timeText(w)}`;
  }

  ref(): string {
    const y = new Date(this.received * 60000).getUTCFullYear() % 100;
    return `${y}/${this.rng.int(10000, 99999)}/${y}`;
  }

  victim(p: Person, extra = '', label = 'V1'): void {
    this.victims.push(`${label} ${p.sex}, ${p.age}${extra ? ', ' + extra : ''}`);
  }

  suspect(p: Person | string, extra = '', label = 'S1'): void {
    this.suspects.push(typeof p === 'string' ? `${label} ${p}` : `${label} ${p.sex}, ${p.age}${extra ? ', ' + extra : ''}`);
  }

  render(): string {
    const out = [`Incident ${this.id}`, `Received: ${this.when(this.received)}`];
    if (this.opening) out.push(`Opening: ${this.opening}`);
    if (this.reporter) out.push(`Reporter: ${this.reporter}`);
    for (const v of this.victims) out.push(`Victim: ${v}`);
    for (const s of this.suspects) out.push(`Suspect: ${s}`);
    if (this.location) out.push(`Location: ${this.location}`);
    out.push('');
    let prev = this.received;
    for (const e of this.entries) {
      const stamp = sameDay(e.at, prev) ? timeText(e.at) : this.when(e.at);
      prev = e.at;
      out.push(...wrap(`${stamp} ${e.author}: ${e.text}`));
    }
    if (this.decisions.length) out.push('', ...this.decisions);
    if (this.closing) out.push(`Closing: ${this.closing}`);
    out.push('', '');
    return out.join('\n');
  }
}

/** Wraps a log entry at about 96 columns, continuation lines indented, as call handlers' systems do. */
function wrap(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  let first = true;
  const width = 96;
  while (rest.length > (first ? width : width - 4)) {
    const max = first ? width : width - 4;
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    out.push((first ? '' : '    ') + rest.slice(0, cut));
    rest = rest.slice(cut + 1);
    first = false;
  }
  out.push((first ? '' : '    ') + rest);
  return out;
}

// ---------------------------------------------------------------- scenarios

type Scenario = (d: Draft) => void;

const crt = (d: Draft) => `CRT${pad(d.rng.int(1, 40))}`;

function recordCrime(d: Draft, code: string, minutes: number, extra = ''): string {
  const at = d.log(minutes, crt(d), d.rng.pick(['Crime recorded.', 'Crime recorded on the crime system.', 'Crimed.']));
  const ref = d.ref();
  d.decisions.push(`Crime: ${code} | victim V1 | recorded ${d.when(at)} | ref ${ref}${extra}`);
  return ref;
}

/** Assault in the street or a pub, with injury. Mostly recorded in time; sometimes late or not at all. */
const assaultInjury: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 18, 70);
  d.opening = 'ASSAULT';
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(`male, ${r.pick(['20s', '30s', 'late teens', '40s'])}, not known to V1`);
  const place = r.pick(PLACES);
  d.location = `outside ${place}, ${r.pick(STREETS)}`;
  const blow = r.pick([`punched ${v.him} in the face`, `headbutted ${v.him}`, `kicked ${v.him} in the ribs`, `struck ${v.him} across the face`, `punched ${v.him} twice in the head`]);
  d.log(0, d.handler, `V1 says a man ${blow} outside ${place} ${r.pick(['and ran off', 'after an argument over a taxi', 'for no reason', 'and walked off towards town'])}.`);
  const injury = r.pick([`Cut above ${v.his} left eye.`, `Swelling and bruising to ${v.his} cheek.`, `Bloody nose, possibly broken.`, `Split lip and bruising to ${v.his} jaw.`, `Bruising to ${v.his} ribs.`]);
  d.log(r.int(15, 60), d.officer, `Seen V1. ${injury} ${r.pick(['Area search negative.', 'CCTV requested from the premises.', 'Statement taken.', 'Declined an ambulance.'])}`);
  const roll = r.next();
  if (roll < 0.8) {
    recordCrime(d, '8N Assault with injury', r.int(30, 600));
    d.closing = 'ASSAULT - CRIME RECORDED';
  } else if (roll < 0.9) {
    d.log(r.int(240, 480), d.officer, 'Unable to get through to the crime recording team; will try again.');
    recordCrime(d, '8N Assault with injury', r.int(1500, 2400));
    d.closing = 'ASSAULT - CRIME RECORDED';
    d.expect.push('late-recording');
  } else {
    d.log(r.int(30, 120), d.officer, r.pick(['Suspect not traced. Advice given.', 'V1 given advice about getting home safely.', 'Nothing further from police at this time.']));
    d.closing = 'ASSAULT - ADVICE GIVEN';
    d.expect.push('unrecorded-offence');
  }
};

/** A push or a slap with no injury: 105A. */
const assaultNoInjury: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 18, 80);
  const s = person(r, 'any', 18, 70);
  d.opening = r.pick(['ASSAULT', 'DISTURBANCE', 'NEIGHBOUR DISPUTE']);
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(s, r.pick(['neighbour', 'work colleague', 'stranger', 'customer']));
  d.location = r.pick(STREETS);
  const act = r.pick([`pushed ${v.him} against the wall`, `slapped ${v.him} across the face`, `shoved ${v.him} to the ground`, `spat at ${v.him}`, `grabbed ${v.him} by the arm and pushed ${v.him} away`]);
  d.log(0, d.handler, `V1 says S1 ${act} during ${r.pick(['an argument about parking', 'a row over noise', 'a dispute about a fence', 'a disagreement at work'])}.`);
  d.log(r.int(20, 90), d.officer, `Seen V1. ${r.pick(['No injuries.', 'No visible injuries.', 'Not injured.'])} ${r.pick(['S1 spoken to.', 'S1 arrested.', 'S1 not in.'])}`);
  recordCrime(d, '105A Assault without injury', r.int(20, 400));
  d.closing = 'ASSAULT - CRIME RECORDED';
};

/** Domestic abuse: a partner or ex-partner, flagged DA. Sometimes the flag is missing. */
const domesticAssault: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, r.chance(0.85) ? 'female' : 'male', 18, 60);
  const s = person(r, v.sex === 'female' ? 'male' : 'female', 18, 65);
  const rel = r.pick(['partner', 'ex-partner', 'husband', 'boyfriend', 'ex-boyfriend']);
  const relWord = v.sex === 'male' ? rel.replace('husband', 'wife').replace('boyfriend', 'girlfriend') : rel;
  d.opening = 'DOMESTIC';
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(s, relWord);
  const injured = r.chance(0.6);
  const act = injured
    ? r.pick([`punched ${v.him} in the face`, `kicked ${v.him} while ${v.he} was on the floor`, `hit ${v.him} with a mug`])
    : r.pick([`pushed ${v.him} against the fridge`, `slapped ${v.him}`, `shoved ${v.him} into the door frame`]);
  d.log(0, d.handler, `V1 says ${v.his} ${relWord} S1 ${act} ${r.pick(['when ' + v.he + ' said ' + v.he + ' was going out', 'during an argument about money', 'after coming home drunk', 'in front of the children'])}.`);
  d.log(
    r.int(15, 45),
    d.officer,
    `Attended. ${injured ? r.pick([`Bruising to ${v.his} cheek seen.`, `Swelling to ${v.his} eye.`, `Cut to ${v.his} lip.`]) : 'No injuries.'} ${r.pick(['S1 arrested.', 'S1 left before police arrived.', 'DASH completed, standard risk.', 'DASH completed, medium risk.'])}`,
  );
  const code = injured ? '8N Assault with injury' : '105A Assault without injury';
  if (r.chance(0.85)) recordCrime(d, code, r.int(30, 300), ' | flags DA');
  else {
    recordCrime(d, code, r.int(30, 300));
    d.expect.push('domestic-abuse-flag');
  }
  d.closing = 'DOMESTIC - CRIME RECORDED';
};

/** Threats of violence at the door or over the fence: 9A; a threat to put the windows through: 59. Often missed. */
const threats: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 20, 80);
  const s = person(r, 'male', 18, 70);
  d.opening = r.pick(['NEIGHBOUR DISPUTE', 'DISTURBANCE', 'CONCERN FOR SAFETY']);
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(s, r.pick(['neighbour', 'next-door neighbour', 'former friend']));
  d.location = r.pick(STREETS);
  const threat = r.pick([
    `shouting that he will batter ${v.him} if ${v.he} calls the council again`,
    `threatening to smash ${v.his} face in`,
    `shouting that he is going to knock ${v.him} out`,
    `threatening to put ${v.his} windows through`,
  ]);
  d.log(0, d.handler, `V1 very upset. ${v.he === 'she' ? 'Her' : 'His'} neighbour S1 is outside ${threat}. ${v.he === 'she' ? 'She' : 'He'} is scared to go out.`);
  d.log(r.int(15, 60), d.officer, `Attended. S1 ${r.pick(['gone back inside', 'spoken to', 'denies it'])}. V1 ${r.pick(['shaken', 'frightened', 'wants something done'])}.`);
  if (r.chance(0.7)) {
    // A threat to damage her property is its own, more serious offence (59), which the principal crime rule records.
    recordCrime(d, threat.includes('windows') ? '59 Threat or possession with intent to commit criminal damage' : '9A Public fear, alarm or distress', r.int(30, 500));
    d.closing = 'NEIGHBOUR DISPUTE - CRIME RECORDED';
  } else {
    d.log(r.int(10, 60), d.officer, r.pick(['Advice given to both parties.', 'Mediation leaflet left.', 'Both parties advised to keep apart.']));
    d.closing = 'NEIGHBOUR DISPUTE - ADVICE GIVEN';
    d.expect.push('unrecorded-offence');
  }
};

/** Threats to kill: 3B. Sometimes closed as "words only". */
const threatsToKill: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 20, 70);
  d.opening = r.pick(['THREATS', 'CONCERN FOR SAFETY']);
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(`male, ${r.int(20, 60)}, ${r.pick(['former friend', 'neighbour', 'work colleague'])}`);
  d.log(0, d.handler, `V1 says S1 ${r.pick([`threatened to kill ${v.him}`, `said he would kill ${v.him}`, `said he is going to kill ${v.him}`])} ${r.pick(['over a debt', 'during a phone call', 'in the street this morning'])}. V1 believes he means it.`);
  d.log(r.int(20, 90), d.officer, `Spoke to V1. ${r.pick(['Account as above.', 'Statement taken.', 'V1 has a screenshot of the message.'])}`);
  if (r.chance(0.75)) {
    recordCrime(d, '3B Threats to kill', r.int(30, 400));
    d.closing = 'THREATS - CRIME RECORDED';
  } else {
    d.log(r.int(30, 120), d.officer, 'S1 spoken to, says he did not mean it. Words only.');
    d.decisions.push('No crime: words only, no physical offence');
    d.closing = 'THREATS - ADVICE GIVEN';
    d.expect.push('unrecorded-offence', 'invalid-no-crime-reason');
  }
};

/** Harassment: repeated calls and visits. Recorded as 8L, or closed as a "first offence". */
const harassment: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 20, 70);
  d.opening = 'HARASSMENT';
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(`male, ${r.int(25, 60)}, ${r.pick(['former business partner', 'former landlord', 'neighbour', 'former colleague'])}`);
  const times = r.pick(['eleven', 'six', 'twenty', 'eight', 'fifteen']);
  d.log(
    0,
    d.handler,
    `V1 says S1 rang ${v.him} ${times} times last night shouting abuse and turned up at ${v.his} ${r.pick(['shop', 'house', 'work'])} this morning. V1 reported the same behaviour ${r.pick(['last month', 'in the summer', 'twice before'])} and it keeps happening.`,
  );
  d.log(r.int(30, 120), d.officer, `Spoke to V1. Call log on ${v.his} phone seen.`);
  if (r.chance(0.7)) {
    recordCrime(d, '8L Harassment', r.int(30, 500));
    d.closing = 'HARASSMENT - CRIME RECORDED';
  } else {
    d.log(r.int(30, 180), d.officer, 'S1 has no previous convictions, first offence. Warned about his behaviour.');
    d.decisions.push('No crime: first offence by S1, words of advice given');
    d.closing = 'HARASSMENT - ADVICE';
    d.expect.push('course-of-conduct', 'invalid-no-crime-reason');
  }
};

/** A rape reported by the victim: recorded as 19C, or not recorded, or an N100 on a bad reason, or a lesser offence. */
const rapeByVictim: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'female', 17, 55);
  d.opening = 'SEXUAL OFFENCE';
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(`male, ${r.int(18, 50)}, ${r.pick(['met at a party', 'acquaintance', 'met online', 'friend of a friend'])}`);
  d.log(0, d.handler, `V1 says a man she ${r.pick(['met at a club tonight', 'knows from college', 'met online'])} ${r.pick(['raped her at his flat', 'raped her in her room', 'raped her after walking her home'])}. She told him to stop.`);
  d.log(r.int(20, 60), d.officer, `Seen V1. ${r.pick(['She gave a clear account.', 'Clothing bagged.', 'SARC referral made.'])}`);
  const roll = r.next();
  if (roll < 0.7) {
    recordCrime(d, '19C Rape of a female aged 16 and over', r.int(60, 600));
    d.closing = 'SEXUAL OFFENCE - CRIME RECORDED';
  } else if (roll < 0.8) {
    d.log(r.int(60, 300), `DS${r.int(1000, 9899)}`, 'Nothing further from police at this time; support services details given.');
    d.closing = 'SEXUAL OFFENCE - ADVICE GIVEN';
    d.expect.push('missing-n100');
  } else if (roll < 0.92) {
    const at = d.log(r.int(200, 600), `DS${r.int(1000, 9899)}`, 'She had been drinking and her memory may not be reliable. N100 for now.');
    d.decisions.push(`N100: recorded ${d.when(at)} | victim V1 | ref N100/${d.ref()} | reason V1 intoxicated, reliability of her account doubted`);
    d.closing = 'SEXUAL OFFENCE - N100';
    d.expect.push('n100-should-be-crime', 'invalid-no-crime-reason');
  } else {
    recordCrime(d, '20A Sexual assault on a female aged 13 and over', r.int(60, 600));
    d.closing = 'SEXUAL OFFENCE - CRIME RECORDED';
    d.expect.push('rape-misclassified');
  }
};

/** A rape reported by a friend: an N100 while the victim has not been spoken to, converted when she confirms. */
const rapeThirdParty: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'female', 18, 40);
  d.opening = 'SEXUAL OFFENCE';
  d.reporter = 'third party';
  d.victim(v);
  d.suspect(`male, ${r.int(18, 40)}`);
  d.log(0, d.handler, `Caller is V1's ${r.pick(['college friend', 'flatmate', 'sister', 'colleague'])}. Says V1 told her S1 raped her at a party at the weekend. V1 does not know she has rung.`);
  const at = d.log(r.int(20, 60), crt(d), 'N100 recorded. Third-party report, V1 not yet spoken to.');
  const n100 = `N100: recorded ${d.when(at)} | victim V1 | ref N100/${d.ref()} | reason third-party report, victim not yet spoken to`;
  if (r.chance(0.6)) {
    d.log(r.int(120, 400), `DC${r.int(1000, 9899)}`, 'Saw V1 at home. She confirms S1 raped her and wants it investigated.');
    const crimeAt = d.log(r.int(20, 60), crt(d), 'N100 converted to a rape crime.');
    const ref = d.ref();
    d.decisions.push(`${n100} | converted ${ref}`, `Crime: 19C Rape of a female aged 16 and over | victim V1 | recorded ${d.when(crimeAt)} | ref ${ref}`);
    d.closing = 'SEXUAL OFFENCE - CRIME RECORDED';
  } else {
    d.log(r.int(120, 400), `DC${r.int(1000, 9899)}`, 'Attempts to contact V1 ongoing.');
    d.decisions.push(n100);
    d.closing = 'SEXUAL OFFENCE - N100';
  }
};

/** Forced labour: a 106 crime, or an NRM referral with no crime. */
const modernSlavery: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 18, 50);
  d.opening = 'MODERN SLAVERY';
  d.reporter = `professional third party (${r.pick(['anti-slavery charity', 'local authority', 'Border Force'])})`;
  d.victim(v);
  d.suspect(`male, ${r.int(30, 60)}, ${r.pick(['car wash owner', 'restaurant owner', 'gangmaster', 'nail bar owner'])}`);
  const work = r.pick(['car wash', 'restaurant kitchen', 'nail bar', 'farm']);
  d.log(0, d.handler, `Caseworker says V1 worked at S1's ${work} for ${r.pick(['a year', 'eight months', 'two years'])} without pay, living on site, with S1 holding ${v.his} passport.`);
  d.log(r.int(60, 200), `DC${r.int(1000, 9899)}`, 'V1 seen with an interpreter. NRM referral submitted. Forced work described.');
  if (r.chance(0.75)) {
    recordCrime(d, '106 Modern slavery', r.int(60, 600));
    d.closing = 'MODERN SLAVERY - CRIME RECORDED';
  } else {
    d.log(r.int(60, 300), `DC${r.int(1000, 9899)}`, 'Safeguarding in place. No further police action at this time.');
    d.closing = 'MODERN SLAVERY - NRM REFERRAL';
    d.expect.push('modern-slavery-referral');
  }
};

/** Theft, shoplifting, a stolen bike: recorded correctly. */
const theft: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 18, 80);
  d.reporter = 'victim';
  d.victim(v);
  const kind = r.int(0, 2);
  if (kind === 0) {
    d.opening = 'THEFT';
    d.log(0, d.handler, `V1 says ${v.his} ${r.pick(['wallet', 'phone', 'handbag', 'purse'])} was stolen from ${v.his} ${r.pick(['table at a cafe', 'desk at work', 'locker at the gym'])} ${r.pick(['this afternoon', 'earlier today', 'at lunchtime'])}.`);
    d.log(r.int(30, 200), d.officer, `Spoke to V1 by phone. ${r.pick(['No CCTV.', 'CCTV requested.', 'Cards cancelled.'])}`);
    recordCrime(d, '49 Other theft', r.int(20, 300));
  } else if (kind === 1) {
    d.opening = 'SHOPLIFTING';
    d.reporter = 'third party (store security)';
    d.log(0, d.handler, `Store security at ${r.pick(['the Co-op', 'Boots', 'Tesco Express', 'B&M'])} say a man took ${r.pick(['razor blades', 'meat', 'alcohol', 'perfume'])} from the shelves and left without paying. Detained by staff.`);
    d.log(r.int(20, 60), d.officer, 'Attended. Male arrested for theft.');
    recordCrime(d, '46 Shoplifting', r.int(20, 300));
  } else {
    d.opening = 'THEFT';
    d.log(0, d.handler, `V1 says ${v.his} bike was stolen from outside ${r.pick(PLACES)} ${r.pick(['overnight', 'this morning', 'while at work'])}. It was locked.`);
    d.log(r.int(30, 300), d.officer, 'Frame number obtained. Circulated as stolen.');
    recordCrime(d, '44 Theft or unauthorised taking of a pedal cycle', r.int(20, 300));
  }
  d.closing = 'THEFT - CRIME RECORDED';
};

/** A house burgled while the family was out. */
const burglary: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 25, 85);
  d.opening = 'BURGLARY';
  d.reporter = 'victim';
  d.victim(v);
  d.location = `${r.int(1, 140)} ${r.pick(STREETS)}`;
  d.log(0, d.handler, `V1 says someone broke into ${v.his} house ${r.pick(['while the family were at work', 'overnight', 'while they were away for the weekend'])}. ${r.pick(['Back door forced.', 'Kitchen window smashed.'])} ${r.pick(['Jewellery and a laptop taken.', 'TV and cash taken.'])}`);
  d.log(r.int(60, 240), d.officer, 'Attended. Scene preserved for CSI. House-to-house started.');
  recordCrime(d, '28E Burglary residential', r.int(20, 300));
  d.closing = 'BURGLARY - CRIME RECORDED';
};

/** A car damaged overnight. */
const damage: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 20, 80);
  d.opening = 'CRIMINAL DAMAGE';
  d.reporter = 'victim';
  d.victim(v);
  d.location = r.pick(STREETS);
  d.log(0, d.handler, `V1 says someone ${r.pick(['smashed the windscreen of', 'keyed', 'slashed the tyres of'])} ${v.his} car ${r.pick(['overnight', 'while it was parked outside', 'in the supermarket car park'])}.`);
  d.log(r.int(60, 300), d.officer, `${r.pick(['No witnesses.', 'Doorbell footage requested.', 'Neighbour saw two youths.'])}`);
  recordCrime(d, '58C Criminal damage to a vehicle', r.int(20, 300));
  d.closing = 'CRIMINAL DAMAGE - CRIME RECORDED';
};

/** A professional reports an assault on a vulnerable adult; only a safeguarding plan follows. */
const professionalReport: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 19, 85);
  d.opening = 'ADULT SAFEGUARDING';
  const agency = r.pick(['adult social care', 'care home manager', 'GP surgery', 'hospital safeguarding team']);
  d.reporter = `professional third party (${agency})`;
  d.victim(v, r.pick(['learning disability', 'dementia', 'lives in supported housing']));
  d.suspect(`male, ${r.int(20, 60)}, ${r.pick(['carer', 'lodger', 'support worker'])}`);
  d.log(0, `PPU${r.int(10, 99)}`, `Referral from ${agency}. V1 told staff that S1 ${r.pick([`slapped ${v.him} and shoved ${v.him} over`, `punched ${v.him} on the arm`, `pushed ${v.him} into a door`])} on ${r.pick(['Friday', 'Monday', 'Saturday'])}. Staff saw bruising on ${v.his} arm.`);
  d.log(r.int(60, 240), `PPU${r.int(10, 99)}`, 'Strategy discussion held. Safeguarding plan agreed. Recorded on the PPU system only.');
  d.closing = 'SAFEGUARDING - PLAN IN PLACE';
  d.expect.push('unrecorded-offence');
};

/** Two people assaulted in one incident; one crime recorded. */
const twoVictims: Scenario = (d) => {
  const r = d.rng;
  const v1 = person(r, 'male', 18, 40);
  const v2 = person(r, 'male', 18, 40);
  d.opening = 'ASSAULT';
  d.reporter = 'witness';
  d.victim(v1);
  d.victim(v2, "V1's friend", 'V2');
  d.suspect('male, 30s, not known to either victim');
  d.log(0, d.handler, `Door staff at ${r.pick(PLACES)} say a man has punched two lads outside; one is bleeding from the nose.`);
  d.log(r.int(10, 30), d.officer, 'On scene. V1 has a swollen, bleeding nose. V2 has a cut lip where S1 punched him when V2 tried to help. Both willing to give statements.');
  const at = d.log(r.int(60, 240), crt(d), 'Crime recorded.');
  d.decisions.push(`Crime: 8N Assault with injury | victim V1 | recorded ${d.when(at)} | ref ${d.ref()}`);
  d.closing = 'ASSAULT - CRIME RECORDED';
  d.expect.push('one-crime-per-victim');
};

/** A crime cancelled: valid C2 with verifiable information, C4 used on a real crime, C2 with no AVI, a rape cancelled by a DDM. */
const cancellation: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'female', 20, 70);
  d.reporter = 'victim';
  d.victim(v);
  const kind = r.next();
  if (kind < 0.45) {
    d.opening = 'THEFT';
    d.log(0, d.handler, `V1 says her ${r.pick(['phone', 'purse'])} was stolen from her bag in ${r.pick(['a cafe', 'the library', 'a shop'])}.`);
    const ref = recordCrime(d, '49 Other theft', r.int(30, 200));
    const at = d.log(r.int(1500, 4000), d.officer, `V1 rang back: the ${r.pick(['phone', 'purse'])} was in her car all along. She has it back.`);
    d.decisions.push(`Cancelled: ${ref} C2 | by DDM | at ${d.when(at)} | avi the item had been misplaced: found in V1's own car and seen by the officer | informed yes`);
    d.closing = 'THEFT - CANCELLED';
  } else if (kind < 0.7) {
    d.opening = 'ASSAULT';
    d.log(0, d.handler, `V1 says her neighbour S1 grabbed her by the hair and dragged her along the path during a row about bins. Scratches to her neck.`);
    d.suspect(`female, ${r.int(25, 70)}, neighbour`);
    const ref = recordCrime(d, '8N Assault with injury', r.int(30, 200));
    const at = d.log(r.int(2000, 5000), `DDM${pad(r.int(1, 20))}`, 'C4 applied.');
    d.decisions.push(`Cancelled: ${ref} C4 | by DDM | at ${d.when(at)} | reason created in error - victim does not wish to support a prosecution | informed no`);
    d.closing = 'ASSAULT - CANCELLED';
    d.expect.push('cancellation-misuse', 'invalid-no-crime-reason', 'victim-not-informed');
  } else if (kind < 0.85) {
    d.opening = 'CRIMINAL DAMAGE';
    d.log(0, d.handler, `V1 says someone smashed the windscreen of her car overnight.`);
    const ref = recordCrime(d, '58C Criminal damage to a vehicle', r.int(30, 200));
    const at = d.log(r.int(2000, 5000), d.officer, 'No witnesses, no CCTV. Cancelling.');
    d.decisions.push(`Cancelled: ${ref} C2 | by DDM | at ${d.when(at)} | reason no witnesses and no CCTV | informed yes`);
    d.closing = 'CRIMINAL DAMAGE - CANCELLED';
    // "No witnesses, no CCTV" is also a ground the rules reject for the reason itself.
    d.expect.push('cancellation-without-avi', 'invalid-no-crime-reason');
  } else {
    d.opening = 'SEXUAL OFFENCE';
    d.suspect(`male, ${r.int(20, 50)}, acquaintance`);
    d.log(0, d.handler, 'V1 says a man she knows raped her at his flat last night.');
    const ref = recordCrime(d, '19C Rape of a female aged 16 and over', r.int(60, 300));
    const at = d.log(r.int(3000, 8000), `DDM${pad(r.int(1, 20))}`, 'CCTV shows V1 was at work all that night. Cancelled.');
    d.decisions.push(`Cancelled: ${ref} C2 | by DDM | at ${d.when(at)} | avi CCTV shows V1 at her workplace for the whole night | informed yes`);
    d.closing = 'SEXUAL OFFENCE - CANCELLED';
    d.expect.push('cancellation-authority');
  }
};

// Incidents that are no crime: the narratives must not read as offences.

const welfare: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 60, 95);
  d.opening = 'CONCERN FOR SAFETY';
  d.reporter = r.pick(['third party', 'witness']);
  d.victim(v);
  d.location = `${r.int(1, 200)} ${r.pick(STREETS)}`;
  d.log(0, d.handler, `Caller is worried about ${v.his} ${r.pick(['elderly neighbour', 'grandmother', 'friend'])}: curtains closed for two days and milk on the step.`);
  d.log(r.int(20, 90), d.officer, `Attended. V1 found safe and well; ${v.he} had been ${r.pick(['visiting family', 'in hospital for tests', 'unwell in bed'])}. Family informed.`);
  d.closing = 'CONCERN FOR SAFETY - SAFE AND WELL';
};

const noise: Scenario = (d) => {
  const r = d.rng;
  d.opening = 'ANTI-SOCIAL BEHAVIOUR';
  d.reporter = 'witness';
  d.location = r.pick(STREETS);
  d.log(0, d.handler, `Caller reports loud music from a house party ${r.pick(['next door', 'across the road', 'in the flat above'])}. Has asked them to turn it down.`);
  d.log(r.int(30, 120), d.officer, 'Attended. Occupants turned the music down. Council noise team informed.');
  d.closing = 'ASB - ADVICE GIVEN';
};

const collision: Scenario = (d) => {
  const r = d.rng;
  d.opening = 'ROAD TRAFFIC COLLISION';
  d.reporter = 'witness';
  d.location = `junction of ${r.pick(STREETS)} and ${r.pick(STREETS)}`;
  d.log(0, d.handler, `Two cars in collision at the junction, both drivers out and talking. ${r.pick(['Nobody hurt.', 'Both drivers say they are fine.'])}`);
  d.log(r.int(15, 60), d.officer, 'Attended. Drivers exchanged details. Vehicles recovered. Road clear.');
  d.closing = 'RTC - DAMAGE ONLY';
};

const lostProperty: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 18, 80);
  d.opening = 'LOST PROPERTY';
  d.reporter = 'victim';
  d.victim(v);
  d.log(0, d.handler, `V1 has lost ${v.his} ${r.pick(['wallet', 'keys', 'phone', 'passport'])}, thinks ${v.he} left it on the bus. Nothing to suggest it was stolen.`);
  d.log(r.int(30, 300), d.handler, 'Lost property reference given. Bus company informed.');
  d.closing = 'LOST PROPERTY - REFERENCE GIVEN';
};

const verbalDomestic: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'female', 20, 60);
  d.opening = r.pick(['DOMESTIC INCIDENT', 'CONCERN FOR SAFETY']);
  d.reporter = 'victim';
  d.victim(v);
  d.suspect(`male, ${r.int(20, 65)}, partner`);
  d.log(0, d.handler, `V1 says she and her partner S1 are arguing about ${r.pick(['money', 'the children', 'his drinking'])} and she wants him to leave for the night.`);
  d.log(r.int(15, 45), d.officer, 'Attended. Verbal argument only, no threats or violence, no offences disclosed. S1 agreed to stay at his brother\'s. DASH completed, standard risk.');
  d.closing = 'DOMESTIC - NO OFFENCES';
};

const missingPerson: Scenario = (d) => {
  const r = d.rng;
  const v = person(r, 'any', 13, 17);
  d.opening = 'MISSING PERSON';
  d.reporter = 'third party';
  d.victim(v, 'missing from home');
  d.log(0, d.handler, `Mother reports V1 has not come home from school and is not answering ${v.his} phone.`);
  d.log(r.int(60, 300), d.officer, `V1 returned home safe; ${v.he} had been at a friend's house. Return interview arranged.`);
  d.closing = 'MISSING PERSON - RETURNED';
};

const suspicious: Scenario = (d) => {
  const r = d.rng;
  d.opening = 'SUSPICIOUS CIRCUMSTANCES';
  d.reporter = 'witness';
  d.location = r.pick(STREETS);
  d.log(0, d.handler, `Caller reports a ${r.pick(['van', 'car', 'man'])} ${r.pick(['parked with its engine running for an hour', 'going up and down the street slowly', 'looking into parked cars'])}.`);
  d.log(r.int(20, 60), d.officer, `Area search. ${r.pick(['Vehicle checked, driver waiting for a delivery.', 'Nothing found.', 'Man traced, he was looking for his own car.'])} No offences.`);
  d.closing = 'SUSPICIOUS - NO OFFENCES';
};

const SCENARIOS: { weight: number; name: string; run: Scenario }[] = [
  { weight: 10, name: 'welfare', run: welfare },
  { weight: 8, name: 'noise', run: noise },
  { weight: 8, name: 'collision', run: collision },
  { weight: 6, name: 'lost-property', run: lostProperty },
  { weight: 6, name: 'verbal-domestic', run: verbalDomestic },
  { weight: 5, name: 'missing-person', run: missingPerson },
  { weight: 6, name: 'suspicious', run: suspicious },
  { weight: 7, name: 'assault-injury', run: assaultInjury },
  { weight: 6, name: 'assault-no-injury', run: assaultNoInjury },
  { weight: 7, name: 'domestic-assault', run: domesticAssault },
  { weight: 4, name: 'threats', run: threats },
  { weight: 2, name: 'threats-to-kill', run: threatsToKill },
  { weight: 3, name: 'harassment', run: harassment },
  { weight: 2, name: 'rape-by-victim', run: rapeByVictim },
  { weight: 1, name: 'rape-third-party', run: rapeThirdParty },
  { weight: 1, name: 'modern-slavery', run: modernSlavery },
  { weight: 7, name: 'theft', run: theft },
  { weight: 3, name: 'burglary', run: burglary },
  { weight: 3, name: 'damage', run: damage },
  { weight: 1, name: 'professional-report', run: professionalReport },
  { weight: 1, name: 'two-victims', run: twoVictims },
  { weight: 2, name: 'cancellation', run: cancellation },
];
const TOTAL_WEIGHT = SCENARIOS.reduce((s, x) => s + x.weight, 0);

function pickScenario(rng: Rng): { name: string; run: Scenario } {
  let x = rng.next() * TOTAL_WEIGHT;
  for (const s of SCENARIOS) {
    x -= s.weight;
    if (x < 0) return s;
  }
  return SCENARIOS[SCENARIOS.length - 1];
}

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

// ---------------------------------------------------------------- files

export interface GeneratedIncident {
  id: string;
  scenario: string;
  /** Errors and warnings a registrar would expect, sorted. */
  expect: string[];
  text: string;
}

export interface GenerateOptions {
  seed: number;
  incidents: number;
  /** First day of the year of logs (default 2022-04-01, a force's financial year). */
  start?: [number, number, number];
  /** Days the logs cover (default 365). */
  days?: number;
  /** About this many incidents a file (default 2,466: 900,000 a year is 2,466 a day). */
  perFile?: number;
}

export interface GeneratedFile {
  name: string;
  incidents: GeneratedIncident[];
}

const DEFAULT_PER_FILE = 2466;

export interface FilePlan {
  name: string;
  /** First wall-clock minute of the period the file covers, and its length in minutes. */
  from: number;
  span: number;
  incidents: number;
}

/** How the incidents are spread: a year split into equal periods, one file each (one a day at 900,000). */
export function planFiles(opts: GenerateOptions): FilePlan[] {
  const [y, m, dd] = opts.start ?? [2022, 4, 1];
  const days = opts.days ?? 365;
  const files = Math.max(1, Math.min(days, Math.ceil(opts.incidents / (opts.perFile ?? DEFAULT_PER_FILE))));
  const day0 = wallOf(y, m, dd);
  const plan: FilePlan[] = [];
  let made = 0;
  for (let f = 0; f < files; f++) {
    const count = Math.round(((f + 1) * opts.incidents) / files) - made;
    made += count;
    const firstDay = Math.floor((f * days) / files);
    const from = day0 + firstDay * 1440;
    const span = Math.max(1, Math.floor(((f + 1) * days) / files) - firstDay) * 1440;
    plan.push({ name: `${dateText(from, true)}.ilog`, from, span, incidents: count });
  }
  return plan;
}

/** The logs, file by file, incidents in time order within a file (as a force's export is). */
export function* generateFiles(opts: GenerateOptions): Generator<GeneratedFile> {
  const rng = new Rng(opts.seed);
  for (const p of planFiles(opts)) {
    const times = Array.from({ length: p.incidents }, () => p.from + Math.floor(rng.next() * p.span)).sort((a, b) => a - b);
    const seq = new Map<number, number>();
    const incidents: GeneratedIncident[] = [];
    for (const t of times) {
      const dayKey = Math.floor(t / 1440);
      const n = (seq.get(dayKey) ?? 0) + 1;
      seq.set(dayKey, n);
      const id = `GEN-${dateText(t, true).replace(/-/g, '')}-${String(n).padStart(5, '0')}`;
      const s = pickScenario(rng);
      const d = new Draft(rng, id, t);
      s.run(d);
      incidents.push({ id, scenario: s.name, expect: [...d.expect].sort(), text: d.render() });
    }
    yield { name: p.name, incidents };
  }
}

export const FILE_HEADER = '# Generated incident logs (bench/generate.ts): invented, for testing and benchmarks only.\n\n';

export function fileText(f: GeneratedFile): string {
  return FILE_HEADER + f.incidents.map((i) => i.text).join('');
}

export interface Manifest {
  generator: number;
  seed: number;
  incidents: number;
  files: number;
  bytes: number;
}

/**
 * Writes the logs into `dir` (emptied of earlier .ilog files first), and the
 * ground truth as `truth.jsonl` when asked: one line per incident with its
 * file, line, id, scenario and expected findings.
 */
export function writeLogs(dir: string, opts: GenerateOptions & { truth?: boolean }): Manifest {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.ilog') || f === 'truth.jsonl' || f === 'manifest.json') fs.rmSync(path.join(dir, f));
  const truth = opts.truth ? fs.openSync(path.join(dir, 'truth.jsonl'), 'w') : undefined;
  let bytes = 0;
  let files = 0;
  for (const f of generateFiles(opts)) {
    const text = fileText(f);
    fs.writeFileSync(path.join(dir, f.name), text);
    bytes += Buffer.byteLength(text);
    files++;
    if (truth !== undefined) {
      let line = FILE_HEADER.split('\n').length;
      let out = '';
      for (const i of f.incidents) {
        out += JSON.stringify({ file: f.name, line, id: i.id, scenario: i.scenario, expect: i.expect }) + '\n';
        line += i.text.split('\n').length - 1;
      }
      fs.writeSync(truth, out);
    }
  }
  if (truth !== undefined) fs.closeSync(truth);
  const manifest: Manifest = { generator: GENERATOR_VERSION, seed: opts.seed, incidents: opts.incidents, files, bytes };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Reuses logs already in `dir` when they were made by this generator with the same seed and size. */
export function ensureLogs(dir: string, opts: GenerateOptions & { truth?: boolean }): { manifest: Manifest; reused: boolean } {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const truthOk = !opts.truth || fs.existsSync(path.join(dir, 'truth.jsonl'));
    if (m.generator === GENERATOR_VERSION && m.seed === opts.seed && m.incidents === opts.incidents && truthOk) return { manifest: m, reused: true };
  } catch {
    // not there yet
  }
  return { manifest: writeLogs(dir, opts), reused: false };
}

// `node out/bench/generate.js <dir> <incidents> [seed]` writes a set by hand.
if (require.main === module) {
  const [dir, n, seed] = process.argv.slice(2);
  if (!dir || !n) {
    process.stderr.write('usage: node out/bench/generate.js <dir> <incidents> [seed]\n');
    process.exit(2);
  }
  const m = writeLogs(dir, { seed: Number(seed ?? 1), incidents: Number(n), truth: true });
  process.stdout.write(`${m.incidents} incidents in ${m.files} files, ${(m.bytes / 1e6).toFixed(1)} MB, in ${dir}\n`);
}
