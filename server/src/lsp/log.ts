/**
 * Logging that keeps incident logs private. Incident logs hold personal
 * data, so:
 *
 * - console messages (the client's output channel) carry counts, timings,
 *   rule ids and file names only;
 * - anything that may quote a log (finding messages, which quote the words
 *   that triggered them) goes only to `$/logTrace`, and only when the client
 *   asked for verbose tracing with `$/setTrace`.
 */
import { SetTraceNotification, Trace, type Connection, type ConsoleFeature, type InitializeParams } from 'vscode-languageserver/node';

export class Log {
  private level: Trace = Trace.Off;

  constructor(private readonly connection: Connection) {
    // The library handles $/setTrace itself but does not say what the level
    // is; this handler replaces it so the server can skip building verbose
    // text nobody will see, and passes the level on to the library's tracer.
    connection.onNotification(SetTraceNotification.type, (params) => this.setLevel(params.value));
  }

  initialize(params: InitializeParams): void {
    if (params.trace) this.setLevel(params.trace);
  }

  private setLevel(value: string): void {
    this.level = Trace.fromString(value);
    (this.connection.tracer as unknown as { trace: Trace }).trace = this.level;
  }

  get verbose(): boolean {
    return this.level === Trace.Verbose;
  }

  info(message: string): void {
    this.connection.console.info(message);
  }

  warn(message: string): void {
    this.connection.console.warn(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  /**
   * A trace line. `details` may hold log content: it is built only when the
   * client asked for verbose tracing and sent only in trace output.
   */
  trace(message: string, details?: () => string): void {
    if (this.level === Trace.Off) return;
    this.connection.tracer.log(message, this.verbose && details ? details() : undefined);
  }
}

/** The name and first stack frame of an error, without its message (which may quote text). */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
    return `${e.name}${frame ? ` ${frame}` : ''}`;
  }
  return typeof e;
}

/**
 * Messages of the protocol library that append a whole received message
 * (which may be a document's text) to a line of their own. Only that first
 * line is kept.
 */
const QUOTES_A_MESSAGE = ['Received message which is neither a response nor a notification message:', 'Received response message without id: Error is:'];

export function withoutMessageContent(message: string): string {
  const quoted = QUOTES_A_MESSAGE.find((p) => message.startsWith(p));
  return quoted ? `${quoted.slice(0, -1)} (content not shown: it may hold a log's text); ignored.` : message;
}

/**
 * The connection's console (the client's log, where the protocol library
 * also writes its own complaints) with `withoutMessageContent` applied.
 */
export const privateConsole: ConsoleFeature<object> = (Base) =>
  class extends Base {
    override error(message: string): void {
      super.error(withoutMessageContent(message));
    }
    override warn(message: string): void {
      super.warn(withoutMessageContent(message));
    }
    override info(message: string): void {
      super.info(withoutMessageContent(message));
    }
    override log(message: string): void {
      super.log(withoutMessageContent(message));
    }
  };
