import type { Plugin } from 'esbuild';

export function isStale(): boolean;
export function buildBundle(): Promise<void>;
/** The esbuild plugin that edits Ink's output module for speed (see build.mjs). */
export function fasterInkOutput(): Plugin;
export function fastStringWidth(): Plugin;
/** The plugin that makes the ALB SDK's model index require each model on first use. */
export function lazySdkModels(): Plugin;
/** The plugin that stands in for `modules`, imported by `importer`, until first use. */
export function lazyCommonJs(rules: { importer: RegExp; modules: string[] }[]): Plugin;
