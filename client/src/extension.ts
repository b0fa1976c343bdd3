/**
 * The VS Code client. It starts the bundled language server (dist/server.js)
 * over IPC for `.ilog` logs and adds what only an editor can: commands, the
 * language status item, the audit view, and a restart when the workspace
 * becomes trusted. Checking, settings included, happens in the server: it
 * reads `countingRules.*` per document, and registers itself for changes to
 * them and to .counting-rules.json, so the client synchronises nothing.
 */
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions, type ServerOptions, type StateChangeEvent } from 'vscode-languageclient/node';
import { COMMANDS, SETTINGS_SECTION, STATUS_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../server/src/lsp/protocol';
import { COMMAND_IDS, registerCommands } from './commands';
import { skipPull } from './pull';
import { StatusItem } from './status';

const SELECTOR = [
  { scheme: 'file', language: 'ilog' },
  { scheme: 'untitled', language: 'ilog' },
];

/** The product's name: the output channel's and the server's, never translated. */
const PRODUCT = 'Counting Rules Guidance';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    // The channel opens only on request: a log's findings belong in Problems.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A function, so a restart after trust is granted sends the new value.
    initializationOptions: (): InitializationOptions => ({
      trusted: vscode.workspace.isTrusted,
      suppressionCommand: true,
      supportsShowDocumentation: true,
    }),
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      filter: (document, mode) => skipPull(vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get('run'), mode),
    },
    // Hovers may link to the rule documentation command, and to nothing else.
    markdown: { isTrusted: { enabledCommands: [COMMANDS.showRuleDocumentation] } },
  };
  return new LanguageClient('countingRules', PRODUCT, serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The languageclient writes the server's log here, and its trace when countingRules.trace.server is on.
  const output = vscode.window.createOutputChannel(PRODUCT, { log: true });
  const status = new StatusItem(SELECTOR, COMMAND_IDS.restartServer);
  const lc = createClient(context, output);
  client = lc;

  const restart = async () => {
    output.info(vscode.l10n.t('Restarting the language server.'));
    if (lc.isRunning()) await lc.restart();
    else await lc.start();
  };
  context.subscriptions.push(
    output,
    status,
    lc.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)),
    lc.onDidChangeState((e: StateChangeEvent) => status.setState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped')),
    // Untrusted, the server leaves out the force's own trigger phrases; once trusted it must start again to load them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
    ...registerCommands(context, output, restart),
  );

  try {
    await lc.start();
  } catch (e) {
    output.error(vscode.l10n.t('The language server did not start: {0}', e instanceof Error ? e.message : String(e)));
    status.setState('stopped');
  }
}

export function deactivate(): Promise<void> | undefined {
  return client?.needsStop() ? client.stop() : undefined;
}
