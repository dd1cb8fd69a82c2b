// Runs the user's editor ($VISUAL, else $EDITOR, else vi) on a text, k9s / kubectl style: the text in
// a 0600 file in a fresh 0700 folder, the terminal handed over to the editor (the app leaves the
// alternate screen and raw mode), then taken back and the file read and removed.
//
// The editor runs synchronously on purpose: while it runs, the event loop does not read the terminal,
// so no key meant for the editor can reach the app (an asynchronous child would race Ink for stdin).
import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Localized } from '../../domain/i18n.js';
import { editTextText } from './edit-text-i18n.js';

export type EditorResult = { ok: true; text: string } | { ok: false; message: Localized };

/** Opens `text` in the editor under `fileName` (e.g. `lsn-123.yaml`); resolves to the saved text. */
export type RunEditor = (text: string, fileName: string) => Promise<EditorResult>;

/** Gives the terminal to another program and takes it back. */
export interface TerminalHandover {
  suspend(): void;
  resume(): void;
}

export interface EditorRunnerOptions {
  env: Record<string, string | undefined>;
  handover: TerminalHandover;
  spawn?: (command: string, options: SpawnSyncOptions) => SpawnSyncReturns<Buffer>;
  /** Where the folder for the file is made; the system's temporary folder unless given. */
  tmpDir?: string;
}

/** The editor to run: `$VISUAL`, then `$EDITOR` (either may carry arguments, e.g. `code -w`), else `vi`. */
export function editorCommand(env: Record<string, string | undefined>): string {
  return env['VISUAL']?.trim() || env['EDITOR']?.trim() || 'vi';
}

/** Single-quoted for the shell (the path is ours, but a tmpdir may hold anything). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function failed(reason: string): EditorResult {
  const message = editTextText('editorFailed', { reason });
  return { ok: false, message };
}

export function createEditorRunner(options: EditorRunnerOptions): RunEditor {
  const spawn =
    options.spawn ??
    ((command, spawnOptions) => spawnSync(command, spawnOptions) as SpawnSyncReturns<Buffer>);
  return (text, fileName) => {
    let folder: string | undefined;
    try {
      folder = mkdtempSync(path.join(options.tmpDir ?? tmpdir(), 'alb-tui-edit-'));
      const file = path.join(folder, path.basename(fileName));
      writeFileSync(file, text, { mode: 0o600 });
      const command = `${editorCommand(options.env)} ${shellQuote(file)}`;
      options.handover.suspend();
      let result: SpawnSyncReturns<Buffer>;
      try {
        result = spawn(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...options.env } });
      } finally {
        options.handover.resume();
      }
      if (result.error) return Promise.resolve(failed(result.error.message));
      if (result.status !== 0)
        return Promise.resolve(
          failed(result.signal ? `signal ${result.signal}` : `exit status ${result.status}`),
        );
      return Promise.resolve({ ok: true, text: readFileSync(file, 'utf8') });
    } catch (error) {
      return Promise.resolve(failed(error instanceof Error ? error.message : String(error)));
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  };
}
