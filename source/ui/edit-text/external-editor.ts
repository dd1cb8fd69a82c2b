// Runs the user's editor ($VISUAL, else $EDITOR, else vi) on a text, k9s / kubectl style: the text in
// a 0600 file in a fresh 0700 folder, the terminal handed over to the editor (the app leaves the
// alternate screen and raw mode and stops reading its input), then taken back and the file read and
// removed.
//
// The editor runs as a child the app awaits, not synchronously: the event loop goes on meanwhile, so
// the in-process local ALB keeps answering (the aliyun CLI or Terraform pointed at it are not stalled
// by an open editor). Keys cannot race: the handover detaches the app's reader from stdin first.
import { spawn as spawnChild, type ChildProcess, type SpawnOptions } from 'node:child_process';
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

/** How the editor ended: its exit status or the signal that stopped it, or why it never ran. */
export type EditorExit = { status: number | null; signal: NodeJS.Signals | null } | { error: Error };

export interface EditorRunnerOptions {
  env: Record<string, string | undefined>;
  handover: TerminalHandover;
  /** Runs the editor command and resolves once it has ended (tests replace it). */
  spawn?: (command: string, options: SpawnOptions) => Promise<EditorExit>;
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

/** Spawns the command through the shell and waits for it to end. */
export function spawnAndWait(command: string, options: SpawnOptions): Promise<EditorExit> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawnChild(command, options);
    } catch (error) {
      resolve({ error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (status, signal) => resolve({ status, signal }));
  });
}

export function createEditorRunner(options: EditorRunnerOptions): RunEditor {
  const spawn = options.spawn ?? spawnAndWait;
  return async (text, fileName) => {
    let folder: string | undefined;
    try {
      folder = mkdtempSync(path.join(options.tmpDir ?? tmpdir(), 'alb-tui-edit-'));
      const file = path.join(folder, path.basename(fileName));
      writeFileSync(file, text, { mode: 0o600 });
      const command = `${editorCommand(options.env)} ${shellQuote(file)}`;
      options.handover.suspend();
      let exit: EditorExit;
      try {
        exit = await spawn(command, {
          shell: true,
          stdio: 'inherit',
          env: { ...process.env, ...options.env },
        });
      } finally {
        options.handover.resume();
      }
      if ('error' in exit) return failed(exit.error.message);
      if (exit.status !== 0)
        return failed(exit.signal ? `signal ${exit.signal}` : `exit status ${exit.status}`);
      return { ok: true, text: readFileSync(file, 'utf8') };
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  };
}
