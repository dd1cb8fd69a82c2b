// Our own retry loop around single SDK calls (openapi-core's is off): exponential backoff with full
// jitter, `x-acs-retry-after` honoured, abortable, and careful never to repeat a call that may have
// had an effect unless the call is idempotent (a read, or a write that carries its ClientToken).
import type { AlbError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in total, the first one included. 1 = no retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Injectable for tests: time passes only through `sleep`, chance only through `random`. */
export interface RetryEnvironment {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export const realRetryEnvironment: RetryEnvironment = { sleep: abortableSleep, random: Math.random };

/** A refused connection means nothing listens there: worth one more try (a restart), not a long wait. */
export const REFUSED_MAX_ATTEMPTS = 2;
/** The aliyun CLI caps `x-acs-retry-after` the same way. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Codes that say "busy right now" and are safe to repeat: the service refused before doing any work.
 * Terraform's provider retries the same ones on ALB (SystemBusy is a `server` error: retried when the
 * call is idempotent, as every write of ours is by its ClientToken).
 */
export const RETRYABLE_STATE_CODES: ReadonlySet<string> = new Set([
  'IncorrectStatus.LoadBalancer',
  'IncorrectStatus.Listener',
  'ResourceInConfiguring.Listener',
  'IncorrectStatus.Rule',
  'IncorrectBusinessStatus.LoadBalancer',
  'Conflict.Lock',
  'IdempotenceProcessing',
]);
/** A busy resource settles in seconds (a listener is Configuring for a while): wait at least this per attempt. */
export const BUSY_STEP_MS = 1_000;

/**
 * Whether `error`, raised by attempt number `attempt` (1-based), deserves another attempt.
 * `idempotent` says whether repeating the call is harmless even if the failed attempt did its work.
 */
export function shouldRetry(
  error: AlbError,
  attempt: number,
  policy: RetryPolicy,
  idempotent: boolean,
): boolean {
  if (attempt >= policy.maxAttempts) return false;
  switch (error.kind) {
    case 'throttled':
      return true;
    case 'state':
      return error.code !== undefined && RETRYABLE_STATE_CODES.has(error.code);
    case 'unreachable':
      if (error.networkCode === 'ENOTFOUND') return false;
      if (error.networkCode === 'ECONNREFUSED') return attempt < REFUSED_MAX_ATTEMPTS;
      return error.noEffect || idempotent;
    case 'timeout':
    case 'server':
      return error.noEffect || idempotent;
    default:
      return false;
  }
}

/** Full jitter: uniform in [0, min(max, base·2^(attempt-1))], but never sooner than the server asked. */
export function retryDelay(
  error: AlbError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  const asked =
    error.retryAfterMs !== undefined ? Math.min(Math.max(0, error.retryAfterMs), MAX_RETRY_AFTER_MS) : 0;
  const busy =
    error.kind === 'state' && error.code !== undefined && RETRYABLE_STATE_CODES.has(error.code)
      ? Math.min(policy.maxDelayMs, BUSY_STEP_MS * attempt)
      : 0;
  return Math.max(jittered, asked, busy);
}

export interface RetryInfo {
  attempt: number;
  error: AlbError;
  delayMs: number;
}

export interface WithRetryOptions {
  policy: RetryPolicy;
  idempotent: boolean;
  /** Converts whatever the operation threw (or the abort) into an AlbError. */
  toError: (error: unknown) => AlbError;
  signal?: AbortSignal;
  env?: RetryEnvironment;
  onRetry?: (info: RetryInfo) => void;
}

/** Runs `operation` (given the 1-based attempt number) until it succeeds or a retry is not warranted. */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const env = options.env ?? realRetryEnvironment;
  const { signal } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw options.toError(abortReason());
    let error: AlbError;
    try {
      return await raceAbort(operation(attempt), signal);
    } catch (thrown) {
      error = options.toError(signal?.aborted ? abortReason() : thrown);
    }
    if (error.kind === 'aborted' || !shouldRetry(error, attempt, options.policy, options.idempotent))
      throw error;
    const delayMs = retryDelay(error, attempt, options.policy, env.random);
    options.onRetry?.({ attempt, error, delayMs });
    try {
      await env.sleep(delayMs, signal);
    } catch (thrown) {
      throw options.toError(signal?.aborted ? abortReason() : thrown);
    }
  }
}

function abortReason(): Error {
  return new DOMException('The operation was aborted', 'AbortError');
}

/**
 * Settles with `promise`, or rejects with an AbortError as soon as `signal` aborts. The SDK cannot
 * cancel its HTTP request, so the request itself runs on; only our waiting for it stops.
 */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(abortReason());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason());
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
