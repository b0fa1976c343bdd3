/**
 * The floor: what Node needs just to read the same files and split them into
 * lines, on one thread, with nothing else. The checker's time is reported as
 * a multiple of this. Run as its own process, like the tool, so that both
 * include starting Node. Prints {files, bytes, lines, ms} as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function floor(dir: string): { files: number; bytes: number; lines: number; ms: number } {
  const t0 = process.hrtime.bigint();
  let files = 0;
  let bytes = 0;
  let lines = 0;
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.ilog')) continue;
    const buf = fs.readFileSync(path.join(dir, name));
    bytes += buf.length;
    files++;
    lines += buf.toString('utf8').split(/\r\n|\r|\n/).length;
  }
  return { files, bytes, lines, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

if (require.main === module) process.stdout.write(JSON.stringify(floor(process.argv[2])) + '\n');
