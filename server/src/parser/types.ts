/**
 * The parsed form of an incident log (FORMAT.md, version 1).
 *
 * Every range inside an `Incident` is relative to the incident's own first
 * line (line 0 is the `Incident` line), so an incident's parse and analysis
 * stay valid when text above it changes; `Incident.startLine` places it in
 * the file. Ranges of file-level things (the preamble, file findings) are
 * absolute.
 */
import type { Finding } from '../findings';
import type { Eol } from '../text/lines';
import type { Range } from '../text/range';
import type { DateStyle, LocalDate, LocalTime } from './dates';

export interface DateTimeValue {
  text: string;
  range: Range;
  date: LocalDate;
  time: LocalTime;
  style: DateStyle;
  /** UTC epoch milliseconds. */
  epoch: number;
}

export interface Comment {
  line: number;
  text: string;
  range: Range;
}

export type DirectiveKind = 'disable' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  line: number;
  range: Range;
  rules: { id: string; range: Range }[];
  reason?: string;
  reasonRange?: Range;
}

export interface Attribute {
  key: string;
  keyRange: Range;
  value: string;
  valueRange: Range;
  /** The whole `| key value` segment. */
  range: Range;
}

export type FieldName = 'received' | 'opening' | 'reporter' | 'victim' | 'suspect' | 'location' | 'closing';
export type DecisionKind = 'crime' | 'n100' | 'cancelled' | 'no-crime';

interface LineNode {
  /** Relative line number. */
  line: number;
  /** The whole line. */
  range: Range;
  /** The keyword before the colon, as written. */
  keyword: string;
  keywordRange: Range;
  /** Everything after the colon, trimmed. */
  value: string;
  valueRange: Range;
}

export interface Field extends LineNode {
  name: FieldName;
}

export interface Person {
  /** `V1`, `S2`; `V1` is implied for a sole unlabelled victim. */
  label: string;
  labelImplied: boolean;
  labelRange?: Range;
  description: string;
  field: Field;
  sex?: 'female' | 'male';
  /** Age in years where given; a band such as "30s" gives its lower bound and `ageUpper`. */
  age?: number;
  ageUpper?: number;
}

export interface Reporter {
  kind: 'victim' | 'witness' | 'third party' | 'professional third party' | 'police' | 'anonymous' | 'other';
  agency?: string;
  field: Field;
}

export interface TextSegment {
  /** Offset in the entry's joined text. */
  offset: number;
  line: number;
  character: number;
  length: number;
}

export interface LogEntry {
  line: number;
  /** Lines including continuations. */
  lineCount: number;
  range: Range;
  timeRange: Range;
  dateRange?: Range;
  author?: string;
  authorRange?: Range;
  /** The narrative: the first line's text and continuation lines, joined by single spaces. */
  text: string;
  /** Where each piece of `text` sits in the file, for mapping offsets to positions. */
  segments: TextSegment[];
  date?: LocalDate;
  time: LocalTime;
  /** UTC epoch milliseconds, when the date could be worked out. */
  epoch?: number;
  /** Whether the entry wrote its own date. */
  dated: boolean;
}

export interface CrimeDecision extends LineNode {
  kind: 'crime';
  code: string;
  codeRange: Range;
  title?: string;
  titleRange?: Range;
  attributes: Attribute[];
  victim?: string;
  recorded?: DateTimeValue;
  ref?: string;
  flags: string[];
  flagsAttribute?: Attribute;
}

export interface N100Decision extends LineNode {
  kind: 'n100';
  attributes: Attribute[];
  victim?: string;
  recorded?: DateTimeValue;
  ref?: string;
  reason?: Attribute;
  converted?: Attribute;
}

export interface CancelledDecision extends LineNode {
  kind: 'cancelled';
  crimeRef?: string;
  crimeRefRange?: Range;
  cClass?: string;
  cClassRange?: Range;
  attributes: Attribute[];
  by?: Attribute;
  at?: DateTimeValue;
  avi?: Attribute;
  reason?: Attribute;
  informed?: Attribute;
  /** Free text after the C-class (e.g. the crime a C3 duplicates, the force a C1 transfers to). */
  detail?: string;
}

export interface NoCrimeDecision extends LineNode {
  kind: 'no-crime';
  reason: string;
}

export type Decision = CrimeDecision | N100Decision | CancelledDecision | NoCrimeDecision;

export interface Incident {
  /** Absolute line of the `Incident` line. */
  startLine: number;
  /** Lines from the `Incident` line up to (not including) the next incident. */
  lineCount: number;
  id: string;
  idRange: Range;
  /** The `Incident <id>` line. */
  headerRange: Range;
  /** The last relative line that is not blank. */
  lastContentLine: number;
  fields: Field[];
  received?: DateTimeValue;
  receivedField?: Field;
  opening?: Field;
  reporter?: Reporter;
  victims: Person[];
  suspects: Person[];
  location?: Field;
  closing?: Field;
  entries: LogEntry[];
  decisions: Decision[];
  comments: Comment[];
  directives: Directive[];
  /** The date style of `Received:` (else of the first date written), for text a fix writes. */
  dateStyle: 'uk' | 'iso';
  /** Structure findings, relative ranges. */
  findings: Finding[];
  /** Whether the incident's last line ends with a newline (only the file's last line may not). */
  lastLineHasEol: boolean;
  /** Length of the incident's last line, for edits that append to it. */
  lastLineLength: number;
}

export interface Preamble {
  lineCount: number;
  directives: Directive[];
  comments: Comment[];
}

export interface LogFile {
  eol: Eol;
  lineCount: number;
  preamble: Preamble;
  incidents: Incident[];
  /** File-level findings (absolute ranges): preamble syntax, duplicate incidents. */
  findings: Finding[];
}
