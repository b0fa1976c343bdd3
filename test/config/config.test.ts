/**
 * `.counting-rules.json`: found upward from the log, comments allowed,
 * validated against its schema, bad parts reported and dropped, the rest
 * used; untrusted workspaces do not load the force's trigger phrases.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker, findConfigFile, loadConfigFor, parseConfigText } from '../../server/src/core';

describe('configuration file', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crg-config-'));
    fs.mkdirSync(path.join(dir, 'force', 'logs', '2019'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'force', '.counting-rules.json'),
      `{
        // Our force records within 12 hours.
        "timelinessHours": 12,
        "rules": { "equality-data": "off", "late-recording": "error" },
        "openingCodes": { "dv": { "domestic": true } },
        "triggers": [ { "phrase": "gave her a clip round the ear", "family": "assault", "note": "local usage" } ],
      }`,
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is found upward from the log, not above the workspace folder', () => {
    const log = path.join(dir, 'force', 'logs', '2019', 'a.ilog');
    assert.equal(findConfigFile(path.dirname(log)), path.join(dir, 'force', '.counting-rules.json'));
    assert.equal(findConfigFile(path.dirname(log), path.join(dir, 'force', 'logs')), undefined);
  });

  it('reads comments and trailing commas, and lays settings over the defaults', () => {
    const { config, problems } = loadConfigFor(path.join(dir, 'force', 'logs', '2019', 'a.ilog'));
    assert.deepEqual(problems, []);
    assert.equal(config.timelinessHours, 12);
    assert.equal(config.rules['equality-data'], 'off');
    assert.ok(config.openingCodes.DV.domestic, 'opening codes are matched in upper case');
    assert.ok(config.openingCodes.DOMESTIC.domestic, 'defaults are kept');
    assert.deepEqual(config.cancellationAuthority.rape, ['FCR']);
  });

  it('changes what the checker reports', () => {
    const { config } = loadConfigFor(path.join(dir, 'force', 'logs', '2019', 'a.ilog'));
    const text = 'Incident C-1\nReceived: 01/05/2019 10:00\nOpening: DV\nVictim: V1 30\nSuspect: S1 male, 30\n10:00 CH1: V1 says S1 gave her a clip round the ear.\nCrime: 105A | victim V1 | recorded 01/05/2019 23:00\n';
    const rules = (c?: object) => new Checker(c).check(text).findings.map((f) => `${f.rule}:${f.severity}`).sort();
    assert.deepEqual(rules(config), ['domestic-abuse-flag:warning', 'late-recording:error']);
    assert.deepEqual(rules(), ['equality-data:information']);
  });

  it('reports what is wrong and keeps what is right', () => {
    const { config, problems } = parseConfigText('{"timelinessHours": "soon", "rules": {"late-recordin": "off", "syntax": "loud"}, "colour": 1}', 'x');
    assert.equal(config.timelinessHours, 24);
    assert.deepEqual(config.rules, {});
    const messages = problems.map((p) => p.message).join('\n');
    assert.match(messages, /timelinessHours/);
    assert.match(messages, /late-recordin/);
    assert.match(messages, /unknown setting 'colour'/);
  });

  it('falls back to the defaults, with a message, on JSON it cannot read', () => {
    const { config, problems } = parseConfigText('{ "rules": ', 'x');
    assert.equal(config.timelinessHours, 24);
    assert.match(problems[0].message, /not valid JSON/);
  });

  it('does not load trigger phrases in an untrusted workspace', () => {
    const { config, ignored } = loadConfigFor(path.join(dir, 'force', 'logs', '2019', 'a.ilog'), { trusted: false });
    assert.deepEqual(config.triggers, []);
    assert.deepEqual(ignored, ['triggers']);
    assert.equal(config.timelinessHours, 12);
  });
});
