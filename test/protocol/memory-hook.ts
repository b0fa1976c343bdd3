/**
 * Preloaded into the server by memory tests (`node --expose-gc --require
 * out/test/protocol/memory-hook.js dist/server.js`): on SIGUSR2 it collects
 * all garbage and writes the process's memory to stderr as one line,
 * `\u0000MEMORY {"heapUsed":...,"rss":...}`. Not part of the product: the
 * shipped server has no such signal handler. Numbers only, never content.
 */
const collect = (globalThis as { gc?: () => void }).gc;

process.on('SIGUSR2', () => {
  // Two passes: the first may only finalise objects the second then frees.
  collect?.();
  collect?.();
  const m = process.memoryUsage();
  process.stderr.write(`\u0000MEMORY ${JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
});
