/**
 * Completion, decided by the line as typed so far (a line being typed is
 * rarely parseable yet):
 *
 * - at the start of a line: field and decision keywords, `Incident`;
 * - after `Crime: `: Home Office codes with their titles (legacy codes last,
 *   unverified ones marked);
 * - after `|`: the attribute keys the decision takes, less those given;
 * - attribute values: victim labels, flags, roles after `by`, yes/no after
 *   `informed`, the current time after `recorded`/`at`;
 * - `Reporter:` values, `Opening:` codes from the configuration;
 * - `Cancelled:` crime references of the incident, then C-classes;
 * - in `# counting-rules-...` directives: directive names, then rule ids.
 *
 * Long documentation is left to `completionItem/resolve`.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DECISION_KEYS,
  formatNow,
  KEYWORDS,
  lookupCode,
  OFFENCE_CODES,
  RULES,
  ruleInfo,
  type CountingRulesConfig,
  type FileReport,
  type Incident,
  type Lexicon,
} from '../core';
import {
  attributeMarkdown,
  cancellationMarkdown,
  codeMarkdown,
  FLAGS,
  flagMarkdown,
  keywordMarkdown,
  REPORTERS,
  ruleMarkdown,
} from './explain';
import { incidentAt } from './locate';

export const TRIGGER_CHARACTERS = [' ', '|', ',', '#'];

/** What `completionItem/resolve` needs to add documentation. */
type ResolveData = { kind: 'code' | 'flag' | 'class' | 'rule' | 'keyword' | 'attribute'; id: string };

export interface CompletionContext {
  doc: TextDocument;
  position: Position;
  report?: FileReport;
  lexicon: Lexicon;
  config: CountingRulesConfig;
}

const KEYWORD_LINE = /^([A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z][A-Za-z0-9-]*)?)[ \t]*:(.*)$/;

