// Fault injection for the local ALB: latency, 500s, throttling, dropped connections and requests
// that never get an answer, globally or per action, decided by a seeded PRNG so a test run is
// reproducible. Mutating actions can fail after their work is done — the case ClientToken exists for.
import { createPrng, type Prng } from './prng.js';

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
}

const RATE_KEYS = ['failureRate', 'throttleRate', 'dropRate', 'timeoutRate', 'afterWorkShare'] as const;

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
    const total =
      (spec.failureRate ?? 0) + (spec.throttleRate ?? 0) + (spec.dropRate ?? 0) + (spec.timeoutRate ?? 0);
    if (total > 1 + 1e-9) return `${where}: the fault rates add up to more than 1`;
  }
  return undefined;
}

export class FaultInjector {
  private prng: Prng;

  constructor(
    private options: FaultOptions,
    private readonly defaultSeed: number,
  ) {
    this.prng = createPrng(options.seed ?? defaultSeed);
  }

  /** Replaces the settings and restarts the PRNG from the seed. */
  set(options: FaultOptions): void {
    this.options = options;
    this.prng = createPrng(options.seed ?? this.defaultSeed);
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
