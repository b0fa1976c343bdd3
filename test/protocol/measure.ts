/**
 * Timing: a generated 1,000-incident document, checked in full and then
 * re-checked after a one-character edit, in-process (the core's Checker
 * plus the server's conversion to diagnostics) and through the protocol
 * (the bundled server over stdio, pull and push). Prints medians.
 *
 *   npm run build && node out/test/protocol/measure.js [incidents] [rounds]
 *
 * Targets: 20 ms for a full check, 5 ms for a re-check.
 */
import { performance } from 'node:perf_hooks';
import { Checker, splitIntoChunks } from '../../server/src/core';
import { toDiagnostics } from '../../server/src/lsp/diagnostics';
import { LspClient } from './lsp-client';
import { generatedDocument } from './texts';

const INCIDENTS = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** A one-character edit in the middle of the document: a letter typed into a narrative line, then removed. */
function editPoint(text: string): { offset: number; line: number; character: number } {
  const offset = text.indexOf('Door intact', Math.floor(text.length / 2));
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length - 1, character: before[before.length - 1].length };
}

/** CPU time of this process in ms: less disturbed than wall time when other work shares the machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function inProcess(text: string): void {
  const at = editPoint(text);
  const edited = text.slice(0, at.offset) + 'x' + text.slice(at.offset);
  const full: number[] = [];
  const fullCpu: number[] = [];
  const fullWithDiagnostics: number[] = [];
  let checker = new Checker();
  for (let i = 0; i < ROUNDS; i++) {
    checker = new Checker();
    const c = cpuMs();
    let t = performance.now();
    const report = checker.check(text);
    full.push(performance.now() - t);
    fullCpu.push(cpuMs() - c);
    t = performance.now();
    toDiagnostics(report, 'file:///measure.ilog', 1);
    fullWithDiagnostics.push(full[full.length - 1] + performance.now() - t);
  }
  const recheck: number[] = [];
  const recheckWithDiagnostics: number[] = [];
  const recheckCpu: number[] = [];
  const split: number[] = [];
  for (let i = 0; i < ROUNDS * 2; i++) {
    const c = cpuMs();
    const t = performance.now();
    const report = checker.check(i % 2 ? text : edited);
    const checked = performance.now();
    recheckCpu.push(cpuMs() - c);
    toDiagnostics(report, 'file:///measure.ilog', i + 2);
    recheck.push(checked - t);
    recheckWithDiagnostics.push(performance.now() - t);
    if (report.analysed !== 1) throw new Error(`re-check analysed ${report.analysed} incidents, expected 1`);
    const s = performance.now();
    splitIntoChunks(i % 2 ? text : edited);
    split.push(performance.now() - s);
  }
  const findings = checker.check(text).findings.length;
  console.log(`in-process, ${INCIDENTS} incidents, ${(text.length / 1024).toFixed(0)} KB, ${findings} findings (median of ${ROUNDS}):`);
  console.log(`  full check (new Checker):          ${fmt(median(full))} (CPU ${fmt(median(fullCpu))})   + diagnostics: ${fmt(median(fullWithDiagnostics))}`);
  console.log(`  re-check after a one-char edit:    ${fmt(median(recheck))} (CPU ${fmt(median(recheckCpu))})   + diagnostics: ${fmt(median(recheckWithDiagnostics))}`);
  console.log(`    of which splitting into incidents: ${fmt(median(split))}`);
}

async function throughProtocol(text: string): Promise<void> {
  const at = editPoint(text);
  const client = await LspClient.start({ pull: true });
  const push = await LspClient.start({ pull: false, configuration: false, initializationOptions: { typingPauseMs: 0 } });
  try {
    // Full check: a fresh document each round (a new Checker), timed from the pull request to its answer.
    const full: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const uri = `file:///measure-${i}.ilog`;
      await client.open(uri, text);
      const t = performance.now();
      await client.pullFull(uri);
      full.push(performance.now() - t);
      await client.close(uri);
    }
    // Re-check: type a character, pull; remove it, pull.
    const uri = 'file:///measure.ilog';
    await client.open(uri, text);
    await client.pullFull(uri);
    const recheck: number[] = [];
    const serverMs: number[] = [];
    let version = 1;
    for (let i = 0; i < ROUNDS * 2; i++) {
      const insert = i % 2 === 0;
      const from = client.received.length;
      const t = performance.now();
      await client.change(uri, ++version, [
        insert
          ? { range: { start: at, end: at }, text: 'x' }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
      ]);
      await client.pullFull(uri);
      recheck.push(performance.now() - t);
      const status = await client.waitFor<{ uri: string; checkMs: number }>('countingRules/status', (p) => p.uri === uri, from);
      serverMs.push(status.checkMs);
    }
    // Push: from the change to the published diagnostics (no typing pause).
    const pushed: number[] = [];
    const puri = 'file:///measure-push.ilog';
    await push.open(puri, text);
    await push.waitForPublished(puri, 1);
    let pv = 1;
    for (let i = 0; i < ROUNDS * 2; i++) {
      const insert = i % 2 === 0;
      const t = performance.now();
      await push.change(puri, ++pv, [
        insert
          ? { range: { start: at, end: at }, text: 'x' }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
      ]);
      await push.waitForPublished(puri, pv);
      pushed.push(performance.now() - t);
    }
    console.log(`through the protocol (bundled server over stdio, median of ${ROUNDS}):`);
    console.log(`  full check, pull request to answer:         ${fmt(median(full))}`);
    console.log(`  one-char edit, didChange + pull to answer:  ${fmt(median(recheck))}   (server's own check + conversion: ${fmt(median(serverMs))})`);
    console.log(`  one-char edit, didChange to publish (push): ${fmt(median(pushed))}`);
  } finally {
    client.kill();
    push.kill();
  }
}

async function main(): Promise<void> {
  const text = generatedDocument(INCIDENTS);
  inProcess(text);
  await throughProtocol(text);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
