#!/usr/bin/env node
// @ts-check
/**
 * A stand-in for the VS Code executable, so that @vscode/test-electron's
 * `runTests({ vscodeExecutablePath })` works where VS Code cannot be
 * downloaded. runTests spawns the executable with
 *   [launchArgs...] --no-sandbox ... --extensionTestsPath=<p> --extensionDevelopmentPath=<p>
 *   [--extensions-dir=<d>] [--user-data-dir=<d>]
 * This reads the paths, the folder to open (the first argument that is not a
 * flag) and the profile folders, ignores the Electron-only flags, runs the
 * tests inside code-server (code-server.js) and exits with their code.
 * Also usable from @vscode/test-cli (`useInstallation: { fromPath }`).
 */
'use strict';
const { runExtensionTests } = require('./code-server');

/** @param {string[]} argv */
function parse(argv) {
  /** @type {Record<string, string>} */
  const flags = {};
  /** @type {string[]} */
  const folders = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      folders.push(a);
      continue;
    }
    // Space-separated values for the flags this shim reads; every other flag is a switch to ignore.
    if (m[2] === undefined && ['extensionTestsPath', 'extensionDevelopmentPath', 'user-data-dir', 'extensions-dir'].includes(m[1]) && i + 1 < argv.length) flags[m[1]] = argv[++i];
    else flags[m[1]] = m[2] ?? 'true';
  }
  return { flags, folders };
}

async function main() {
  const { flags, folders } = parse(process.argv.slice(2));
  if (!flags.extensionTestsPath || !flags.extensionDevelopmentPath) {
    console.error('code-shim: expected --extensionTestsPath=<path> and --extensionDevelopmentPath=<path> (as @vscode/test-electron passes them)');
    return 2;
  }
  return runExtensionTests({
    extensionDevelopmentPath: flags.extensionDevelopmentPath,
    extensionTestsPath: flags.extensionTestsPath,
    folder: folders[0],
    userDataDir: flags['user-data-dir'],
    extensionsDir: flags['extensions-dir'],
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
