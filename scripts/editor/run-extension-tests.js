#!/usr/bin/env node
// @ts-check
/**
 * Runs an extension's VS Code API tests inside code-server, without
 * @vscode/test-electron:
 *   node scripts/editor/run-extension-tests.js <extensionDevelopmentPath> <extensionTestsPath> [folder]
 * Exits with the tests' code. (npm run test:editor goes through
 * out/test/editor/runTest.js and code-shim.js instead, the same path a
 * laptop with VS Code takes.)
 */
'use strict';
const { runExtensionTests } = require('./code-server');

const [extensionDevelopmentPath, extensionTestsPath, folder] = process.argv.slice(2);
if (!extensionDevelopmentPath || !extensionTestsPath) {
  console.error('usage: run-extension-tests.js <extensionDevelopmentPath> <extensionTestsPath> [folder]');
  process.exit(2);
}
runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, folder }).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
