/**
 * The core, free of LSP and VS Code: the parser, the rules engine, rules-data
 * and configuration. The language server and the command-line tool are thin
 * shells over this module.
 */
export * from './findings';
export * from './text/range';
export { splitLines, detectEol, withEol, type Eol } from './text/lines';
export { parseLogFile, splitIntoChunks } from './parser/file';
export { parseIncidentText, KEYWORDS } from './parser/incident';
export { DECISION_KEYS } from './parser/decisions';
export type * from './parser/types';
export * from './parser/dates';
export { Checker, checkText, shiftFinding, EDITION_RULE, type FileReport, type IncidentReport } from './engine/checker';
export { materialiseFix, applyEdits, formatNow, type TextEdit } from './engine/fixes';
export { fixAll, preferredEdits, editsConflict, MAX_FIX_PASSES, type FixAllResult } from './engine/fix-all';
export { diffEdits, type LineEdit } from './text/line-diff';
export { RULES, RULE_IDS, ruleInfo, isRuleId, defaultSeverity, ruleDocPath, type RuleInfo } from './data/catalog';
export { OFFENCE_CODES, lookupCode, normaliseCode, codeWithTitle, type OffenceCode } from './data/codes';
export { EDITIONS, editionFor, type Edition } from './data/editions';
export { getLexicon, checkPhrase, type Lexicon, type LexiconProblem } from './data/lexicon';
export { DEFAULT_CONFIG, resolveConfig, type CountingRulesConfig, type RuleSetting } from './config/types';
export type { IncidentAnalysis, Disclosure } from './analysis/types';
export { CONFIG_FILE, loadConfigFor, findConfigFile, parseConfigText, stripJsonComments, type LoadedConfig, type ConfigProblem } from './config/load';
export { coverageOf, type Coverage, type OffenceGap, type RapeGap, type ConductGap, type RecordedCrime } from './analysis/coverage';
