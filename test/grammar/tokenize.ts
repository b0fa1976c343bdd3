/**
 * Tokenises text with the extension's TextMate grammar the way VS Code does:
 * vscode-textmate over the Oniguruma WebAssembly build that VS Code ships.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '../../..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'ilog.tmLanguage.json');

export interface Token {
  text: string;
  start: number;
  /** Scopes below the root `source.ilog`, outermost first. */
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

function load(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.ilog' ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
    });
    const g = await registry.loadGrammar('source.ilog');
    if (!g) throw new Error('source.ilog did not load');
    return g;
  })();
  return grammar;
}

/** Tokens per line, carrying the rule stack across lines as an editor does. */
export async function tokenize(text: string): Promise<Token[][]> {
  const g = await load();
  let stack = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes.slice(1) }));
  });
}
