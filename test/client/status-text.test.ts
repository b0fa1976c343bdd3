/** The language status item's wording (client/src/status-text.ts). */
import * as assert from 'node:assert/strict';
import { describeStatus, type Translate } from '../../client/src/status-text';

/** Fills {0}-style arguments, as vscode.l10n.t does with the English text. */
const t: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));

const status = (edition: string, findings: Partial<Record<'error' | 'warning' | 'information' | 'hint', number>>, checkMs = 12.4) => ({
  uri: 'file:///a.ilog',
  edition,
  checkMs,
  findings: { error: 0, warning: 0, information: 0, hint: 0, ...findings },
});

describe('client: language status', () => {
  it('shows the edition, the findings by severity and the check time', () => {
    const v = describeStatus(status('2018-04', { error: 2, warning: 1, hint: 5 }), 'running', t);
    assert.equal(v.text, '$(law) 2018-04  $(error) 2 $(warning) 1');
    assert.equal(v.detail, 'Counting rules from April 2018 · Checked in 12 ms');
    assert.equal(v.severity, 'information');
    assert.equal(v.busy, false);
  });

  it('names every edition a file was checked against', () => {
    const v = describeStatus(status('2015-04,2023-05', { information: 1 }, 3.25), 'running', t);
    assert.equal(v.text, '$(law) 2015-04, 2023-05  $(info) 1');
    assert.equal(v.detail, 'Counting rules from April 2015; Counting rules from mid-May 2023 · Checked in 3.3 ms');
  });

  it('says when a log has no findings, and when nothing was checked', () => {
    assert.equal(describeStatus(status('2020-04', {}), 'running', t).text, '$(law) 2020-04  $(check) No findings');
    const none = describeStatus(status('', {}, 0.4), 'running', t);
    assert.equal(none.text, 'No incidents checked');
    assert.equal(none.detail, 'Checked in 0.4 ms');
  });

  it('is busy until the first result, and says when the server has stopped', () => {
    assert.equal(describeStatus(undefined, 'starting', t).busy, true);
    assert.equal(describeStatus(undefined, 'running', t).busy, true);
    const stopped = describeStatus(status('2018-04', { error: 1 }), 'stopped', t);
    assert.equal(stopped.severity, 'error');
    assert.match(stopped.text, /Server stopped/);
  });

  it('passes every word through the translator', () => {
    const marked: Translate = (m, ...a) => `«${t(m, ...a)}»`;
    const views = [
      describeStatus(status('2018-04', {}), 'running', marked),
      describeStatus(status('', {}), 'running', marked),
      describeStatus(undefined, 'running', marked),
      describeStatus(undefined, 'stopped', marked),
    ];
    for (const v of views) {
      // Outside the translated parts only codicons, edition ids, counts and punctuation remain.
      const rest = `${v.text} ${v.detail}`.replace(/«[^»]*»/g, '').replace(/\$\([a-z-]+\)/g, '').replace(/Counting rules from [A-Za-z -]+\d{4}/g, '');
      assert.match(rest, /^[\d\s,.;·-]*$/, rest);
    }
  });
});
