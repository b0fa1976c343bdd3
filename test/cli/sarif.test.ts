/**
 * `--format sarif`: valid SARIF 2.1.0 (checked against the official schema),
 * every rule listed with its help text, and the same findings as JSON.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { ROOT, runCli, tempDir, type JsonOutput } from './helpers';

const SCHEMA = path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const RULES = (JSON.parse(fs.readFileSync(path.join(ROOT, 'rules-data', 'rules.json'), 'utf8')) as { rules: { id: string; title: string; summary: string; basis: string; severity: string }[] }).rules;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
      relatedLocations?: unknown[];
      properties: { incident: string | null; codes: string[] };
    }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

function validator() {
  // The schema is draft-04 and names three string formats; these checks are what the SARIF spec means by them.
  // unicodeRegExp off: one of the schema's own patterns is not valid with the u flag.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
}

describe('cli: check --format sarif', function () {
  this.timeout(60_000);
  let sarif: SarifLog;
  let json: JsonOutput;
  let status: number | null;

  before(() => {
    const r = runCli(['check', 'examples', '--format', 'sarif']);
    status = r.status;
    sarif = JSON.parse(r.stdout) as SarifLog;
    json = JSON.parse(runCli(['check', 'examples', '--format', 'json']).stdout) as JsonOutput;
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const ok = validate(sarif);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(status, 1, 'same exit code as the other formats');
  });

  it('the validator does reject what is not SARIF', () => {
    const validate = validator();
    const broken = JSON.parse(JSON.stringify(sarif)) as SarifLog;
    (broken.runs[0].results[0] as { level: string }).level = 'fatal';
    assert.equal(validate(broken), false);
    assert.equal(validate({ version: '2.1.0' }), false);
  });

  it('lists every rule of the catalogue with its help text and default level', () => {
    const rules = sarif.runs[0].tool.driver.rules;
    assert.equal(sarif.runs[0].tool.driver.name, 'counting-rules');
    assert.deepEqual(
      rules.map((r) => r.id),
      RULES.map((r) => r.id),
    );
    for (const r of rules) {
      const src = RULES.find((x) => x.id === r.id)!;
      assert.equal(r.shortDescription.text, src.title);
      assert.equal(r.fullDescription.text, src.summary);
      assert.ok(r.help.text.includes(src.basis), `${r.id} help gives the basis`);
      assert.ok(r.help.markdown.includes(src.title));
      assert.equal(r.defaultConfiguration.level, src.severity === 'error' ? 'error' : src.severity === 'warning' ? 'warning' : 'note');
    }
  });

  it('has the same findings as --format json, at the same places, relative to %SRCROOT%', () => {
    const results = sarif.runs[0].results;
    assert.equal(results.length, json.findings.length);
    const rules = sarif.runs[0].tool.driver.rules;
    results.forEach((r, i) => {
      const f = json.findings[i];
      const loc = r.locations[0].physicalLocation;
      assert.equal(r.ruleId, f.rule);
      assert.equal(rules[r.ruleIndex].id, f.rule);
      assert.equal(r.message.text, f.message);
      assert.equal(loc.artifactLocation.uri, f.file);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
      assert.equal(r.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
      assert.deepEqual(r.properties.codes, f.codes);
      assert.equal(r.properties.incident, f.incident);
      assert.equal(r.relatedLocations?.length ?? 0, f.related.length);
    });
    assert.ok(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });

  it('reports inputs it could not check as notifications, still valid', () => {
    const tmp = tempDir();
    try {
      fs.writeFileSync(path.join(tmp.dir, 'bad.ilog'), Buffer.from([0x49, 0x6e, 0xff, 0x0a]));
      fs.writeFileSync(path.join(tmp.dir, 'with space.ilog'), fs.readFileSync(path.join(ROOT, 'examples', 'domestic-abuse.ilog')));
      const r = runCli(['check', '.', '--format', 'sarif'], { cwd: tmp.dir });
      assert.equal(r.status, 2);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.ok(validator()(log));
      assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
      assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /bad\.ilog: not valid UTF-8/);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'with%20space.ilog');
    } finally {
      tmp.cleanup();
    }
  });
});
