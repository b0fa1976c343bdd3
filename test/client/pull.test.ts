/** countingRules.run carried out by the diagnostic pull filter (client/src/pull.ts). */
import * as assert from 'node:assert/strict';
import { skipPull } from '../../client/src/pull';

describe('client: countingRules.run', () => {
  it('onType (the default) pulls as the log changes and not again on save', () => {
    for (const run of ['onType', undefined, 'nonsense', 3]) {
      assert.equal(skipPull(run, 'onType'), false, String(run));
      assert.equal(skipPull(run, 'onSave'), true, String(run));
    }
  });

  it('onSave pulls on save only', () => {
    assert.equal(skipPull('onSave', 'onType'), true);
    assert.equal(skipPull('onSave', 'onSave'), false);
  });

  it('never blocks a pull it does not know (open and refresh are not filtered, focus is not enabled)', () => {
    assert.equal(skipPull('onSave', 'onFocus'), false);
    assert.equal(skipPull('onType', 'onFocus'), false);
  });
});
