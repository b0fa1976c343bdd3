/**
 * What the VS Code API tests share: the workspace (a fresh temporary copy of
 * examples/ made by runTest.ts, never examples/ itself), opening logs, and
 * waiting for diagnostics by event (`onDidChangeDiagnostics`), never for a
 * fixed time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'counting-rules.counting-rules-guidance';
export const SOURCE = 'counting-rules';
export const FIX_ALL = 'source.fixAll.countingRules';
/** The repository (out/test/editor/ → ../../..): read-only here. */
export const REPO = path.resolve(__dirname, '..', '..', '..');
/** How long to wait for the server's answer to an edit before failing. */
export const WAIT_MS = 30_000;

/** The workspace folder runTest.ts opened: a temporary copy of examples/. */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (runTest.ts opens a copy of examples/)');
  const dir = folder.uri.fsPath;
  assert.notEqual(path.resolve(dir), path.join(REPO, 'examples'), 'the tests must never edit examples/ itself');
  assert.ok(fs.existsSync(path.join(dir, 'domestic-abuse.ilog')), `${dir} is not a copy of examples/`);
  return dir;
}

/**
 * A private copy of one of the workspace's example logs, in a subfolder named
 * after the test, so a test that edits and saves a log changes no other
 * test's file. `transform` rewrites the text (e.g. to CRLF).
 */
export function scratchCopy(example: string, subfolder: string, transform: (text: string) => string = (t) => t): vscode.Uri {
  const ws = workspaceDir();
  const dir = path.join(ws, 'scratch', subfolder);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, example);
  fs.writeFileSync(file, transform(fs.readFileSync(path.join(ws, example), 'utf8')));
  return vscode.Uri.file(file);
}

export function exampleUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}

/** The extension, activated (its language client started). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** Opens a log in an editor (the language client pulls diagnostics for documents shown in editors). */
export async function openLog(uri: vscode.Uri): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'ilog', `${uri.fsPath} did not open as an ilog document`);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** The rule id of a diagnostic: its code, which links to the rule's documentation. */
export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(none)';
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)} (${vscode.DiagnosticSeverity[d.severity]})`).join('; ');
}

/**
 * Resolves with the document's counting-rules diagnostics once `ok` holds for
 * them, checking now and on every `onDidChangeDiagnostics` for the document;
 * rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const check = () => {
      if (settled) return;
      const ds = ours(uri);
      if (!ok(ds)) return;
      settled = true;
      cleanup();
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${path.basename(uri.fsPath)}; its diagnostics: ${describeDiagnostics(ours(uri))}`));
    }, timeoutMs);
    function cleanup() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Resolves when the document's text satisfies `ok`, checking now and on every change to it. */
export function waitForText(doc: vscode.TextDocument, ok: (text: string) => boolean, what: string, timeoutMs = WAIT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled || !ok(doc.getText())) return;
      settled = true;
      cleanup();
      resolve(doc.getText());
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${path.basename(doc.uri.fsPath)}`));
    }, timeoutMs);
    function cleanup() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** The `# expect:` annotations of an example log (examples/README.md). */
export interface Expected {
  incident: string;
  rule: string;
  codes: string[];
}

export interface Annotated {
  /** Incident id by its header line (0-based), in order. */
  incidents: { id: string; line: number }[];
  expected: Expected[];
}

export function readAnnotations(text: string): Annotated {
  const incidents: { id: string; line: number }[] = [];
  const expected: Expected[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let current: string | undefined;
  let inHeader = false;
  lines.forEach((line, i) => {
    const inc = /^Incident\s+(\S+)/.exec(line);
    if (inc) {
      current = inc[1];
      inHeader = true;
      incidents.push({ id: current, line: i });
      return;
    }
    // The annotations are the comment lines directly under the Incident line.
    if (!inHeader) return;
    if (!/^\s*#/.test(line)) {
      inHeader = false;
      return;
    }
    const m = /^#\s*expect:\s*([a-z0-9-]+)((?:\s+\S+)*)\s*$/.exec(line);
    if (m && current && m[1] !== 'none') expected.push({ incident: current, rule: m[1], codes: m[2].trim() ? m[2].trim().split(/\s+/) : [] });
  });
  return { incidents, expected };
}

/** The incident a line belongs to ('' before the first one). */
export function incidentAt(a: Annotated, line: number): string {
  let id = '';
  for (const inc of a.incidents) if (inc.line <= line) id = inc.id;
  return id;
}

/** Code actions VS Code collects for a range, of one kind. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const r = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  // A provider may answer with bare Commands (whose `command` is a string); these tests want CodeActions.
  return (r ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/** Text lines, without their endings. */
export function lines(text: string): string[] {
  return text.split(/\r\n|\n/);
}

/** Reads the file from disk, as saved. */
export function onDisk(uri: vscode.Uri): string {
  return fs.readFileSync(uri.fsPath, 'utf8');
}

/** `recorded <time>` that a fix writes is the time it was applied: within a few minutes of now. */
export function assertRecentTime(dateTime: string, started: number): void {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(dateTime) ?? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(dateTime);
  assert.ok(m, `'${dateTime}' is not a date and time`);
  const [y, mo, d] = m[1].length === 4 ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const t = new Date(Number(y), Number(mo) - 1, Number(d), Number(m[4]), Number(m[5])).getTime();
  assert.ok(t >= started - 120_000 && t <= Date.now() + 60_000, `recorded ${dateTime} is not the time the fix was applied`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
