/** Documents the protocol tests and the timing script open. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lsp-client';

export const EXAMPLES = path.join(ROOT, 'examples');

export function example(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
}

export function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.ilog')).sort();
}

/**
 * A domestic crime recorded without the DA flag (domestic-abuse-flag, with a
 * preferred fix) and without a recorded time (missing-recorded-time, whose
 * only fix is not preferred).
 */
export const DOMESTIC = [
  'Incident T-1',
  'Received: 02/06/2018 20:51',
  'Opening: DOMESTIC',
  'Reporter: victim',
  'Victim: V1 female, 24',
  'Suspect: S1 boyfriend, male, 26',
  '',
  '20:51 CH5120: V1 says her boyfriend S1 pushed her against the fridge and spat at her.',
  '21:20 PC1740: Seen V1. No injuries. S1 arrested.',
  '22:05 CRT02: Crime recorded.',
  '',
  'Crime: 105A Assault without injury | victim V1 | recorded 02/06/2018 22:05 | ref 18/44120/18',
  'Crime: 8U Controlling or coercive behaviour | victim V1',
  'Closing: DOMESTIC - CRIME RECORDED',
  '',
].join('\n');

/** Every incident of the examples, each ending in one blank line. */
export function exampleIncidents(): string[] {
  const out: string[] = [];
  for (const f of exampleFiles()) {
    const text = example(f).replace(/\r\n?/g, '\n');
    const parts = text.split(/^(?=Incident[ \t])/m).slice(1);
    for (const p of parts) out.push(p.replace(/\n*$/, '\n\n'));
  }
  return out;
}

/** A document of `n` incidents: the example incidents in turn, each with its own id. */
export function generatedDocument(n: number): string {
  const incidents = exampleIncidents();
  let out = '# Generated for timing: the example incidents repeated with new ids.\n\n';
  for (let i = 0; i < n; i++) out += incidents[i % incidents.length].replace(/^Incident \S+/, `Incident GEN-${String(i + 1).padStart(5, '0')}`);
  return out;
}
