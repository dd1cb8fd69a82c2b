import type { Plugin } from 'esbuild';

export function isStale(): boolean;
export function buildBundle(): Promise<void>;
/** The esbuild plugin that keeps Ink's output caches from frame to frame (see build.mjs). */
export function persistentInkOutputCaches(): Plugin;
