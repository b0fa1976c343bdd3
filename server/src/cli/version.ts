/**
 * The tool's name and version. The version is read from the package's own
 * package.json at run time (the nearest one above this file named
 * `counting-rules-guidance`), so that it is the installed package's, from the
 * bundle in dist/ and from the compiled sources in out/ alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TOOL_NAME = 'counting-rules';
const PACKAGE_NAME = 'counting-rules-guidance';

function readVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // none here, or not readable: look further up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export const TOOL_VERSION: string = readVersion();
