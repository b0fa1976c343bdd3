/**
 * The text the client's own commands insert: a new incident from a template,
 * and a suppression directive whose reason the registrar types in place.
 * Both are VS Code snippets (tab stops, placeholders), built here without
 * `vscode` so they are unit-tested in plain Node (test/client/).
 */
import { formatNow } from '../../server/src/core';
import type { InsertSuppressionArgs } from '../../server/src/lsp/protocol';

/** Escapes text for a snippet body, where `$`, `}` and `\` are syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes one option of a `${1|a,b|}` choice, where `,` and `|` are syntax too. */
function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** The date style of a log: that of its first `Received:` line, else UK (FORMAT.md: fixes follow Received). */
export function dateStyleOf(text: string): 'uk' | 'iso' {
  const m = /^received[ \t]*:[ \t]*(\S+)/im.exec(text);
  return m && /^\d{4}-/.test(m[1]) ? 'iso' : 'uk';
}

/** The placeholder words of the incident template, in the user's language. */
export interface TemplateWords {
  id: string;
  opening: string;
  victim: string;
  suspect: string;
  author: string;
  text: string;
}

/** The `Reporter:` values FORMAT.md lists; format keywords, so never translated. */
const REPORTERS = ['victim', 'witness', 'third party', 'professional third party (agency)', 'police', 'anonymous'];

/**
 * A new incident: the id, `Received:` now (UK time, in the log's date style),
 * the header fields and a first log entry at the same time. Tab stops walk
 * through the parts a registrar fills in; the entry's text is the last.
 */
export function incidentSnippet(words: TemplateWords, style: 'uk' | 'iso', now: number = Date.now()): string {
  const received = formatNow(style, now);
  const time = received.slice(received.lastIndexOf(' ') + 1);
  const p = (n: number, word: string) => `\${${n}:${escapeSnippet(word)}}`;
  return [
    `Incident ${p(1, words.id)}`,
    `Received: ${p(2, received)}`,
    `Opening: ${p(3, words.opening)}`,
    `Reporter: \${4|${REPORTERS.map(escapeChoice).join(',')}|}`,
    `Victim: V1 ${p(5, words.victim)}`,
    `Suspect: S1 ${p(6, words.suspect)}`,
    '',
    `${p(7, time)} ${p(8, words.author)}: ${p(0, words.text)}`,
    '',
  ].join('\n');
}

/**
 * Where a new incident goes: at the start of the cursor's line when it is
 * blank, else at the end of the log after a blank line, so it never splits a
 * line of an incident. Returns the position and the line breaks to put first.
 */
export function placeForIncident(
  doc: { lineCount: number; lineText(line: number): string },
  cursorLine: number,
): { line: number; character: number; prefix: string } {
  if (cursorLine < doc.lineCount && doc.lineText(cursorLine).trim() === '') return { line: cursorLine, character: 0, prefix: '' };
  const last = doc.lineCount - 1;
  const lastText = doc.lineText(last);
  if (lastText.trim() !== '') return { line: last, character: lastText.length, prefix: '\n\n' };
  const aboveIsBlank = last === 0 || doc.lineText(last - 1).trim() === '';
  return { line: last, character: 0, prefix: aboveIsBlank ? '' : '\n' };
}

/**
 * The arguments of `countingRules.insertSuppression` as the server sends them,
 * or undefined when they are not (the command is also reachable from
 * keybindings, command links and other extensions, so nothing is taken on
 * trust).
 */
export function readSuppressionArgs(value: unknown): InsertSuppressionArgs | undefined {
  const a = value as Partial<InsertSuppressionArgs> | undefined;
  if (!a || typeof a !== 'object') return undefined;
  if (typeof a.uri !== 'string' || typeof a.text !== 'string' || typeof a.line !== 'number') return undefined;
  if (!Number.isInteger(a.line) || a.line < 0 || !a.text.trimStart().startsWith('#') || /[\r\n]/.test(a.text)) return undefined;
  return { uri: a.uri, line: a.line, text: a.text };
}

/**
 * The directive as a snippet: the server's text up to and including `--`,
 * then the reason as a selected placeholder (the server's, if it gave one,
 * else `placeholder`), so the registrar types the reason straight away.
 */
export function suppressionSnippet(text: string, placeholder: string): string {
  const sep = text.indexOf('--');
  const head = sep < 0 ? `${text.trimEnd()} --` : text.slice(0, sep + 2);
  const given = sep < 0 ? '' : text.slice(sep + 2).trim();
  return `${escapeSnippet(head)} \${1:${escapeSnippet(given || placeholder)}}`;
}
