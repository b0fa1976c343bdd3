/**
 * The example logs and the inspection cases report exactly the findings
 * their `# expect:` lines name, no more, no fewer (errors and warnings).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFile, compare, formatMismatches, ilogFiles, ROOT } from '../support/expectations';

const sets: [string, string][] = [
  ['bundled examples', path.join(ROOT, 'examples')],
  ['inspection cases', path.join(ROOT, 'test', 'cases', 'inspections')],
  ['held-out inspection cases', path.join(ROOT, 'test', 'cases', 'heldout')],
];

for (const [name, dir] of sets) {
  describe(`${name} (${path.relative(ROOT, dir)})`, () => {
    const files = ilogFiles(dir);
    it('has example logs', () => assert.ok(files.length > 0, `no .ilog files in ${dir}`));
    for (const file of files) {
      it(`${path.basename(file)} reports exactly what its # expect: lines say`, () => {
        const { text, report } = checkFile(file);
        assert.deepEqual(report.internalErrors, []);
        const m = compare(text, report);
        assert.equal(m.length, 0, '\n' + formatMismatches(file, m));
      });
    }
  });
}

describe('bundled examples match the shared originals', () => {
  const shared = path.resolve(ROOT, '..', 'shared', 'examples');
  it('examples/ is a faithful copy of ../shared/examples (when it is present)', function () {
    if (!fs.existsSync(shared)) this.skip();
    for (const f of fs.readdirSync(shared)) {
      assert.equal(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'), fs.readFileSync(path.join(shared, f), 'utf8'), `examples/${f} differs from ../shared/examples/${f}`);
    }
  });
});