export function complete(ctx: CompletionContext): CompletionItem[] {
  const { doc, position } = ctx;
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const before = line.slice(0, position.character);
  const after = line.slice(position.character);

  const dir = /^(\s*#\s*)(\S*)$/.exec(before);
  if (dir) return directiveNames(position, dir[1].length);
  if (/^\s*#\s*counting-rules-disable(?:-next-line)?\s/i.test(before) && !before.includes('--')) return ruleIds(position, before, line);

  const km = KEYWORD_LINE.exec(before);
  if (!km) {
    // Still typing the first word(s) of a line that has no colon yet.
    if (/^([A-Za-z][A-Za-z0-9]*( [A-Za-z]*)?)?$/.test(before) && !after.includes(':')) return keywords(position);
    return [];
  }
  const keyword = km[1].toLowerCase().replace(/[ \t]+/g, ' ');
  const valueStart = before.length - km[2].length;
  const incident = ctx.report ? incidentAt(ctx.report, position.line)?.incident : undefined;
  switch (keyword) {
    case 'reporter':
      return reporters(position, wordStart(before, valueStart, /\S[^|]*$/));
    case 'opening':
      return openingCodes(position, wordStart(before, valueStart, /\S[^|]*$/), ctx.config);
    case 'crime':
    case 'n100':
    case 'cancelled':
      return decision(keyword, ctx, incident, before, after, valueStart);
    default:
      return [];
  }
}

/** Where the word being typed starts: the match of `re` at the end of `before`, not before `from`. */
function wordStart(before: string, from: number, re: RegExp): number {
  const m = re.exec(before.slice(from));
  return m ? from + m.index : before.length;
}

function rangeFrom(position: Position, start: number, end = position.character): Range {
  return { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
}

function keywords(position: Position): CompletionItem[] {
  const range = rangeFrom(position, 0);
  return ['Incident', ...KEYWORDS].map((k, i) => ({
    label: k,
    kind: CompletionItemKind.Keyword,
    detail: k === 'Incident' ? 'starts an incident' : ['Crime', 'N100', 'Cancelled', 'No crime'].includes(k) ? 'decision' : 'field',
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: k === 'Incident' ? 'Incident ' : `${k}: ` },
    data: { kind: 'keyword', id: k } satisfies ResolveData,
  }));
}

function directiveNames(position: Position, start: number): CompletionItem[] {
  const range = rangeFrom(position, start);
  return [
    { name: 'counting-rules-disable-next-line', about: 'Turn rules off for the next line (and its continuation lines). Give the reason after --.' },
    { name: 'counting-rules-disable', about: 'Turn rules off for the rest of the incident (before the first incident: the whole file). Give the reason after --.' },
  ].map((d) => ({ label: d.name, kind: CompletionItemKind.Keyword, documentation: d.about, textEdit: { range, newText: `${d.name} ` } }));
}

function ruleIds(position: Position, before: string, line: string): CompletionItem[] {
  const start = wordStart(before, 0, /[A-Za-z-]*$/);
  const listed = new Set((line.split('--')[0].match(/[a-z][a-z-]+/gi) ?? []).map((w) => w.toLowerCase()));
  const range = rangeFrom(position, start);
  return RULES.filter((r) => !listed.has(r.id) || before.slice(start).toLowerCase() === r.id).map((r) => ({
    label: r.id,
    kind: CompletionItemKind.Constant,
    detail: r.title,
    textEdit: { range, newText: r.id },
    data: { kind: 'rule', id: r.id } satisfies ResolveData,
  }));
}

function reporters(position: Position, start: number): CompletionItem[] {
  const range = rangeFrom(position, start);
  return REPORTERS.map((r, i) => ({
    label: r.value,
    kind: CompletionItemKind.Value,
    documentation: r.about,
    sortText: String(i),
    textEdit: { range, newText: r.value === 'professional third party' ? 'professional third party ()' : r.value },
  }));
}

function openingCodes(position: Position, start: number, config: CountingRulesConfig): CompletionItem[] {
  const range = rangeFrom(position, start);
  return Object.entries(config.openingCodes).map(([code, c]) => ({
    label: code,
    kind: CompletionItemKind.Value,
    detail: c.description ?? (c.domestic ? 'domestic' : undefined),
    textEdit: { range, newText: code },
  }));
}

/** Completion inside a `Crime:`, `N100:` or `Cancelled:` line. */
function decision(
  kind: 'crime' | 'n100' | 'cancelled',
  ctx: CompletionContext,
  incident: Incident | undefined,
  before: string,
  after: string,
  valueStart: number,
): CompletionItem[] {
  const { position } = ctx;
  const lastPipe = before.lastIndexOf('|');
  if (lastPipe < 0 && kind !== 'n100') {
    const head = before.slice(valueStart);
    return kind === 'crime' ? crimeCodes(position, before, after, head) : cancelledHead(position, incident, ctx.lexicon, before, head);
  }
  const segStart = lastPipe < 0 ? valueStart : lastPipe + 1;
  const segment = before.slice(segStart);
  const keyOnly = /^\s*([A-Za-z]*)$/.exec(segment);
  const known = DECISION_KEYS[kind];
  if (keyOnly) {
    const given = new Set((before + after).split('|').slice(kind === 'n100' ? 0 : 1).map((s) => s.trim().split(/\s+/)[0]?.toLowerCase()));
    const start = before.length - keyOnly[1].length;
    const range = rangeFrom(position, start);
    return known
      .filter((k) => !given.has(k) || k === keyOnly[1].toLowerCase())
      .map((k, i) => ({
        label: k,
        kind: CompletionItemKind.Property,
        sortText: String(i),
        textEdit: { range, newText: `${k} ` },
        data: { kind: 'attribute', id: k } satisfies ResolveData,
      }));
  }
  const kv = /^\s*([A-Za-z]+)\s+(.*)$/.exec(segment);
  if (!kv) return [];
  const key = kv[1].toLowerCase();
  const valueAt = before.length - kv[2].length;
  switch (key) {
    case 'victim':
      return victims(position, incident, valueAt);
    case 'flags':
      return flags(position, before, valueAt);
    case 'by':
      return roles(position, ctx, valueAt);
    case 'informed':
      return ['yes', 'no'].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range: rangeFrom(position, valueAt), newText: v } }));
    case 'recorded':
    case 'at': {
      const now = formatNow(incident?.dateStyle ?? 'uk');
      return [{ label: now, kind: CompletionItemKind.Value, detail: 'now (UK time)', textEdit: { range: rangeFrom(position, valueAt), newText: now } }];
    }
    default:
      return [];
  }
}

/** Codes while the first word after `Crime:` is typed. */
function crimeCodes(position: Position, before: string, after: string, head: string): CompletionItem[] {
  const typed = /^\s*(\S*)$/.exec(head);
  if (!typed) return []; // past the code: typing a title
  const start = before.length - typed[1].length;
  const rest = /^[^\s|]*/.exec(after)![0];
  const hasTitle = /^[^\s|]*[ \t]+[^\s|]/.test(after);
  const range = rangeFrom(position, start, position.character + rest.length);
  return OFFENCE_CODES.filter((c) => c.kind === 'crime').map((c, i) => {
    const group = c.legacy ? 2 : c.verified ? 0 : 1;
    const item: CompletionItem = {
      label: c.code,
      kind: CompletionItemKind.EnumMember,
      detail: `${c.title}${c.verified ? '' : ' (UNVERIFIED)'}${c.legacy ? ' (legacy code)' : ''}`,
      filterText: `${c.code} ${c.title}`,
      sortText: `${group}${String(i).padStart(4, '0')}`,
      textEdit: { range, newText: hasTitle ? c.code : `${c.code} ${c.title}` },
      data: { kind: 'code', id: c.code } satisfies ResolveData,
    };
    if (c.legacy) item.tags = [CompletionItemTag.Deprecated];
    return item;
  });
}

