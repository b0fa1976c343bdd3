/**
 * Preloaded into the process the benchmark measures (`node --require
 * out/bench/rss-hook.js dist/cli.js ...`): on exit it writes the process's
 * peak resident set size (all threads, workers included) and CPU time to
 * the file named by BENCH_USAGE_FILE. Measured by the kernel, not sampled.
 */
import * as fs from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
