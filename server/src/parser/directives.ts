/**
 * Comments and suppression directives:
 *   # counting-rules-disable <rule-id>[, <rule-id>] -- <reason>
 *   # counting-rules-disable-next-line <rule-id>[, ...] -- <reason>
 */
import { RULE_IDS, isRuleId } from '../data/catalog';
import type { Finding } from '../findings';
import { range } from '../text/range';
import { suggest } from '../text/suggest';
import { replacementFixes, structureFinding } from './report';
import type { Comment, Directive, DirectiveKind } from './types';

const DIRECTIVE_NAMES: readonly DirectiveKind[] = ['disable-next-line', 'disable'];
const PREFIX = 'counting-rules-';

/** Reads a comment line; returns a directive when it is one. */
export function readComment(
  text: string,
  line: number,
  findings: Finding[],
): { comment: Comment; directive?: Directive } {
  const hash = text.indexOf('#');
  const comment: Comment = { line, text: text.slice(hash + 1).trim(), range: range(line, hash, text.length) };
  let i = hash + 1;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const rest = text.slice(i);
  if (!rest.toLowerCase().startsWith(PREFIX)) return { comment };

  const nameMatch = /^counting-rules-([A-Za-z-]*)/i.exec(rest)!;
  const name = nameMatch[1].toLowerCase();
  const nameRange = range(line, i, i + nameMatch[0].length);
  const kind = DIRECTIVE_NAMES.find((n) => n === name);
  if (!kind) {
    const s = suggest(name, DIRECTIVE_NAMES);
    findings.push(
      structureFinding(
        'syntax',
        `Unknown directive '${nameMatch[0]}'${s.length ? `; did you mean '${PREFIX}${s[0]}'?` : ''} Directives are '${PREFIX}disable' and '${PREFIX}disable-next-line'.`,
        nameRange,
        replacementFixes(nameRange, s.map((x) => PREFIX + x), (x) => `Change to '${x}'`),
      ),
    );
    return { comment };
  }

  const afterName = i + nameMatch[0].length;
  const sep = text.indexOf('--', afterName);
  const listEnd = sep < 0 ? text.length : sep;
  const directive: Directive = { kind, line, range: range(line, hash, text.length), rules: [] };
  const re = /[^\s,]+/g;
  const list = text.slice(afterName, listEnd);
  let m: RegExpExecArray | null;
  while ((m = re.exec(list))) {
    const id = m[0].toLowerCase();
    const start = afterName + m.index;
    const r = range(line, start, start + m[0].length);
    if (isRuleId(id)) {
      directive.rules.push({ id, range: r });
    } else {
      const s = suggest(id, RULE_IDS);
      findings.push(
        structureFinding(
          'syntax',
          `Unknown rule '${m[0]}' in a directive${s.length ? `; did you mean '${s[0]}'?` : '.'} Nothing is disabled for it.`,
          r,
          replacementFixes(r, s, (x) => `Change to '${x}'`),
        ),
      );
    }
  }
  if (!directive.rules.length && !findings.some((f) => f.range.start.line === line)) {
    findings.push(structureFinding('syntax', `Name the rule(s) to disable, e.g. '# ${PREFIX}${kind} late-recording -- <reason>'.`, nameRange));
  }
  if (sep >= 0) {
    const reasonStart = sep + 2;
    const reason = text.slice(reasonStart).trim();
    if (reason) {
      const at = text.indexOf(reason, reasonStart);
      directive.reason = reason;
      directive.reasonRange = range(line, at, at + reason.length);
    }
  }
  if (!directive.reason) {
    findings.push(
      structureFinding(
        'unexplained-disable',
        `This directive turns rules off without a reason. Add '-- <reason>' (for example '-- system outage, recorded on paper'): an audit trail needs the reason.`,
        directive.range,
      ),
    );
  }
  return { comment, directive };
}
