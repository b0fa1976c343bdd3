/**
 * rules-data is data a force's registrar reads and extends: every file has a
 * JSON schema and must satisfy it; the catalogue names exactly the rules of
 * RULES.md; every phrase compiles; the lexicon's own examples behave as they
 * say; provenance is there for every code, trigger and rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { analyseIncident } from '../../server/src/analysis/analyse';
import { DEFAULT_CONFIG, getLexicon, OFFENCE_CODES, parseIncidentText, RULE_IDS } from '../../server/src/core';
import { ROOT } from '../support/expectations';

const DATA = path.join(ROOT, 'rules-data');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DATA, f), 'utf8'));

/** The rule ids RULES.md (version 1) names. The checker may add rules; it never renames one. */
const RULES_MD_IDS = [
  'unrecorded-offence', 'missing-n100', 'n100-should-be-crime', 'rape-misclassified', 'late-recording', 'invalid-no-crime-reason',
  'cancellation-without-avi', 'cancellation-misuse', 'cancellation-authority', 'victim-not-informed', 'course-of-conduct',
  'one-crime-per-victim', 'domestic-abuse-flag', 'modern-slavery-referral', 'unknown-code', 'title-mismatch', 'equality-data',
  'missing-received', 'invalid-date', 'missing-recorded-time', 'unknown-field', 'duplicate-field', 'duplicate-incident', 'syntax',
  'unexplained-disable',
];

describe('rules-data', () => {
  const files = fs.readdirSync(DATA).filter((f) => f.endsWith('.json'));

  it('has a schema for every data file', () => {
    for (const f of files) {
      const data = read(f);
      assert.ok(data.$schema, `${f} names no $schema`);
      assert.ok(fs.existsSync(path.join(DATA, data.$schema)), `${f}: schema ${data.$schema} is missing`);
    }
  });

  for (const f of fs.readdirSync(DATA).filter((x) => x.endsWith('.json'))) {
    it(`${f} is valid against its schema`, () => {
      const data = read(f);
      const schema = JSON.parse(fs.readFileSync(path.join(DATA, data.$schema), 'utf8'));
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const ok = validate(data);
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    });
  }

  it('the schemas reject what they should (they are not empty)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(DATA, 'schemas', 'offence-codes.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate({ version: 1, codes: [{ code: '8N', title: 'x' }] }), false);
  });

  it('the catalogue names every rule RULES.md names, with its default severity', () => {
    const rules = read('rules.json').rules as { id: string; severity: string }[];
    for (const id of RULES_MD_IDS) assert.ok(RULE_IDS.includes(id), `missing rule ${id}`);
    const sev = Object.fromEntries(rules.map((r) => [r.id, r.severity]));
    assert.equal(sev['missing-n100'], 'error');
    assert.equal(sev['cancellation-without-avi'], 'error');
    assert.equal(sev['unknown-code'], 'error');
    assert.equal(sev['title-mismatch'], 'information');
    assert.equal(sev['equality-data'], 'information');
    assert.equal(sev['unrecorded-offence'], 'warning');
    assert.equal(sev['unexplained-disable'], 'warning');
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'duplicate rule id');
  });

  it('has a documentation page for every rule', () => {
    for (const id of RULE_IDS) assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
  });

  it('the configuration schema lists exactly the rules, editions and families in rules-data', () => {
    const schema = read('schemas/counting-rules-config.schema.json');
    assert.deepEqual([...schema.properties.rules.propertyNames.enum].sort(), [...RULE_IDS].sort());
    assert.deepEqual(schema.properties.edition.enum.slice(1), read('editions.json').editions.map((e: { id: string }) => e.id));
    assert.deepEqual(schema.properties.triggers.items.properties.family.enum, read('lexicon.json').families.map((f: { id: string }) => f.id));
  });

  it('every offence code has provenance, and the unverified ones are marked', () => {
    for (const c of OFFENCE_CODES) {
      assert.ok(c.source.length > 10, `${c.code} has no source`);
      assert.ok(c.editions.length > 0, `${c.code} has no editions`);
    }
    const unverified = OFFENCE_CODES.filter((c) => !c.verified).map((c) => c.code);
    assert.ok(unverified.includes('8U'), '8U (controlling or coercive behaviour) is not verified and must say so');
    assert.equal(OFFENCE_CODES.find((c) => c.code === '8R')?.title, 'Malicious communications');
  });

  it('every family in the lexicon has codes that exist in offence-codes.json', () => {
    const known = new Set(OFFENCE_CODES.map((c) => c.code));
    const lex = read('lexicon.json');
    for (const f of lex.families) {
      const codes = JSON.stringify(f.codes).match(/"([0-9]+[A-Z]?(?:[./][0-9]+)?)"/g) ?? [];
      for (const q of codes) assert.ok(known.has(q.slice(1, -1)), `${f.id} names unknown code ${q}`);
      for (const t of f.triggers) for (const c of t.codes ?? []) assert.ok(known.has(c), `${t.id} names unknown code ${c}`);
    }
  });

  it('every phrase in rules-data compiles', () => {
    const { problems } = getLexicon();
    assert.deepEqual(problems, []);
  });
});

describe('the lexicon\u2019s own examples', () => {
  const { lexicon } = getLexicon();
  const disclosed = (sentence: string, age = 30): string[] => {
    // A victim of unknown sex, so that any pronoun in the example can name her or him.
    const text = `Incident X\nReceived: 01/06/2021 10:00\nVictim: V1 aged ${age}\nSuspect: S1 aged 30\n10:00 CH1: ${sentence}\n`;
    const inc = parseIncidentText(text, 0, true);
    return analyseIncident(inc, lexicon, DEFAULT_CONFIG).disclosures.map((d) => d.family);
  };
  for (const f of lexicon.families.values()) {
    // A family whose every trigger is for young victims only ("sexual activity with a child") is shown with a victim of that age.
    const ages = f.triggers.map((t) => t.victimMaxAge);
    const age = ages.length && ages.every((a) => a !== undefined) ? Math.min(...(ages as number[])) : 30;
    for (const s of f.examples?.discloses ?? []) {
      it(`${f.id}: "${s}" discloses it`, () => assert.ok(disclosed(s, age).includes(f.id), `found ${disclosed(s, age).join(', ') || 'nothing'}`));
    }
    for (const s of f.examples?.doesNotDisclose ?? []) {
      it(`${f.id}: "${s}" does not`, () => assert.ok(!disclosed(s, age).includes(f.id), `found ${disclosed(s, age).join(', ')}`));
    }
  }
});
