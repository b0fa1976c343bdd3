/**
 * The rule pages (docs/rules/<rule-id>.md) teach with examples; every
 * ```ilog example in them carries its own `# expect:` lines, and this test
 * runs each through the checker, so a page cannot drift from the rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker, RULE_IDS } from '../../server/src/core';
import { compare, ROOT } from '../support/expectations';

const DOCS = path.join(ROOT, 'docs', 'rules');

function examples(markdown: string): string[] {
  return [...markdown.matchAll(/```ilog\r?\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('rule documentation', () => {
  for (const id of RULE_IDS) {
    describe(id, () => {
      const file = path.join(DOCS, `${id}.md`);
      it('has a page with the sections a registrar needs', () => {
        assert.ok(fs.existsSync(file), `docs/rules/${id}.md is missing`);
        const md = fs.readFileSync(file, 'utf8');
        assert.match(md, new RegExp(`^# ${id}\\b`, 'm'), 'the page starts with the rule id as its title');
        for (const heading of ['Why', 'Examples', 'Fix']) assert.match(md, new RegExp(`^## ${heading}`, 'm'), `no "## ${heading}" section`);
      });
      it('its examples report exactly what they say', function () {
        if (!fs.existsSync(file)) this.skip();
        const blocks = examples(fs.readFileSync(file, 'utf8'));
        assert.ok(blocks.length >= 2 || ['edition-not-covered', 'duplicate-incident'].includes(id), 'give an example that fires and one that does not');
        for (const text of blocks) {
          const report = new Checker().check(text);
          const m = compare(text, report, ['error', 'warning', 'information', 'hint']);
          assert.deepEqual(m.map((x) => `${x.incident}: ${x.problem}`), [], text);
        }
      });
    });
  }
});
