/**
 * Finding and reading `.counting-rules.json`: upward from a log to the
 * workspace folder (or the filesystem root), JSON with comments allowed,
 * validated against its schema. Read identically by the language server and
 * the command-line tool. A bad file is reported, never fatal: the valid parts
 * are used, the rest falls back to the defaults.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../rules-data/schemas/counting-rules-config.schema.json';
import { checkPhrase } from '../data/lexicon';
import { resolveConfig, type CountingRulesConfig } from './types';

export const CONFIG_FILE = '.counting-rules.json';

export interface ConfigProblem {
  file: string;
  /** JSON pointer-like path of the offending value, e.g. "/rules/late-recordin". */
  path: string;
  message: string;
}

export interface LoadedConfig {
  config: CountingRulesConfig;
  /** The file read, if one was found. */
  file?: string;
  problems: ConfigProblem[];
  /** Keys left out because the workspace is not trusted. */
  ignored: string[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (validator(value)) return [];
  // A bad property name is reported once, as propertyNames, not again by the enum inside it.
  return (validator.errors ?? []).filter((e) => e.keyword === 'propertyNames' || !e.schemaPath.includes('/propertyNames/'));
}

/** Removes // and /* *\/ comments and trailing commas outside strings. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, ' $1');
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(top level)';
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown setting '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    case 'propertyNames':
      return `${where}: '${(e.params as { propertyName: string }).propertyName}' is not a known name here`;
    case 'enum':
      return `${where}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${e.message ?? 'is not valid'}`;
  }
}

/** Removes values that failed validation so the rest of the file still applies. */
function dropInvalid(value: Record<string, unknown>, errors: ErrorObject[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  for (const e of errors) {
    const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'additionalProperties') parts.push((e.params as { additionalProperty: string }).additionalProperty);
    if (e.keyword === 'propertyNames') parts.push((e.params as { propertyName: string }).propertyName);
    if (!parts.length) continue;
    let obj: unknown = copy;
    for (let i = 0; i < parts.length - 1 && obj && typeof obj === 'object'; i++) obj = (obj as Record<string, unknown>)[parts[i]];
    if (obj && typeof obj === 'object') {
      const key = parts[parts.length - 1];
      if (Array.isArray(obj)) obj[+key] = undefined;
      else delete (obj as Record<string, unknown>)[key];
    }
  }
  if (Array.isArray(copy.triggers)) copy.triggers = (copy.triggers as unknown[]).filter(Boolean);
  return copy;
}

/** Reads configuration text. */
export function parseConfigText(text: string, file: string, trusted = true): Omit<LoadedConfig, 'file'> {
  const problems: ConfigProblem[] = [];
  const ignored: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text.replace(/^\ufeff/, '')));
  } catch (e) {
    problems.push({ file, path: '', message: `not valid JSON (${e instanceof Error ? e.message : String(e)}); using the defaults` });
    return { config: resolveConfig(null), problems, ignored };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ file, path: '', message: 'must be a JSON object; using the defaults' });
    return { config: resolveConfig(null), problems, ignored };
  }
  const errors = validate(raw);
  for (const e of errors) problems.push({ file, path: e.instancePath, message: describe(e) });
  const value = dropInvalid(raw as Record<string, unknown>, errors);
  if (!trusted && value.triggers) {
    delete value.triggers;
    ignored.push('triggers');
  }
  if (Array.isArray(value.triggers)) {
    value.triggers = (value.triggers as { phrase: string; family: string }[]).filter((t, i) => {
      const err = checkPhrase(t.phrase);
      if (err) problems.push({ file, path: `/triggers/${i}/phrase`, message: `phrase '${t.phrase}' ${err}; it is not used` });
      return !err;
    });
  }
  return { config: resolveConfig(value), problems, ignored };
}

/** The nearest `.counting-rules.json` from `dir` upward, not above `stopAt` (when given). */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let d = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(d, CONFIG_FILE);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
    if (stop && d === stop) return undefined;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    if (stop && !parent.startsWith(stop)) return undefined;
    d = parent;
  }
}

/** The configuration that applies to a log file. */
export function loadConfigFor(logPath: string, options: { stopAt?: string; trusted?: boolean } = {}): LoadedConfig {
  const file = findConfigFile(path.dirname(path.resolve(logPath)), options.stopAt);
  if (!file) return { config: resolveConfig(null), problems: [], ignored: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { config: resolveConfig(null), file, problems: [{ file, path: '', message: `cannot be read (${e instanceof Error ? e.message : String(e)})` }], ignored: [] };
  }
  return { file, ...parseConfigText(text, file, options.trusted ?? true) };
}
