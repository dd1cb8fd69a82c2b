// Fault injection for the local ALB: latency, 500s, throttling, dropped connections and requests
// that never get an answer, globally or per action, decided by a seeded PRNG so a test run is
// reproducible. Mutating actions can fail after their work is done — the case ClientToken exists for.
// Failures can answer with chosen codes (the busy states clients are expected to retry), and
// asynchronous jobs can end `Failed`.
import { ApiError } from './errors.js';
import { createPrng, type Prng } from './prng.js';

/**
 * The codes `codes` may name, with the HTTP status and message ALB answers them with: the busy
 * states Terraform's provider retries, and the plain server failures.
 */
export const FAULT_CODES: Readonly<Record<string, { httpStatus: number; message: string }>> = {
  InternalError: {
    httpStatus: 500,
    message: 'The request processing has failed due to some unknown error, exception or failure.',
  },
  ServiceUnavailable: {
    httpStatus: 503,
    message: 'The request has failed due to a temporary failure of the server.',
  },
  SystemBusy: { httpStatus: 503, message: 'The system is busy. Please try again later.' },
  'Conflict.Lock': {
    httpStatus: 400,
    message: 'The resource is being changed by another request. Please try again later.',
  },
  IdempotenceProcessing: {
    httpStatus: 400,
    message: 'The request with the same ClientToken is being processed. Please try again later.',
  },
  'IncorrectStatus.Listener': { httpStatus: 400, message: 'The status of the listener is incorrect.' },
  'ResourceInConfiguring.Listener': {
    httpStatus: 400,
    message: 'The specified resource of the listener is being configured, please try again later.',
  },
  'IncorrectStatus.LoadBalancer': {
    httpStatus: 400,
    message: 'The status of the load balancer is incorrect.',
  },
  'IncorrectBusinessStatus.LoadBalancer': {
    httpStatus: 400,
    message: 'The business status of the load balancer is incorrect.',
  },
};

/** The answer to a request that a fault with `code` strikes. */
export function faultError(code: string): ApiError {
  const known = FAULT_CODES[code] ?? FAULT_CODES['InternalError']!;
  return new ApiError(code, known.httpStatus, known.message);
}

/** How an injected asynchronous failure reads in `ListAsynJobs`. */
export interface AsyncFailure {
  code: string;
  message: string;
}

export interface FaultSpec {
  /** Added to every answer. */
  latencyMs?: number;
  /** Extra random latency in [0, jitterMs). */
  jitterMs?: number;
  /** Share of requests answered `InternalError` (HTTP 500). */
  failureRate?: number;
  /** Share of requests answered `Throttling.User`, with `x-acs-retry-after`. */
  throttleRate?: number;
  /** The `x-acs-retry-after` value in milliseconds; 1000 when absent. */
  retryAfterMs?: number;
  /** Share of requests whose connection is destroyed without any answer. */
  dropRate?: number;
  /** Share of requests never answered (the client's read timeout fires). */
  timeoutRate?: number;
  /**
   * For mutating actions (CreateListener, DeleteListener): the share of failures, drops and
   * timeouts that strike after the work is done rather than before it. 0.5 when absent.
   */
  afterWorkShare?: number;
  /**
   * The codes failures (`failureRate`) answer with, one picked at random each time, instead of
   * `InternalError`; see FAULT_CODES. Such failures strike before the work: the service refused.
   */
  codes?: string[];
  /** Share of asynchronous jobs (listener creation and deletion) that end `Failed`. */
  asyncFailureRate?: number;
}

export interface FaultOptions extends FaultSpec {
  /** Seed of the fault PRNG; the emulator's seed when absent. */
  seed?: number;
  /** Per action overrides, e.g. `{ CreateListener: { failureRate: 0.3 } }`. */
  actions?: Record<string, FaultSpec>;
}

export type FaultKind = 'none' | 'error' | 'throttle' | 'drop' | 'timeout';

export interface FaultDecision {
  delayMs: number;
  kind: FaultKind;
  /** True when the fault happens after the action ran (mutating actions only). */
  afterWork: boolean;
  retryAfterMs: number;
  /** For kind `error`: the code to answer with (`InternalError` when absent). */
  code?: string;
}

const RATE_KEYS = [
  'failureRate',
  'throttleRate',
  'dropRate',
  'timeoutRate',
  'afterWorkShare',
  'asyncFailureRate',
] as const;

