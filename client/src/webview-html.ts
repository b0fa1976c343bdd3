/**
 * The audit report's HTML as the webview shows it: behind a Content Security
 * Policy that lets nothing load from anywhere (no network, no scripts, no
 * files) and allows only the report's own inline styles and data: images.
 * Incident logs hold personal data; the report must not be able to send any
 * of it out, whatever its HTML contains. Its links to logs are command URIs
 * for the one command the webview allows. Pure, so unit-tested in plain Node.
 */
import * as path from 'node:path';
import { renderAuditHtml, type Audit } from '../../server/src/cli/audit';

export const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'";

const META = `<meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">`;

/**
 * Puts the policy first in <head>, before anything that could load. A page
 * may carry further policies of its own; browsers enforce every policy
 * given, so another can only narrow this one, never widen it.
 */
export function withStrictCsp(html: string): string {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + META + html.slice(head.index + head[0].length);
  // No <head>: a <meta> met before <body> content is placed in the implied head.
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return `${html.slice(0, at)}<head>${META}</head>${html.slice(at)}`;
}

/** A `command:` link, as a webview with `enableCommandUris` runs it when clicked. */
export function commandUri(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * The log and line a report link names, or undefined unless it is an .ilog
 * file inside one of the workspace folders `roots` and a line from 1: a
 * command URI can be written by anything that ends up in the page.
 */
export function readLogLocation(args: readonly unknown[], roots: readonly string[]): { file: string; line: number } | undefined {
  const [file, line] = args;
  if (typeof file !== 'string' || !path.isAbsolute(file) || path.extname(file).toLowerCase() !== '.ilog') return undefined;
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) return undefined;
  const abs = path.normalize(file);
  const inside = roots.some((root) => {
    const rel = path.relative(root, abs);
    return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
  });
  return inside ? { file: abs, line } : undefined;
}

/**
 * The audit as the webview's page: the CLI's HTML report (paths in it are
 * relative to `cwd`), each log linked through `command`, behind the policy.
 */
export function auditPage(audit: Audit, cwd: string, command: string): string {
  return withStrictCsp(renderAuditHtml(audit, { link: (file, line) => commandUri(command, [path.resolve(cwd, file), line]) }));
}
