/**
 * When the client asks the server for diagnostics. The server delivers them
 * on request (LSP pull diagnostics), so `countingRules.run` is carried out
 * here, as vscode-eslint does: the languageclient consults this filter before
 * each pull it would make on typing or on saving, and skips the pull when the
 * filter says so. Opening a log, and the refresh the server asks for after a
 * settings or configuration-file change, always pull.
 *
 * No `vscode` import: unit-tested in plain Node (test/client/).
 */

/**
 * Whether to skip a pull. `run` is the raw setting (anything but 'onSave'
 * means 'onType', the default); `trigger` is the languageclient's
 * DiagnosticPullMode ('onType' or 'onSave'; 'onFocus' is not enabled).
 */
export function skipPull(run: unknown, trigger: string): boolean {
  const onSave = run === 'onSave';
  if (trigger === 'onType') return onSave;
  // With onType the saved text was already checked as it was typed.
  if (trigger === 'onSave') return !onSave;
  return false;
}
