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
import { AlbError, isAlbError } from './errors.js';
import { pollUntil, sendChange, transportChannel, type PollClock, type SdkChannel } from './sdk-change.js';
import type { SdkTransport } from './sdk-transport.js';

/** Polls a just-created listener may be missing for (eventual consistency) before that counts as an error. */
const MISSING_POLLS_TOLERATED = 3;

/** The reads a wait polls, lent by the client. */
export interface LifecycleReads {
  getListener(listenerId: string, options: CallOptions): Promise<Listener>;
  throwIfJobFailed(jobId: string, signal: AbortSignal | undefined): Promise<AsyncJob['status'] | undefined>;
}

export class SdkListenerLifecycle {
  private readonly channel: SdkChannel & PollClock;

  constructor(
    private readonly transport: SdkTransport,
    private readonly reads: LifecycleReads,
  ) {
    this.channel = transportChannel(transport);
  }

  private get endpoint(): string {
    return this.transport.endpoint;
  }

  async createListener(
    request: CreateListenerRequest,
    options: CreateOptions = {},
  ): Promise<CreatedListener | DryRunPassed> {
    const dryRun = options.dryRun ?? request.dryRun ?? false;
    const check = {
      en: `check the listeners of ${request.loadBalancerId}`,
      'zh-CN': `请检查 ${request.loadBalancerId} 的监听`,
    };
    // The token makes the call idempotent: a retry after a lost reply returns the same listener.
    const sent = await sendChange(
      this.channel,
      'CreateListener',
      { dryRun, clientToken: request.clientToken, signal: options.signal },
      check,
      (clientToken, dryRunToSend) => {
        const model = new $Alb.CreateListenerRequest({ ...request, clientToken, dryRun: dryRunToSend });
        return (rt) => this.transport.alb.createListenerWithOptions(model, rt);
      },
    );
    if ('dryRun' in sent) return sent;
    const listenerId = sent.reply.body?.listenerId;
    if (!listenerId) {
      throw new AlbError({
        kind: 'protocol',
        action: 'CreateListener',
        endpoint: this.endpoint,
        requestId: sent.reply.body?.requestId,
        message: {
          en: `${this.endpoint} created a listener but returned no ListenerId`,
          'zh-CN': `${this.endpoint} 创建了监听，但未返回 ListenerId`,
        },
      });
    }
    return { listenerId, ...sent.change };
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
    const opposite =
      options.until === 'Running' ? 'Stopped' : options.until === 'Stopped' ? 'Running' : undefined;
    let lastStatus: ListenerStatus | 'gone' | undefined;
    let missingPolls = 0;
    const report = (status: ListenerStatus | 'gone') => {
      if (status !== lastStatus) options.onStatus?.(status);
      lastStatus = status;
    };
    return pollUntil<Listener | undefined>(
      this.channel,
      'GetListenerAttribute',
      options,
      async () => {
        let listener: Listener | undefined;
        try {
          listener = await this.reads.getListener(listenerId, { signal: options.signal });
        } catch (error) {
          if (!isAlbError(error) || error.kind !== 'notFound') throw error;
          if (options.until === 'gone') {
            report('gone');
            return { done: undefined };
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
            if (status === options.until) return { done: listener };
            throw this.waitStateError(listenerId, status!, options.until as 'Running' | 'Stopped');
          }
        } else if (options.jobId) await this.reads.throwIfJobFailed(options.jobId, options.signal);
        return undefined;
      },
      (timeoutMs) => this.waitTimeoutError(listenerId, options.until, timeoutMs, lastStatus),
    );
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
