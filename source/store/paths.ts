// Where alb-tui keeps its files: settings under the user's config directory, the local ALB's state
// under the user's data directory (XDG base directories; %APPDATA% / %LOCALAPPDATA% on Windows).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'alb-tui';

type Env = Readonly<Record<string, string | undefined>>;

function homeOf(env: Env): string {
  return env['HOME'] || os.homedir();
}

/** The XDG spec says a relative value must be ignored. */
function absoluteOrUndefined(value: string | undefined): string | undefined {
  return value && path.isAbsolute(value) ? value : undefined;
}

/** `$XDG_CONFIG_HOME/alb-tui`, else `~/.config/alb-tui`: profiles, connections, drafts, UI state. */
export function configDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const xdg = absoluteOrUndefined(env['XDG_CONFIG_HOME']);
  if (xdg) return path.join(xdg, APP_DIR_NAME);
  if (platform === 'win32') {
    const appData = absoluteOrUndefined(env['APPDATA']);
    if (appData) return path.join(appData, APP_DIR_NAME);
  }
  return path.join(homeOf(env), '.config', APP_DIR_NAME);
}

/** `$XDG_DATA_HOME/alb-tui`, else `~/.local/share/alb-tui`: the local ALB's state file. */
export function dataDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const xdg = absoluteOrUndefined(env['XDG_DATA_HOME']);
  if (xdg) return path.join(xdg, APP_DIR_NAME);
  if (platform === 'win32') {
    const localAppData = absoluteOrUndefined(env['LOCALAPPDATA']);
    if (localAppData) return path.join(localAppData, APP_DIR_NAME);
  }
  return path.join(homeOf(env), '.local', 'share', APP_DIR_NAME);
}

export const LISTING_CACHE_DIR = 'listing-cache';

/** Where the last listing of each connection is kept (store/listing-cache.ts). */
export function listingCacheDir(dataDirectory: string): string {
  return path.join(dataDirectory, LISTING_CACHE_DIR);
}

/** Whether listings are kept and shown at start: `ALB_TUI_LISTING_CACHE=0` turns it off. */
export function listingCacheOn(env: Env = process.env): boolean {
  return env['ALB_TUI_LISTING_CACHE'] !== '0';
}

/** Whether a start may find a kept listing to draw first (read cheaply: the folder exists). */
export function mayHaveCachedListing(env: Env = process.env): boolean {
  return listingCacheOn(env) && existsSync(listingCacheDir(dataDir(env)));
}

/** `$XDG_CACHE_HOME/alb-tui`, else `~/.cache/alb-tui`: what can be made again (compiled code). */
export function cacheDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const xdg = absoluteOrUndefined(env['XDG_CACHE_HOME']);
  if (xdg) return path.join(xdg, APP_DIR_NAME);
  if (platform === 'win32') {
    const localAppData = absoluteOrUndefined(env['LOCALAPPDATA']);
    if (localAppData) return path.join(localAppData, APP_DIR_NAME, 'cache');
  }
  return path.join(homeOf(env), '.cache', APP_DIR_NAME);
}
