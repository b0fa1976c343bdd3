/**
 * Incremental = full through the real server (lsp-sequence.ts): random
 * sequences of LSP edits to mutated logs, diagnostics pulled or published
 * along the way, end with the diagnostics a fresh document with the final
 * text gets. FUZZ_RUNS=<n> runs n/10 sequences in each mode.
 */
import fc from 'fast-check';
import { LspClient } from '../protocol/lsp-client';
import { mutatedLogArb } from './logs';
import { lspEditsArb, lspSequenceProblems } from './lsp-sequence';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const runs = (n: number) => (process.env.FUZZ_RUNS ? Math.ceil(Number(process.env.FUZZ_RUNS) / 10) : n);

describe('reliability: LSP edits through the server give what a fresh check gives', function () {
  this.timeout(60_000);

  for (const mode of ['pull', 'push'] as const) {
    it(`${mode}: random edit sequences, diagnostics ${mode === 'pull' ? 'pulled' : 'published'} along the way (seeded)`, async () => {
      const client = await LspClient.start(mode === 'pull' ? { pull: true } : { pull: false, initializationOptions: { typingPauseMs: 0 } });
      try {
        await fc.assert(
          fc.asyncProperty(mutatedLogArb({ maxMutations: 2 }), lspEditsArb, async ({ text }, edits) => {
            const problems = await lspSequenceProblems(client, mode, text, edits);
            if (problems.length) throw new Error(problems.join('\n'));
          }),
          { seed: SEED + (mode === 'pull' ? 10 : 11), numRuns: runs(mode === 'pull' ? 120 : 80) },
        );
      } finally {
        client.kill();
      }
    });
  }
});
