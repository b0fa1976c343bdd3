// @ts-check
/**
 * code-server (VS Code's workbench served from Node) and Debian's Chromium,
 * driven by playwright-core, for the editor tests. Used by:
 *
 * - run-extension-tests.js / code-shim.js: VS Code's own extension-test
 *   mechanism inside code-server. The web workbench reads a `payload` query
 *   parameter; its `extensionDevelopmentPath` and `extensionTestsPath` make the
 *   (Node) extension host load the extension under development and call the
 *   tests' `run()`; when that settles, the workbench calls
 *   `window.codeAutomationExit(code)`. code-server has no command-line flag for
 *   this, so a browser has to open the page.
 * - test/ui: the packaged .vsix installed with `--install-extension`, driven
 *   through the real user interface.
 *
 * Everything these processes write goes under .ci/work/ (see isolatedEnv).
 * See docs/testing.md and ../shared/research/real-editor-testing.md.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const WORK = path.join(ROOT, '.ci', 'work');
const CODE_SERVER_VERSION = '4.100.3';
const DEFAULT_CODE_SERVER = path.join(WORK, 'code-server', 'node_modules', '.bin', 'code-server');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * HOME, XDG_* and TMPDIR inside .ci/work, so that code-server
 * (~/.config/code-server, ~/.local/share/code-server, sockets in the temporary
 * folder), Chromium (~/.config/chromium, ~/.cache), Neovim (~/.cache/nvim/lsp.log)
 * and Emacs (~/.emacs.d) write nothing outside the repository. Only when
 * .ci/run has not already set them (it sets them for the whole run) or when
 * `force` is given.
 * @param {NodeJS.ProcessEnv} [base]
 * @returns {NodeJS.ProcessEnv}
 */
function isolatedEnv(base = process.env) {
  if (base.COUNTING_RULES_ISOLATED === '1') return { ...base };
  const home = path.join(WORK, 'home');
  const dirs = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TMPDIR: path.join(WORK, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...base, ...dirs, COUNTING_RULES_ISOLATED: '1' };
  // npm, if a test starts it, still reads the machine's own settings (nodedir, registry).
  const userNpmrc = base.HOME ? path.join(base.HOME, '.npmrc') : undefined;
  if (!base.npm_config_userconfig && userNpmrc && fs.existsSync(userNpmrc)) env.npm_config_userconfig = userNpmrc;
  return env;
}

/**
 * The code-server executable: $CODE_SERVER, else the one in
 * .ci/work/code-server, installed by install-code-server.sh if missing.
 * @returns {string}
 */
function codeServerPath() {
  const fromEnv = process.env.CODE_SERVER;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CODE_SERVER=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (fs.existsSync(DEFAULT_CODE_SERVER)) return DEFAULT_CODE_SERVER;
  console.log(`code-server is not installed; installing ${CODE_SERVER_VERSION} into ${path.relative(ROOT, path.dirname(path.dirname(path.dirname(DEFAULT_CODE_SERVER))))}/`);
  const r = spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], {
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: process.env.TMPDIR && process.env.COUNTING_RULES_ISOLATED === '1' ? process.env.TMPDIR : path.join(WORK, 'tmp') },
  });
  if (r.status !== 0 || !fs.existsSync(DEFAULT_CODE_SERVER)) throw new Error('code-server could not be installed (see above)');
  return DEFAULT_CODE_SERVER;
}

/** @returns {string} */
function chromiumPath() {
  const p = process.env.CHROMIUM || DEFAULT_CHROMIUM;
  if (!fs.existsSync(p)) throw new Error(`Chromium is not at ${p}: apt-get install -y chromium, or set CHROMIUM`);
  return p;
}

/** The user settings every code-server run starts with: nothing in the way of the tests. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'files.autoSave': 'off',
};

/**
 * A fresh run folder: the user-data dir (with settings), an extensions dir
 * and a browser profile, under .ci/work/run/<name>. Kept short: code-server
 * listens on a socket inside the user-data dir, and socket paths are limited
 * to 107 bytes.
 * @param {string} name
 * @param {Record<string, unknown>} [settings]
 */
function freshRunDir(name, settings = {}) {
  const dir = path.join(WORK, 'run', name);
  fs.rmSync(dir, { recursive: true, force: true });
  const userDataDir = path.join(dir, 'ud');
  const extensionsDir = path.join(dir, 'ext');
  const profileDir = path.join(dir, 'browser');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, profileDir]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const sock = path.join(userDataDir, 'code-server-ipc.sock');
  if (Buffer.byteLength(sock) > 107) throw new Error(`The repository path is too long for code-server's socket (${sock}); clone it somewhere shorter`);
  return { dir, userDataDir, extensionsDir, profileDir };
}

/**
 * Runs code-server's command line (e.g. --install-extension) and returns its output.
 * @param {string[]} args
 * @param {{ userDataDir: string, extensionsDir: string, env?: NodeJS.ProcessEnv }} o
 */
