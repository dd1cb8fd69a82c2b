// A listener's life through the official SDK's typed calls: create (ClientToken, dry run), delete,
// and the wait until it runs, stops or is gone, read with its job (a failed change rolls back).
import { randomUUID } from 'node:crypto';
import * as $Alb from '@alicloud/alb20200616';
import type { CreateListenerRequest } from '../domain/create-request.js';
import type { AsyncJob, Listener, ListenerStatus } from '../domain/resources.js';
import type {
  CallOptions,
  CreatedListener,
  CreateOptions,
  DeletedListener,
  DryRunPassed,
  WaitOptions,
} from './client.js';
import { AlbError, isAlbError, toAlbError } from './errors.js';
import type { SdkTransport } from './sdk-transport.js';

const DEFAULT_WAIT_INTERVAL_MS = 1_000;
const DEFAULT_WAIT_TIMEOUT_MS = 300_000;
/** Polls a just-created listener may be missing for (eventual consistency) before that counts as an error. */
const MISSING_POLLS_TOLERATED = 3;

/** The reads a wait polls, lent by the client. */
export interface LifecycleReads {
  getListener(listenerId: string, options: CallOptions): Promise<Listener>;
  throwIfJobFailed(jobId: string, signal: AbortSignal | undefined): Promise<AsyncJob['status'] | undefined>;
}

export class SdkListenerLifecycle {
  constructor(
    private readonly transport: SdkTransport,
    private readonly reads: LifecycleReads,
  ) {}

  private get endpoint(): string {
    return this.transport.endpoint;
  }

  async createListener(
    request: CreateListenerRequest,
    options: CreateOptions = {},
  ): Promise<CreatedListener | DryRunPassed> {
    const dryRun = options.dryRun ?? request.dryRun ?? false;
    // A dry run has no effect, so it never shares the submission's token: the service must not
    // take the real call for a repeat of the precheck.
    const clientToken = dryRun ? randomUUID() : request.clientToken || randomUUID();
    const model = new $Alb.CreateListenerRequest({ ...request, clientToken, dryRun });
    let response: $Alb.CreateListenerResponse;
    try {
      // The token makes the call idempotent: a retry after a lost reply returns the same listener.
      response = await this.transport.albCall(
        'CreateListener',
        (rt) => this.transport.alb.createListenerWithOptions(model, rt),
        options.signal,
      );
    } catch (error) {
      if (dryRun && isAlbError(error) && error.code === 'DryRunOperation') return { dryRun: 'passed' };
      throw error;
    }
    const listenerId = response.body?.listenerId;
    if (dryRun || !listenerId) {
      throw new AlbError({
        kind: 'protocol',
        action: 'CreateListener',
        endpoint: this.endpoint,
        requestId: response.body?.requestId,
        message: dryRun
          ? {
              en: `${this.endpoint} answered a dry run of CreateListener as if it were real; check the listeners of ${request.loadBalancerId}`,
              'zh-CN': `${this.endpoint} 把 CreateListener 的预检当作真实请求处理；请检查 ${request.loadBalancerId} 的监听`,
            }
          : {
              en: `${this.endpoint} created a listener but returned no ListenerId`,
              'zh-CN': `${this.endpoint} 创建了监听，但未返回 ListenerId`,
            },
      });
    }
    return { listenerId, jobId: response.body?.jobId ?? '', clientToken };
  }

  async deleteListener(
    listenerId: string,
    clientToken?: string,
    options: CallOptions = {},
  ): Promise<DeletedListener> {
    const token = clientToken || randomUUID();
    const request = new $Alb.DeleteListenerRequest({ listenerId, clientToken: token });
    const response = await this.transport.call(
      'alb',
      'DeleteListener',
      async (rt, attempt) => {
        try {
          return await this.transport.alb.deleteListenerWithOptions(request, rt);
        } catch (error) {
          // A retry that finds the listener gone means the lost first attempt did the work.
          if (attempt > 1 && (error as { code?: unknown }).code === 'ResourceNotFound.Listener')
            return undefined;
          throw error;
        }
      },
      { idempotent: true, signal: options.signal },
    );
    return { jobId: response?.body?.jobId ?? '', clientToken: token };
  }

  async waitForListener(
    listenerId: string,
    options: WaitOptions & { until: 'Running' | 'Stopped' | 'gone' },
  ): Promise<Listener | undefined> {
    const intervalMs = options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const deadline = this.transport.now() + timeoutMs;
    const opposite =
      options.until === 'Running' ? 'Stopped' : options.until === 'Stopped' ? 'Running' : undefined;
    let lastStatus: ListenerStatus | 'gone' | undefined;
    let missingPolls = 0;
    const report = (status: ListenerStatus | 'gone') => {
      if (status !== lastStatus) options.onStatus?.(status);
      lastStatus = status;
    };
    for (;;) {
      let listener: Listener | undefined;
      try {
        listener = await this.reads.getListener(listenerId, { signal: options.signal });
      } catch (error) {
        if (!isAlbError(error) || error.kind !== 'notFound') throw error;
        if (options.until === 'gone') {
          report('gone');
          return undefined;
        }
        if (++missingPolls > MISSING_POLLS_TOLERATED && !options.jobId) throw error;
      }
      const status = listener?.listenerStatus;
      if (status) report(status);
      if (listener && (status === options.until || status === opposite)) {
        // A change that fails rolls the listener back to where it was, and a change not yet begun
        // still shows the old status: with its job, only the job tells which.
        const job = options.jobId
          ? await this.reads.throwIfJobFailed(options.jobId, options.signal)
          : undefined;
        if (job !== 'Processing') {
          if (status === options.until) return listener;
          throw this.waitStateError(listenerId, status!, options.until as 'Running' | 'Stopped');
        }
      } else if (options.jobId) await this.reads.throwIfJobFailed(options.jobId, options.signal);
      if (this.transport.now() + intervalMs > deadline)
        throw this.waitTimeoutError(listenerId, options.until, timeoutMs, lastStatus);
      try {
        await this.transport.env.sleep(intervalMs, options.signal);
      } catch (error) {
        throw toAlbError(error, { action: 'GetListenerAttribute', endpoint: this.endpoint });
      }
    }
  }

  private waitStateError(listenerId: string, status: string, goal: 'Running' | 'Stopped'): AlbError {
    return new AlbError({
      kind: 'state',
      action: 'GetListenerAttribute',
      endpoint: this.endpoint,
      message: {
        en: `listener ${listenerId} is ${status} and will not become ${goal} by itself`,
        'zh-CN': `监听 ${listenerId} 处于 ${status} 状态，不会自行变为 ${goal}`,
      },
    });
  }

  private waitTimeoutError(
    listenerId: string,
    until: 'Running' | 'Stopped' | 'gone',
    timeoutMs: number,
    lastStatus: string | undefined,
  ): AlbError {
    const seconds = Math.round(timeoutMs / 1000);
    const goal =
      until === 'gone' ? { en: 'disappear', zh: '被删除' } : { en: `become ${until}`, zh: `变为 ${until}` };
    const last = lastStatus
      ? { en: ` (last status: ${lastStatus})`, zh: `（最后状态：${lastStatus}）` }
      : { en: '', zh: '' };
    return new AlbError({
      kind: 'timeout',
      action: 'GetListenerAttribute',
      endpoint: this.endpoint,
      message: {
        en: `listener ${listenerId} did not ${goal.en} within ${seconds} s${last.en}; check it again later`,
        'zh-CN': `监听 ${listenerId} 未在 ${seconds} 秒内${goal.zh}${last.zh}；请稍后再查看`,
      },
    });
  }
}
