/**
 * Published diagnostics (`textDocument/publishDiagnostics`) for clients that
 * cannot pull them (Neovim 0.7-0.9, Emacs eglot, Helix, Kate, Sublime LSP).
 *
 * - Bursts of changes to one document are coalesced: each change restarts a
 *   short timer, and the check runs once the typing pauses.
 * - Never stale: the check runs on the text as it is when the timer fires,
 *   synchronously, and is published at once with that text's version.
 * - `run: "onSave"` is honoured here: changes alone do not publish; opening,
 *   saving and configuration changes do.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Checking, CheckResult } from './checking';
import { describeError, type Log } from './log';
import type { Status } from './status';

export type Trigger = 'open' | 'change' | 'save' | 'refresh';

/** How long a document must be left alone before it is checked. */
export const TYPING_PAUSE_MS = 50;

interface Pending {
  timer: NodeJS.Timeout;
  /** Whether anything other than a plain change asked for the check. */
  forced: boolean;
}

export class PushDiagnostics {
  private readonly pending = new Map<string, Pending>();
  private readonly published = new Map<string, CheckResult>();

  constructor(
    private readonly connection: Connection,
    private readonly checking: Checking,
    private readonly status: Status,
    private readonly log: Log,
    private readonly pauseMs = TYPING_PAUSE_MS,
  ) {}

  schedule(uri: string, trigger: Trigger): void {
    const prev = this.pending.get(uri);
    if (prev) clearTimeout(prev.timer);
    const forced = (prev?.forced ?? false) || trigger !== 'change';
    // Opening and saving are checked at once (also when changes came just before); typing waits for a pause.
    const timer = setTimeout(() => void this.run(uri), forced ? 0 : this.pauseMs);
    this.pending.set(uri, { timer, forced });
  }

  closed(uri: string): void {
    const p = this.pending.get(uri);
    if (p) clearTimeout(p.timer);
    this.pending.delete(uri);
    this.published.delete(uri);
    // Clear what the client shows for a document it no longer has open.
    void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private async run(uri: string): Promise<void> {
    const p = this.pending.get(uri);
    this.pending.delete(uri);
    try {
      const settings = await this.checking.settingsFor(uri);
      if (!p?.forced && settings.run === 'onSave') return;
      const result = await this.checking.current(uri);
      if (!result) return; // closed meanwhile
      const next = this.pending.get(uri);
      if (next) {
        // A newer change came in while the settings were fetched: that run publishes, as this one would have.
        if (p?.forced) next.forced = true;
        return;
      }
      if (this.published.get(uri) === result) return;
      this.published.set(uri, result);
      await this.connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.diagnostics });
      this.status.announce(result);
    } catch (e) {
      this.log.error(`Publishing diagnostics failed: ${describeError(e)}`);
    }
  }
}
