/**
 * The phrase language: what it matches, what it rejects, and that no phrase,
 * whoever writes it, can make matching slower than linear in the text
 * (catastrophic backtracking cannot happen: there are no regular expressions).
 */
import * as assert from 'node:assert/strict';
import { compilePhrase, PhraseError, PhraseIndex } from '../../server/src/analysis/phrases';
import { tokenize } from '../../server/src/analysis/tokens';
import { checkPhrase, parseConfigText } from '../../server/src/core';

const classes = new Map([
  ['obj', new Set(['her', 'him', '<victim>'])],
  ['verb', new Set(['punch*', 'hit'])],
]);

function matches(phrase: string, text: string): string[] {
  const index = new PhraseIndex<string>(classes);
  index.add(compilePhrase(phrase, classes), phrase);
  const tokens = tokenize(text);
  return index.findAll(tokens).map((m) => tokens.slice(m.start, m.end).map((t) => t.text).join(' '));
}

describe('phrase language', () => {
  it('matches words in any case, prefixes, alternatives and classes', () => {
    assert.deepEqual(matches('punch* <obj>', 'He PUNCHED her twice'), ['punched her']);
    assert.deepEqual(matches('<verb> <obj>', 'he hit V2 and then punched him'), ['hit v2', 'punched him']);
    assert.deepEqual(matches('kicked|booted the door in', 'he booted the door in'), ['booted the door in']);
  });

  it('makes optional slots optional and bounds gaps', () => {
    assert.deepEqual(matches('threatened [to] kill', 'threatened kill'), ['threatened kill']);
    assert.deepEqual(matches('said ... kill', 'said that he would kill'), ['said that he would kill']);
    assert.deepEqual(matches('said ... kill', 'said that he really truly would kill'), []);
    assert.deepEqual(matches('said ...5 kill', 'said that he really truly would kill'), ['said that he really truly would kill']);
  });

  it('never lets a gap cross the end of a sentence', () => {
    assert.deepEqual(matches('sex ...6 said no', 'They had sex. Later she said no to dinner.'), []);
  });

  it('splits hyphenated words in text and phrase alike', () => {
    assert.deepEqual(matches('ex-partner', 'her ex-partner S1'), ['ex partner']);
    assert.deepEqual(matches('ex partner', 'her ex-partner S1'), ['ex partner']);
  });

  it('rejects regular expressions and other mistakes with a message a registrar can act on', () => {
    for (const bad of ['(a+)+$', '^(a|a)*$', 'a{1,99}', 'x\\d+', '... word', 'word ...', 'word ...9', '[opt] word', 'w* ... x ... y ... z', '<nosuch> x', 'a||b']) {
      assert.throws(() => compilePhrase(bad, classes), PhraseError, bad);
      assert.ok(checkPhrase(bad), `checkPhrase accepted ${bad}`);
    }
    assert.match(checkPhrase('(a+)+$') ?? '', /regular expression/);
    // A word twice in one slot is a multi-word alternative written by mistake ("modern slavery|slavery" meant two wordings).
    assert.match(checkPhrase('modern slavery|slave|slavery') ?? '', /lists 'slavery' twice: each alternative is one word/);
  });

  it('matches in time linear in the text, even for the worst phrases it accepts', () => {
    // The worst accepted shapes: two maximal gaps and optional slots between common words.
    const worst = ['a ...6 a ...6 a', 'a [a] [a] [a] [a] ...6 a', 'aa* ...6 aa* ...6 b'];
    const index = new PhraseIndex<string>(classes);
    for (const p of worst) index.add(compilePhrase(p, classes), p);
    const time = (n: number) => {
      const tokens = tokenize('a aa '.repeat(n / 2));
      const t0 = process.hrtime.bigint();
      index.findAll(tokens);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    time(2000); // warm up
    const small = Math.max(time(2000), 0.5);
    const large = time(20000);
    // Ten times the text: linear would be ~10x; allow generous noise, but nothing like the 100x of quadratic or worse.
    assert.ok(large < small * 40, `2,000 words: ${small.toFixed(1)} ms; 20,000 words: ${large.toFixed(1)} ms`);
  });

  it('keeps a force\u2019s unsafe trigger phrase out of the checker, with a clear message', () => {
    const { config, problems } = parseConfigText(JSON.stringify({ triggers: [{ phrase: '(x+x+)+y', family: 'assault' }, { phrase: 'battered <obj>', family: 'assault' }] }), 'cfg');
    assert.equal(config.triggers.length, 1);
    assert.match(problems[0].message, /regular expression/);
  });
});