/** `Cancelled: <crime ref> <C-class>`: the incident's crime references, then the classes. */
function cancelledHead(position: Position, incident: Incident | undefined, lexicon: Lexicon, before: string, head: string): CompletionItem[] {
  const tokens = head.trim() ? head.trimStart().split(/\s+/) : [''];
  const start = before.length - tokens[tokens.length - 1].length;
  const range = rangeFrom(position, start);
  if (tokens.length === 1) {
    const refs = (incident?.decisions ?? []).flatMap((d) => (d.kind === 'crime' && d.ref ? [{ ref: d.ref, code: d.code }] : []));
    return refs.map((r) => ({ label: r.ref, kind: CompletionItemKind.Reference, detail: `Crime ${r.code}`, textEdit: { range, newText: `${r.ref} ` } }));
  }
  if (tokens.length === 2) {
    return [...lexicon.cancellationClasses.values()].map((c) => ({
      label: c.id,
      kind: CompletionItemKind.EnumMember,
      detail: `${c.title}${c.verified ? '' : ' (UNVERIFIED)'}`,
      textEdit: { range, newText: c.id },
      data: { kind: 'class', id: c.id } satisfies ResolveData,
    }));
  }
  return [];
}

function victims(position: Position, incident: Incident | undefined, valueAt: number): CompletionItem[] {
  const range = rangeFrom(position, valueAt);
  return (incident?.victims ?? []).map((v) => ({ label: v.label, kind: CompletionItemKind.Variable, detail: v.description, textEdit: { range, newText: v.label } }));
}

function flags(position: Position, before: string, valueAt: number): CompletionItem[] {
  const value = before.slice(valueAt);
  const given = new Set(value.split(/[\s,;]+/).filter(Boolean).map((f) => f.toUpperCase()));
  const start = wordStart(before, valueAt, /[^\s,;]*$/);
  const typing = before.slice(start).toUpperCase();
  const range = rangeFrom(position, start);
  return FLAGS.filter((f) => !given.has(f.id) || f.id === typing).map((f) => ({
    label: f.id,
    kind: CompletionItemKind.EnumMember,
    detail: `${f.title}${f.verified ? '' : ' (UNVERIFIED)'}`,
    textEdit: { range, newText: f.id },
    data: { kind: 'flag', id: f.id } satisfies ResolveData,
  }));
}

function roles(position: Position, ctx: CompletionContext, valueAt: number): CompletionItem[] {
  const names = new Map<string, string[]>();
  for (const [name, role] of ctx.lexicon.roles) names.set(role, [...(names.get(role) ?? []), name]);
  const a = ctx.config.cancellationAuthority;
  for (const role of [...a.rape, ...a.other, ...Object.values(a.families ?? {}).flat()]) if (!names.has(role)) names.set(role, []);
  const range = rangeFrom(position, valueAt);
  return [...names].map(([role, aka]) => {
    const mayCancel = [a.rape.includes(role) ? 'rape' : '', a.other.includes(role) ? 'other crimes' : ''].filter(Boolean).join(' and ');
    return {
      label: role,
      kind: CompletionItemKind.Value,
      detail: aka.find((n) => n.includes(' ')) ?? undefined,
      documentation: mayCancel ? `May cancel ${mayCancel} under this configuration.` : 'May not cancel crimes under this configuration.',
      textEdit: { range, newText: role },
    };
  });
}

/** Adds the long documentation to an item the user is looking at. */
export function resolveCompletion(item: CompletionItem, lexicon: Lexicon): CompletionItem {
  const data = item.data as ResolveData | undefined;
  if (!data) return item;
  let value: string | undefined;
  switch (data.kind) {
    case 'code': {
      const c = lookupCode(data.id);
      value = c && codeMarkdown(c);
      break;
    }
    case 'flag': {
      const f = FLAGS.find((x) => x.id === data.id);
      value = f && flagMarkdown(f);
      break;
    }
    case 'class': {
      const c = lexicon.cancellationClasses.get(data.id);
      value = c && cancellationMarkdown(c);
      break;
    }
    case 'rule':
      value = ruleInfo(data.id) && ruleMarkdown(data.id);
      break;
    case 'keyword':
      value = keywordMarkdown(data.id);
      break;
    case 'attribute':
      value = attributeMarkdown(data.id);
      break;
  }
  if (value) item.documentation = { kind: MarkupKind.Markdown, value };
  return item;
}
