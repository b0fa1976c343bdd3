/**
 * Rule fixtures (test/fixtures/rules/*.ilog): each incident carries the
 * findings it must produce as `# expect:` lines, including incidents that
 * must produce none. Every severity is compared here, information included.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkFile, compare, formatMismatches, ilogFiles, ROOT } from '../support/expectations';

describe('rule fixtures', () => {
  const files = ilogFiles(path.join(ROOT, 'test', 'fixtures', 'rules'));
  it('exist', () => assert.ok(files.length >= 10));
  for (const file of files) {
    it(path.basename(file, '.ilog'), () => {
      const { text, report } = checkFile(file);
      assert.deepEqual(report.internalErrors, []);
      const m = compare(text, report, ['error', 'warning', 'information', 'hint']);
      assert.equal(m.length, 0, '\n' + formatMismatches(file, m));
    });
  }
});
