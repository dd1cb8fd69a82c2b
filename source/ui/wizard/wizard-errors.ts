// How the wizard reads a failed call: the problem to show, the code to match a field with, and
// whether trying again (with the same ClientToken) is the answer.
import { isAlbError, type AlbError } from '../../alb/errors.js';
import { retryClientToken } from '../../alb/retry-token.js';
import type { Problem } from './wizard-screen.js';
import type { WizardAction } from './wizard-state.js';

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
    // Before the answer, any failure may have reached the service: only the same token is safe, and
    // it always is. After the answer, only waiting failed: a retry finds the same listener.
    retryable: alb ? RETRYABLE_KINDS.has(alb.kind) : true,
  };
}

/**
 * A failed create or update as the wizard takes it: a job the service rolled back is sent again with a
 * new ClientToken (`submit-job-failed`); any other failure as it failed (`submit-failed`).
 */
export function submitFailure(error: unknown, newClientToken?: () => string): WizardAction {
  const nextClientToken = retryClientToken(error, newClientToken);
  if (nextClientToken === undefined) return { type: 'submit-failed', ...failureOf(error) };
  const { code, message } = problemOf(error);
  return { type: 'submit-job-failed', code: code ?? 'JobFailed', message, nextClientToken };
}
