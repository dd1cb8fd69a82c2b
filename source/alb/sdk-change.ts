// What every change through the official SDK's typed calls shares, whatever it changes (listeners,
// certificates, rules, servers): the ClientToken and the dry run of the call itself, and the wait
// that polls until the change has reached its end state. Each part keeps its own request classes
// and its own messages; the read-only refusal stays in front of all of them (read-only-client.ts).
import { randomUUID } from 'node:crypto';
import type * as $dara from '@darabonba/typescript';
import type { Localized } from '../domain/i18n.js';
import type { DryRunPassed, ListenerChange, UpdateOptions } from './client.js';
import { AlbError, isAlbError, toAlbError } from './errors.js';
import type { AlbSdkClient, SdkTransport } from './sdk-transport.js';

export const DEFAULT_WAIT_INTERVAL_MS = 1_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 300_000;

/** What the SDK client lends its parts: its SDK object and its retrying call. */
export interface SdkChannel {
  readonly endpoint: string;
  readonly alb: AlbSdkClient;
  /** One call under the retry policy; every change carries a ClientToken, so it is idempotent. */
  call<T>(
    action: string,
    run: (runtime: $dara.RuntimeOptions) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T>;
}

/** The clock a wait polls by. */
export interface PollClock {
  readonly endpoint: string;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

/** A channel for changes and the waits that follow them: also the job check and the clock. */
export interface PollChannel extends SdkChannel, PollClock {
  /** Throws the job's error when the job has failed; resolves otherwise (also when it is unknown). */
  throwIfJobFailed(jobId: string, signal: AbortSignal | undefined): Promise<unknown>;
}

/** The transport's SDK object, retrying call and clock, as the parts take them. */
export function transportChannel(transport: SdkTransport): SdkChannel & PollClock {
  return {
    endpoint: transport.endpoint,
    alb: transport.alb,
    call: transport.albCall.bind(transport),
    sleep: (ms, signal) => transport.env.sleep(ms, signal),
    now: () => transport.now(),
  };
}

export interface ChangeReply {
  body?: { jobId?: string | undefined; requestId?: string | undefined } | undefined;
}

export interface ChangeSettings {
  dryRun: boolean;
  /** The caller's token for the real call; one is made when it is missing or empty. */
  clientToken?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The settings of a change made with the port's options (a dry run only when asked for). */
export function changeSettings(options: UpdateOptions): ChangeSettings {
  return { dryRun: options.dryRun === true, clientToken: options.clientToken, signal: options.signal };
}

/** A change the service took: its job and token, and the reply for what else it carries. */
export interface SentChange<Reply> {
  change: ListenerChange;
  reply: Reply;
}

/**
 * Sends one change. A dry run has no effect, so it never shares the change's token: the service
 * must not take the real call for a repeat of the precheck. The real call carries the caller's
 * token (or one made here) on every retry, so a retry after a lost reply is the same change.
 * `check` says what to look at when the service answers a dry run as if it were real.
 */
export async function sendChange<Reply extends ChangeReply>(
  channel: SdkChannel,
  action: string,
  settings: ChangeSettings,
  check: Localized,
  build: (clientToken: string, dryRun: boolean) => (runtime: $dara.RuntimeOptions) => Promise<Reply>,
): Promise<SentChange<Reply> | DryRunPassed> {
  const { dryRun } = settings;
  const clientToken = dryRun ? randomUUID() : settings.clientToken || randomUUID();
  let reply: Reply;
  try {
    reply = await channel.call(action, build(clientToken, dryRun), settings.signal);
  } catch (error) {
    if (dryRun && isAlbError(error) && error.code === 'DryRunOperation') return { dryRun: 'passed' };
    throw error;
  }
  if (dryRun) {
    throw new AlbError({
      kind: 'protocol',
      action,
      endpoint: channel.endpoint,
      requestId: reply.body?.requestId,
      message: {
        en: `${channel.endpoint} answered a dry run of ${action} as if it were real; ${check.en}`,
        'zh-CN': `${channel.endpoint} 把 ${action} 的预检当作真实请求处理；${check['zh-CN']}`,
      },
    });
  }
  return { change: { jobId: reply.body?.jobId ?? '', clientToken }, reply };
}

/** The job and token of a change that was sent, or the dry run that passed. */
export function changeOf<Reply>(sent: SentChange<Reply> | DryRunPassed): ListenerChange | DryRunPassed {
  return 'dryRun' in sent ? sent : sent.change;
}

export interface PollSettings {
  /** Between polls; 1000 unless given. */
  intervalMs?: number | undefined;
  /** Gives up with `timeout(timeoutMs)`; 5 minutes unless given. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Polls until `poll` answers `{ done }`, sleeping `intervalMs` between polls; throws `timeout` once
 * the next poll would come after the deadline (counted from before the first poll). An abort while
 * sleeping ends the wait with the abort as an AlbError of `action`.
 */
export async function pollUntil<T>(
  clock: PollClock,
  action: string,
  settings: PollSettings,
  poll: () => Promise<{ done: T } | undefined>,
  timeout: (timeoutMs: number) => AlbError,
): Promise<T> {
  const intervalMs = settings.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const result = await poll();
    if (result) return result.done;
    if (clock.now() + intervalMs > deadline) throw timeout(timeoutMs);
    try {
      await clock.sleep(intervalMs, settings.signal);
    } catch (error) {
      throw toAlbError(error, { action, endpoint: clock.endpoint });
    }
  }
}

export interface StatusWaitOptions extends PollSettings {
  until: string;
  /** The change's job: when it fails, the wait ends with its error at once. */
  jobId?: string | undefined;
  /** Each item's status, once seen and whenever it changes (`gone` once it is missing). */
  onStatus?: ((key: string, status: string) => void) | undefined;
}

/** What a wait for many items' statuses lists, and how it names them. */
export interface StatusWait<Item> {
  /** The listing polled (ListListenerCertificates, ListServerGroupServers): its action names an abort. */
  action: string;
  keys: readonly string[];
  list(): Promise<Item[]>;
  keyOf(item: Item): string;
  /** The error once the time is up, from the last status of each key. */
  timeout(last: ReadonlyMap<string, string>, timeoutMs: number): AlbError;
}

/**
 * Polls `wait.list()` until every key's item has the status `until` (`gone` when missing); resolves
 * the last listing. With the job, a failed change ends the wait with its error (it rolled back).
 */
export function waitForStatuses<Item extends { status: string }>(
  channel: PollChannel,
  wait: StatusWait<Item>,
  options: StatusWaitOptions,
): Promise<Item[]> {
  const last = new Map<string, string>();
  return pollUntil(
    channel,
    wait.action,
    options,
    async () => {
      const listed = await wait.list();
      const byKey = new Map(listed.map((item) => [wait.keyOf(item), item]));
      let done = true;
      for (const key of wait.keys) {
        const status = byKey.get(key)?.status ?? 'gone';
        if (last.get(key) !== status) options.onStatus?.(key, status);
        last.set(key, status);
        if (status !== options.until) done = false;
      }
      if (done) return { done: listed };
      if (options.jobId) await channel.throwIfJobFailed(options.jobId, options.signal);
      return undefined;
    },
    (timeoutMs) => wait.timeout(last, timeoutMs),
  );
}