/** Returns a description of the first invalid setting, or undefined. */
export function faultProblem(options: FaultOptions): string | undefined {
  const specs: [string, FaultSpec][] = [
    ['faults', options],
    ...Object.entries(options.actions ?? {}).map(([a, s]): [string, FaultSpec] => [`faults.actions.${a}`, s]),
  ];
  for (const [where, spec] of specs) {
    for (const key of RATE_KEYS) {
      const value = spec[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1))
        return `${where}.${key} must be between 0 and 1`;
    }
    for (const key of ['latencyMs', 'jitterMs', 'retryAfterMs'] as const) {
      const value = spec[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0))
        return `${where}.${key} must be a non-negative number`;
    }
    const unknown = spec.codes?.find((code) => !Object.hasOwn(FAULT_CODES, code));
    if (unknown !== undefined)
      return `${where}.codes: unknown code "${unknown}" (known: ${Object.keys(FAULT_CODES).join(', ')})`;
    const total =
      (spec.failureRate ?? 0) + (spec.throttleRate ?? 0) + (spec.dropRate ?? 0) + (spec.timeoutRate ?? 0);
    if (total > 1 + 1e-9) return `${where}: the fault rates add up to more than 1`;
  }
  return undefined;
}

export class FaultInjector {
  private prng: Prng;
  /** A PRNG of its own, so asynchronous failures never shift the luck of requests. */
  private asyncPrng: Prng;

  constructor(
    private options: FaultOptions,
    private readonly defaultSeed: number,
  ) {
    this.prng = createPrng(options.seed ?? defaultSeed);
    this.asyncPrng = createPrng((options.seed ?? defaultSeed) + 1);
  }

  /** Replaces the settings and restarts the PRNGs from the seed. */
  set(options: FaultOptions): void {
    this.options = options;
    this.prng = createPrng(options.seed ?? this.defaultSeed);
    this.asyncPrng = createPrng((options.seed ?? this.defaultSeed) + 1);
  }

  /** Whether the asynchronous job an action starts is to fail, and how it then reads. */
  decideAsync(action: string): AsyncFailure | undefined {
    const rate = this.options.actions?.[action]?.asyncFailureRate ?? this.options.asyncFailureRate ?? 0;
    if (rate <= 0 || this.asyncPrng.next() >= rate) return undefined;
    return {
      code: 'InternalError',
      message: `The asynchronous task of ${action} failed (a fault injected by the local ALB's settings).`,
    };
  }

  get active(): boolean {
    return hasFaults(this.options) || Object.values(this.options.actions ?? {}).some(hasFaults);
  }

  decide(action: string, mutating: boolean): FaultDecision {
    const spec: FaultSpec = { ...withoutActions(this.options), ...this.options.actions?.[action] };
    const retryAfterMs = spec.retryAfterMs ?? 1000;
    if (!hasFaults(spec)) return { delayMs: 0, kind: 'none', afterWork: false, retryAfterMs };
    // Always the same number of draws per request, so one request's settings never shift the next one's luck.
    const jitterDraw = this.prng.next();
    const kindDraw = this.prng.next();
    const whenDraw = this.prng.next();
    const delayMs = (spec.latencyMs ?? 0) + (spec.jitterMs ? Math.floor(jitterDraw * spec.jitterMs) : 0);
    let kind: FaultKind = 'none';
    let threshold = 0;
    for (const [candidate, rate] of [
      ['timeout', spec.timeoutRate],
      ['drop', spec.dropRate],
      ['throttle', spec.throttleRate],
      ['error', spec.failureRate],
    ] as const) {
      threshold += rate ?? 0;
      if (kindDraw < threshold) {
        kind = candidate;
        break;
      }
    }
    const codes = spec.codes ?? [];
    if (kind === 'error' && codes.length > 0) {
      // A chosen code is a refusal: nothing was done, so it never strikes after the work.
      const code = codes[Math.min(codes.length - 1, Math.floor(whenDraw * codes.length))]!;
      return { delayMs, kind, afterWork: false, retryAfterMs, code };
    }
    const afterWork =
      mutating && kind !== 'none' && kind !== 'throttle' && whenDraw < (spec.afterWorkShare ?? 0.5);
    return { delayMs, kind, afterWork, retryAfterMs };
  }
}

function withoutActions(options: FaultOptions): FaultSpec {
  const spec: FaultSpec & { actions?: unknown; seed?: unknown } = { ...options };
  delete spec.actions;
  delete spec.seed;
  return spec;
}

function hasFaults(spec: FaultSpec): boolean {
  return Boolean(
    spec.latencyMs ||
    spec.jitterMs ||
    spec.failureRate ||
    spec.throttleRate ||
    spec.dropRate ||
    spec.timeoutRate,
  );
}
