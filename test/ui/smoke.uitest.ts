/**
 * UI smoke test: the packaged .vsix (`npm run package`) installed into
 * code-server with `--install-extension`, driven through VS Code's own user
 * interface in headless Chromium by playwright-core, as a user would: open an
 * example log, see the squiggle, find the finding in the Problems panel,
 * Ctrl+. for the quick fixes, Enter, Ctrl+S, and the file on disk is right.
 * Screenshots go to test-artifacts/ui/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHOTS = path.join(ROOT, 'test-artifacts', 'ui');
const EXTENSION_ID = 'counting-rules.counting-rules-guidance';
const LOG = 'domestic-abuse.ilog';
const FINDING = 'no crime is recorded for it';
const FIX = 'Record 9A Public fear, alarm or distress for V1 (DA)';
/** How long one step may take (the first page load compiles the workbench). */
const STEP_MS = 30_000;

interface CodeServer {
  url: string;
  stop(): Promise<void>;
}
interface Harness {
  isolatedEnv(): NodeJS.ProcessEnv;
  freshRunDir(name: string, settings?: Record<string, unknown>): { dir: string; userDataDir: string; extensionsDir: string; profileDir: string };
  codeServerCli(args: string[], o: { userDataDir: string; extensionsDir: string }): string;
  startCodeServer(o: { userDataDir: string; extensionsDir: string }): Promise<CodeServer>;
  launchChromium(profileDir: string): Promise<BrowserContext>;
}
// The code-server and Chromium helpers are plain JavaScript, shared with the shim (scripts/editor/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const harness = require(path.join(ROOT, 'scripts', 'editor', 'code-server.js')) as Harness;

function vsixPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Rests the mouse on `target` until `hover` shows. The squiggle is measured
 * afresh each time and the mouse moved off and back, since a layout change
 * (a code lens, a notification) can move the text after it was measured, and
 * VS Code shows a hover only for a mouse that moves onto the text.
 */
async function hoverUntilShown(target: Locator, hover: Locator, totalMs = STEP_MS): Promise<void> {
  const deadline = Date.now() + totalMs;
  for (let attempt = 1; ; attempt++) {
    const box = await target.boundingBox();
    assert.ok(box, 'the squiggle has no box on screen');
    await target.page().mouse.move(box.x + box.width / 2, box.y - 60);
    await target.page().mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    const left = deadline - Date.now();
    try {
      await hover.waitFor({ timeout: Math.max(1, Math.min(5_000, left)) });
      return;
    } catch (e) {
      if (Date.now() >= deadline) throw new Error(`no hover within ${totalMs / 1000} s after ${attempt} attempt(s) with the mouse on the squiggle: ${(e as Error).message}`);
    }
  }
}

