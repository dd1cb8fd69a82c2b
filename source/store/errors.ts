// Errors the store raises: a code to branch on and a message in both languages.
import type { Localized } from '../domain/i18n.js';

export type StoreErrorCode =
  'invalid' | 'not-found' | 'conflict' | 'builtin' | 'read-only' | 'secret' | 'locked' | 'io';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly localized: Localized;
  /** Every problem, when there is more than one (e.g. several invalid fields). */
  readonly problems: readonly Localized[];

  constructor(code: StoreErrorCode, message: Localized, problems: readonly Localized[] = [message]) {
    super(message.en);
    this.name = 'StoreError';
    this.code = code;
    this.localized = message;
    this.problems = problems;
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
