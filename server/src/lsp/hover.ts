/**
 * Hover that teaches. What is under the cursor decides the first part:
 * a Home Office code on a `Crime:` line, a C-class on a `Cancelled:` line,
 * `N100`, a flag, a rule id in a directive, a field, decision or attribute
 * keyword, or words of the narrative that disclose an offence. Then, for
 * the words that triggered a finding, the finding's message and the
 * counting rule it rests on.
 */
import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import {
  containsPosition,
  lookupCode,
  ruleInfo,
  type Directive,
  type FileReport,
  type IncidentReport,
  type Lexicon,
  type Position,
  type Range,
} from '../core';
import type { CheckResult } from './checking';
import {
  attributeMarkdown,
  cancellationMarkdown,
  codeMarkdown,
  disclosureMarkdown,
  FLAGS,
  flagMarkdown,
  keywordMarkdown,
  md,
  ruleMarkdown,
  unknownCodeMarkdown,
} from './explain';
import { absolute, incidentAt } from './locate';

interface Part {
  markdown: string;
  range: Range;
}

export function hover(result: CheckResult, lexicon: Lexicon, position: Position, markdown: boolean): Hover | null {
  const report = result.report;
  if (!report) return null;
  const parts: Part[] = [];
  const inc = incidentAt(report, position.line);
  const token = inc ? incidentToken(inc, lexicon, position) : directiveToken(report.preamble.directives, 0, position);
  if (token) parts.push(token);
  if (inc) parts.push(...disclosures(inc, lexicon, position));
  parts.push(...findings(report, position));
  if (!parts.length) return null;
  const text = parts.map((p) => p.markdown).join('\n\n---\n\n');
  const contents: MarkupContent = markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: plain(text) };
  return { contents, range: parts[0].range };
}

/** The code, class, flag, keyword or rule id under the cursor inside an incident. */
function incidentToken(inc: IncidentReport, lexicon: Lexicon, p: Position): Part | undefined {
  const { incident } = inc;
  const off = incident.startLine;
  const rel = p.line - off;
  if (rel === 0) {
    const kw = absolute({ start: { line: 0, character: 0 }, end: { line: 0, character: 'Incident'.length } }, off);
    return containsPosition(kw, p) ? { markdown: keywordMarkdown('incident')!, range: kw } : undefined;
  }
  const d = incident.decisions.find((x) => x.line === rel);
  if (d) {
    const kw = absolute(d.keywordRange, off);
    if (containsPosition(kw, p)) return { markdown: keywordMarkdown(d.keyword)!, range: kw };
    if (d.kind === 'crime') {
      const cr = absolute(d.codeRange, off);
      if (d.code && containsPosition(cr, p)) {
        const code = lookupCode(d.code);
        return { markdown: code ? codeMarkdown(code) : unknownCodeMarkdown(d.code), range: cr };
      }
      const fa = d.flagsAttribute;
      if (fa && containsPosition(absolute(fa.valueRange, off), p)) {
        const flag = wordAt(fa.value, fa.valueRange.start.character, p.character);
        if (flag) {
          const info = FLAGS.find((f) => f.id === flag.word.toUpperCase());
          const range = absolute({ start: { line: rel, character: flag.start }, end: { line: rel, character: flag.end } }, off);
          return {
            markdown: info ? flagMarkdown(info) : `**${md(flag.word)}** is not a Home Office crime flag in rules-data. Flags are ${FLAGS.map((f) => f.id).join(', ')}.`,
            range,
          };
        }
      }
    }
    if (d.kind === 'cancelled' && d.cClass && d.cClassRange && containsPosition(absolute(d.cClassRange, off), p)) {
      const c = lexicon.cancellationClasses.get(d.cClass);
      return {
        markdown: c ? cancellationMarkdown(c) : `**${md(d.cClass)}** is not a cancellation class in rules-data (${[...lexicon.cancellationClasses.keys()].join(', ')}).`,
        range: absolute(d.cClassRange, off),
      };
    }
    if (d.kind !== 'no-crime') {
      for (const a of d.attributes) {
        const kr = absolute(a.keyRange, off);
        const doc = attributeMarkdown(a.key);
        if (doc && containsPosition(kr, p)) return { markdown: doc, range: kr };
      }
    }
    return undefined;
  }
  const f = incident.fields.find((x) => x.line === rel);
  if (f) {
    const kw = absolute(f.keywordRange, off);
    return containsPosition(kw, p) ? { markdown: keywordMarkdown(f.keyword)!, range: kw } : undefined;
  }
  return directiveToken(incident.directives, off, p);
}

function directiveToken(directives: readonly Directive[], off: number, p: Position): Part | undefined {
  for (const d of directives) {
    if (d.line + off !== p.line) continue;
    for (const r of d.rules) {
      const range = absolute(r.range, off);
      const doc = ruleMarkdown(r.id);
      if (doc && containsPosition(range, p)) return { markdown: doc, range };
    }
  }
  return undefined;
}

function disclosures(inc: IncidentReport, lexicon: Lexicon, p: Position): Part[] {
  const out: Part[] = [];
  for (const d of inc.analysis.disclosures) {
    const range = absolute(d.range, inc.incident.startLine);
    if (containsPosition(range, p)) out.push({ markdown: disclosureMarkdown(d, lexicon), range });
  }
  return out;
}

function findings(report: FileReport, p: Position): Part[] {
  const out: Part[] = [];
  for (const f of report.findings) {
    if (f.range.start.line > p.line) break; // findings are in document order
    if (!containsPosition(f.range, p)) continue;
    const info = ruleInfo(f.rule);
    const lines = [`**${f.rule}** (${f.severity}): ${md(f.message)}`];
    if (info) lines.push(`_Basis:_ ${md(info.basis)}`);
    out.push({ markdown: lines.join('\n\n'), range: f.range });
  }
  return out;
}

/** The comma- or space-separated word of `value` (starting at column `start`) at column `at`. */
function wordAt(value: string, start: number, at: number): { word: string; start: number; end: number } | undefined {
  const re = /[^\s,;]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    const s = start + m.index;
    const e = s + m[0].length;
    if (at >= s && at <= e) return { word: m[0], start: s, end: e };
  }
  return undefined;
}

/** Markdown to plain text for clients that cannot render it. */
function plain(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)_([^_]+)_/g, '$1$2')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1: $2')
    .replace(/\\([\\`*_{}[\]<>#|])/g, '$1');
}