describe('UI smoke test: the packaged extension in code-server, driven in Chromium', function () {
  this.timeout(180_000);
  // Each step starts where the one before ended.
  this.bail(true);
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let workspace: string;
  let run: ReturnType<Harness['freshRunDir']>;
  let original: string;

  before(async () => {
    const vsix = vsixPath();
    assert.ok(fs.existsSync(vsix), `${path.basename(vsix)} is missing: run npm run package first`);
    fs.rmSync(SHOTS, { recursive: true, force: true });
    run = harness.freshRunDir('ui', {
      // No hover or suggestion popping up over what the screenshots show, unless asked for.
      'editor.hover.delay': 300,
      'workbench.colorTheme': 'Default Light Modern',
      'window.commandCenter': false,
      'editor.stickyScroll.enabled': false,
    });
    const out = harness.codeServerCli(['--install-extension', vsix], run);
    assert.match(out, /was successfully installed/, out);
    const installed = fs.readdirSync(run.extensionsDir).filter((d) => d.startsWith(EXTENSION_ID));
    assert.equal(installed.length, 1, `installed: ${fs.readdirSync(run.extensionsDir).join(', ')}`);
    // What the package holds is what runs: the bundles, and no source or node_modules.
    const ext = path.join(run.extensionsDir, installed[0]);
    assert.ok(fs.existsSync(path.join(ext, 'dist', 'server.js')));
    assert.ok(!fs.existsSync(path.join(ext, 'node_modules')));
    assert.ok(!fs.existsSync(path.join(ext, 'server')));

    workspace = path.join(run.dir, 'workspace');
    fs.mkdirSync(workspace);
    // Writable copies: examples/ itself is read-only, and never edited.
    for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ilog'))) {
      fs.writeFileSync(path.join(workspace, f), fs.readFileSync(path.join(ROOT, 'examples', f)), { mode: 0o644 });
    }
    original = fs.readFileSync(path.join(workspace, LOG), 'utf8');

    server = await harness.startCodeServer(run);
    browser = await harness.launchChromium(run.profileDir);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(STEP_MS);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  const editor = (): Locator => page.locator('.editor-instance .monaco-editor').first();

  it('opens the workspace in the VS Code workbench', async () => {
    await page.goto(`${server!.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: LOG }).waitFor();
  });

  it('shows the finding as a squiggle in the example log', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(LOG);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: LOG }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: LOG }).waitFor();
    // The log opened in this editor started the extension (onLanguage:ilog).
    const squiggle = editor().locator('.squiggly-warning');
    await squiggle.first().waitFor({ timeout: 20_000 }).catch(() => {
      throw new Error(`no squiggle in ${LOG} within 20 s of opening it: the language server delivered no diagnostics for the log that started the extension`);
    });
    // The code lenses arrive on their own request and push the text down a
    // line: wait for them, so the squiggle is measured where it will stay.
    await editor().locator('.codelens-decoration').first().waitFor();
    // The mouse on it: VS Code shows the finding's message.
    await hoverUntilShown(squiggle.first(), page.locator('.monaco-hover', { hasText: FINDING }).first());
    await shot(page, '1-squiggle-and-hover');
    await page.keyboard.press('Escape');
  });

  it('lists the finding in the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: FINDING });
    await row.first().waitFor();
    assert.equal(await page.locator('.markers-panel .monaco-list-row', { hasText: 'unrecorded-offence' }).count(), 1, 'one unrecorded-offence row');
    await shot(page, '2-problems-panel');
  });

  it('Ctrl+. on the finding offers the quick fix, and Enter applies it', async () => {
    // Go to the problem from the editor, as a user would with F8.
    await editor().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.locator('.marker-widget', { hasText: FINDING }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.locator('.monaco-list-row', { hasText: FIX }).first().waitFor();
    await menu.locator('.monaco-list-row', { hasText: 'Disable unrecorded-offence for this line' }).first().waitFor();
    // The preferred fix is first and has the focus; Enter applies it.
    await menu.locator('.monaco-list-row.focused', { hasText: FIX }).waitFor();
    await shot(page, '3-quick-fix-menu');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await editor().locator('.view-line', { hasText: 'Crime: 9A Public fear, alarm or distress | victim V1 | recorded' }).waitFor();
    // The server checks the new text: the finding leaves the Problems panel, and the crime recorded today is late.
    await page.locator('.markers-panel .monaco-list-row', { hasText: FINDING }).waitFor({ state: 'detached' });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'late-recording' }).first().waitFor();
  });

  it('Ctrl+S saves the fixed log', async () => {
    await editor().click();
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
    await shot(page, '4-after-fix-saved');
    const saved = fs.readFileSync(path.join(workspace, LOG), 'utf8').split('\n');
    const before = original.split('\n');
    assert.equal(saved.length, before.length + 1);
    assert.deepEqual(saved.slice(0, 21), before.slice(0, 21));
    assert.match(saved[21], /^Crime: 9A Public fear, alarm or distress \| victim V1 \| recorded \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \| flags DA$/);
    assert.deepEqual(saved.slice(22), before.slice(21));
  });
});
