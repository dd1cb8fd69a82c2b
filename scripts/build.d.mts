import type { Plugin } from 'esbuild';

export function isStale(): boolean;
export function buildBundle(): Promise<void>;
/** The esbuild plugin that edits Ink's output module for speed (see build.mjs). */
export function fasterInkOutput(): Plugin;
export function fastStringWidth(): Plugin;