function codeServerCli(args, o) {
  const r = spawnSync(codeServerPath(), ['--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, ...args], {
    env: o.env ?? isolatedEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

/**
 * @typedef {{ url: string, port: number, pid: number, log: () => string, stop: () => Promise<void> }} CodeServer
 */

/** Process groups of the code-servers this process started and has not stopped yet. */
const running = new Set();
/** If this process is told to stop (a suite's timeout in run-all.js), its code-servers stop with it. */
function stopAllOnSignal() {
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    process.once(signal, () => {
      for (const pid of running) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
    });
  }
}
let signalsHandled = false;

/**
 * Starts code-server on 127.0.0.1 (a free port), without authentication, with
 * its own user-data and extensions dirs. Resolves when it says it listens.
 * @param {{ userDataDir: string, extensionsDir: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, echo?: boolean }} o
 * @returns {Promise<CodeServer>}
 */
function startCodeServer(o) {
  const config = path.join(path.dirname(o.userDataDir), 'config.yaml');
  fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [
    '--config', config,
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ];
  // Its own process group, so stop() ends code-server and the extension host, pty host and watcher it starts, and nothing else.
  const child = spawn(codeServerPath(), args, { env: o.env ?? isolatedEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const group = child.pid;
  if (group) running.add(group);
  if (!signalsHandled) {
    signalsHandled = true;
    stopAllOnSignal();
  }
  let output = '';
  const timeoutMs = o.timeoutMs ?? 60_000;
  /** @type {Promise<void> | undefined} */
  let stopping;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then(() => running.delete(group));
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    })());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`code-server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    /** @param {Buffer} d */
    const onData = (d) => {
      const text = d.toString();
      output += text;
      if (o.echo) process.stderr.write(text);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(output);
      if (m && child.pid) {
        clearTimeout(timer);
        resolve({ url: m[1], port: Number(m[2]), pid: child.pid, log: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });
}

/**
 * Debian's Chromium, headless, with a persistent profile in `profileDir`
 * (playwright-core refuses --user-data-dir in args).
 * @param {string} profileDir
 * @param {NodeJS.ProcessEnv} [env]
 */
async function launchChromium(profileDir, env) {
  const { chromium } = require('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    env: /** @type {Record<string, string>} */ (env ?? isolatedEnv()),
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * VS Code's extension tests inside code-server: opens the workbench with the
 * `payload` that names the extension under development and the tests'
 * index.js, and resolves with the code the workbench reports through
 * `codeAutomationExit` (0 when `run()` resolved).
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath: string, folder?: string, userDataDir?: string, extensionsDir?: string, timeoutMs?: number }} o
 * @returns {Promise<number>}
 */
async function runExtensionTests(o) {
  const env = isolatedEnv();
  const run = freshRunDir('api');
  // Where @vscode/test-electron would point VS Code: honoured, but emptied first, as a fresh profile.
  const userDataDir = o.userDataDir ?? run.userDataDir;
  const extensionsDir = o.extensionsDir ?? run.extensionsDir;
  if (o.userDataDir) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.copyFileSync(path.join(run.userDataDir, 'User', 'settings.json'), path.join(userDataDir, 'User', 'settings.json'));
  }
  fs.mkdirSync(extensionsDir, { recursive: true });
  const testsPath = resolveTestsPath(o.extensionTestsPath);
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const started = Date.now();
  const server = await startCodeServer({ userDataDir, extensionsDir, env });
  console.log(`[code-server] ${server.url} (pid ${server.pid}) up in ${Date.now() - started} ms`);
  const browser = await launchChromium(run.profileDir, env);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const remote = (/** @type {string} */ p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(path.resolve(o.extensionDevelopmentPath))],
      ['extensionTestsPath', remote(testsPath)],
      ['enableProposedApi', ''],
      ['skipWelcome', 'true'],
    ];
    /** @type {(code: number) => void} */
    let exit = () => undefined;
    const exitCode = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ _type, /** @type {unknown[]} */ args) => {
      console.log(...(Array.isArray(args) ? args : [args]));
    });
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => exit(code));
    page.on('pageerror', (e) => console.error(`[workbench] page error: ${e.message}`));
    let url = `${server.url}/?payload=${encodeURIComponent(JSON.stringify(payload))}`;
    if (o.folder) url += `&folder=${encodeURIComponent(path.resolve(o.folder))}`;
    await page.goto(url);
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        console.error(`[code-server] the tests did not finish within ${timeoutMs / 1000} s`);
        resolve(124);
      }, timeoutMs);
    });
    const code = /** @type {number} */ (await Promise.race([exitCode, timeout]));
    clearTimeout(timer);
    console.log(`[code-server] tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0 && process.env.EDITOR_TESTS_VERBOSE !== '0') {
      const tail = server.log().split('\n').slice(-40).join('\n');
      if (tail.trim()) console.error(`[code-server] last lines of its log:\n${tail}`);
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

/** `--extensionTestsPath` names a module: a file, or a folder with index.js. */
function resolveTestsPath(/** @type {string} */ p) {
  const abs = path.resolve(p);
  for (const candidate of [abs, `${abs}.js`, path.join(abs, 'index.js')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`extensionTestsPath ${p} is neither a .js file nor a folder with index.js`);
}

module.exports = {
  ROOT,
  WORK,
  CODE_SERVER_VERSION,
  isolatedEnv,
  codeServerPath,
  chromiumPath,
  freshRunDir,
  codeServerCli,
  startCodeServer,
  launchChromium,
  runExtensionTests,
};
