// How the wizard reads a failed call: the problem to show, the code to match a field with, and
// whether trying again (with the same ClientToken) is the answer.
import { isAlbError, type AlbError } from '../../alb/errors.js';
import type { Problem } from './wizard-screen.js';

/** Failures where trying again (with the same ClientToken) is the answer. */
export const RETRYABLE_KINDS = new Set([
  'unreachable',
  'timeout',
  'throttled',
  'server',
  'protocol',
  'unknown',
  'aborted',
]);

export function problemOf(error: unknown): Problem {
  if (isAlbError(error)) {
    return { message: error.message, kind: error.kind, ...(error.code ? { code: error.code } : {}) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: { en: text, 'zh-CN': text } };
}

export function codeOf(error: AlbError | undefined, fallback: string): string {
  return error?.code ?? error?.kind ?? fallback;
}

/** A failed call as the wizard's `submit-failed` / `precheck-finished` take it. */
export function failureOf(error: unknown) {
  const alb = isAlbError(error) ? error : undefined;
  return {
    code: codeOf(alb, 'Error'),
    message: problemOf(error).message,
    ...(alb?.parameter
      ? { parameter: alb.parameter }
      : alb?.serverMessage
        ? { parameter: alb.serverMessage }
        : {}),
    retryable: alb ? RETRYABLE_KINDS.has(alb.kind) : true,
  };
}
