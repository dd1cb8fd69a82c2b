// Writing an export (aliyun CLI command, Terraform block, JSON request) where the user asked: mode
// 0600, atomically (a temporary file in the same folder, then moved into place), and never replacing
// an existing file unless the user said so for that very file.
import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Localized } from '../../domain/i18n.js';
import { wizardText } from './wizard-i18n.js';

export type WriteOutcome =
  | { status: 'written'; path: string }
  | { status: 'exists'; path: string }
  | { status: 'failed'; path: string; message: Localized };

/** `~/x` is the home folder's, a relative path is the working folder's. */
export function resolveExportPath(
  file: string,
  cwd: string = process.cwd(),
  home: string = homedir(),
): string {
  const trimmed = file.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/')) return path.join(home, trimmed.slice(2));
  return path.resolve(cwd, trimmed);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

function reason(error: unknown, target: string): Localized {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return wizardText('notADirectory', { dir: path.dirname(target) });
    case 'EISDIR':
      return wizardText('isADirectory');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return wizardText('noPermission');
    default:
      return { en: errorCode(error), 'zh-CN': errorCode(error) };
  }
}

function failed(target: string, error: unknown): WriteOutcome {
  return {
    status: 'failed',
    path: target,
    message: wizardText('exportFailed', { path: target, reason: reason(error, target) }),
  };
}

async function exists(target: string): Promise<'file' | 'directory' | undefined> {
  try {
    const stat = await lstat(target);
    return stat.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `text` to `file`. Without `replace`, an existing file is left alone and the outcome is
 * `exists` (ask the user, then call again with `replace`); the final step is a hard link, which fails
 * when the name was taken in the meantime, so nothing is ever replaced by surprise.
 */
export async function writeExportFile(
  file: string,
  text: string,
  options: { replace: boolean; cwd?: string; home?: string },
): Promise<WriteOutcome> {
  const target = resolveExportPath(file, options.cwd, options.home);
  let temp: string | undefined;
  try {
    const existing = await exists(target);
    if (existing === 'directory')
      return failed(target, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
    if (existing && !options.replace) return { status: 'exists', path: target };
    temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    if (options.replace) {
      await rename(temp, target);
      temp = undefined;
    } else {
      try {
        await link(temp, target);
      } catch (error) {
        if (errorCode(error) === 'EEXIST') return { status: 'exists', path: target };
        // Some file systems have no hard links: check once more, then move into place.
        if (await exists(target)) return { status: 'exists', path: target };
        await rename(temp, target);
        temp = undefined;
      }
    }
    return { status: 'written', path: target };
  } catch (error) {
    return failed(target, error);
  } finally {
    if (temp !== undefined) await rm(temp, { force: true }).catch(() => undefined);
  }
}
