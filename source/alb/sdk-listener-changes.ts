// Changes to existing listeners through the official SDK's typed calls (issue 16): update, start, stop,
// extra certificates, and the wait that follows certificate associations. SdkAlbClient lends it its
// plumbing (retrying transport, job look-up, clock) and delegates to it.
import { randomUUID } from 'node:crypto';
import type AlbModule from '@alicloud/alb20200616';
import * as $Alb from '@alicloud/alb20200616';
import type * as $dara from '@darabonba/typescript';
import type { UpdateListenerRequest } from '../domain/update-request.js';
import type {
  CertificateWaitOptions,
  ChangeOptions,
  DryRunPassed,
  ListenerCertificate,
  ListenerChange,
  ListenerChanges,
  UpdateOptions,
} from './client.js';
import { AlbError, isAlbError, toAlbError } from './errors.js';

type AlbSdkClient = InstanceType<typeof AlbModule.default>;

/** The most certificates one association or dissociation call takes. */
export const MAX_CERTIFICATES_PER_CALL = 15;
const DEFAULT_WAIT_INTERVAL_MS = 1_000;
const DEFAULT_WAIT_TIMEOUT_MS = 300_000;

/** What the SDK client lends: its SDK object, its retrying call, its job check and its clock. */
export interface ChangeChannel {
  readonly endpoint: string;
  readonly alb: AlbSdkClient;
  /** One call under the retry policy; every change carries a ClientToken, so it is idempotent. */
  call<T>(
    action: string,
    run: (runtime: $dara.RuntimeOptions) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T>;
  listListenerCertificates(
    listenerId: string,
    signal: AbortSignal | undefined,
  ): Promise<ListenerCertificate[]>;
  /** Throws the job's error when the job has failed; resolves otherwise (also when it is unknown). */
  throwIfJobFailed(jobId: string, signal: AbortSignal | undefined): Promise<unknown>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

interface ChangeReply {
  body?: { jobId?: string | undefined; requestId?: string | undefined } | undefined;
}

export class SdkListenerChanges implements ListenerChanges {
  constructor(private readonly channel: ChangeChannel) {}

  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.change(request.listenerId, 'UpdateListenerAttribute', options, (clientToken, dryRun) => {
      const model = new $Alb.UpdateListenerAttributeRequest({ ...request, clientToken, dryRun });
      return (rt) => this.channel.alb.updateListenerAttributeWithOptions(model, rt);
    });
  }

  async startListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return (await this.change(listenerId, 'StartListener', options, (clientToken) => {
      const model = new $Alb.StartListenerRequest({ listenerId, clientToken });
      return (rt) => this.channel.alb.startListenerWithOptions(model, rt);
    })) as ListenerChange;
  }

  async stopListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return (await this.change(listenerId, 'StopListener', options, (clientToken) => {
      const model = new $Alb.StopListenerRequest({ listenerId, clientToken });
      return (rt) => this.channel.alb.stopListenerWithOptions(model, rt);
    })) as ListenerChange;
  }

  async associateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    this.checkCount('AssociateAdditionalCertificatesWithListener', certificateIds);
    const certificates = certificateIds.map((certificateId) => ({ certificateId }));
    return this.change(
      listenerId,
      'AssociateAdditionalCertificatesWithListener',
      options,
      (clientToken, dryRun) => {
        const model = new $Alb.AssociateAdditionalCertificatesWithListenerRequest({
          listenerId,
          certificates,
          clientToken,
          dryRun,
        });
        return (rt) => this.channel.alb.associateAdditionalCertificatesWithListenerWithOptions(model, rt);
      },
    );
  }

  async dissociateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    this.checkCount('DissociateAdditionalCertificatesFromListener', certificateIds);
    const certificates = certificateIds.map((certificateId) => ({ certificateId }));
    return this.change(
      listenerId,
      'DissociateAdditionalCertificatesFromListener',
      options,
      (clientToken, dryRun) => {
        const model = new $Alb.DissociateAdditionalCertificatesFromListenerRequest({
          listenerId,
          certificates,
          clientToken,
          dryRun,
        });
        return (rt) => this.channel.alb.dissociateAdditionalCertificatesFromListenerWithOptions(model, rt);
      },
    );
  }

  async waitForCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: CertificateWaitOptions,
  ): Promise<ListenerCertificate[]> {
    const intervalMs = options.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const deadline = this.channel.now() + timeoutMs;
    const lastStatus = new Map<string, string>();
    for (;;) {
      const attached = await this.channel.listListenerCertificates(listenerId, options.signal);
      const byId = new Map(attached.map((c) => [c.certificateId, c]));
      let done = true;
      for (const id of certificateIds) {
        const status = byId.get(id)?.status ?? 'gone';
        if (lastStatus.get(id) !== status) options.onStatus?.(id, status);
        lastStatus.set(id, status);
        if (status !== options.until) done = false;
      }
      if (done) return attached;
      if (options.jobId) await this.channel.throwIfJobFailed(options.jobId, options.signal);
      if (this.channel.now() + intervalMs > deadline)
        throw this.certificateTimeout(listenerId, options.until, timeoutMs, lastStatus);
      try {
        await this.channel.sleep(intervalMs, options.signal);
      } catch (error) {
        throw toAlbError(error, { action: 'ListListenerCertificates', endpoint: this.channel.endpoint });
      }
    }
  }

  /**
   * Sends one change. A dry run has no effect, so it never shares the change's token: the service
   * must not take the real call for a repeat of the precheck. The real call carries the caller's
   * token (or one made here) on every retry, so a retry after a lost reply is the same change.
   */
  private async change(
    listenerId: string,
    action: string,
    options: UpdateOptions,
    build: (clientToken: string, dryRun: boolean) => (runtime: $dara.RuntimeOptions) => Promise<ChangeReply>,
  ): Promise<ListenerChange | DryRunPassed> {
    const dryRun = options.dryRun === true;
    const clientToken = dryRun ? randomUUID() : options.clientToken || randomUUID();
    let reply: ChangeReply;
    try {
      reply = await this.channel.call(action, build(clientToken, dryRun), options.signal);
    } catch (error) {
      if (dryRun && isAlbError(error) && error.code === 'DryRunOperation') return { dryRun: 'passed' };
      throw error;
    }
    if (dryRun) {
      throw new AlbError({
        kind: 'protocol',
        action,
        endpoint: this.channel.endpoint,
        requestId: reply.body?.requestId,
        message: {
          en: `${this.channel.endpoint} answered a dry run of ${action} as if it were real; check listener ${listenerId}`,
          'zh-CN': `${this.channel.endpoint} 把 ${action} 的预检当作真实请求处理；请检查监听 ${listenerId}`,
        },
      });
    }
    return { jobId: reply.body?.jobId ?? '', clientToken };
  }

  private checkCount(action: string, certificateIds: readonly string[]): void {
    if (certificateIds.length >= 1 && certificateIds.length <= MAX_CERTIFICATES_PER_CALL) return;
    throw new AlbError({
      kind: 'invalid',
      action,
      parameter: 'Certificates',
      message: {
        en: `${action} takes 1 to ${MAX_CERTIFICATES_PER_CALL} certificates a call, not ${certificateIds.length}`,
        'zh-CN': `${action} 每次可指定 1～${MAX_CERTIFICATES_PER_CALL} 个证书，而不是 ${certificateIds.length} 个`,
      },
    });
  }

  private certificateTimeout(
    listenerId: string,
    until: CertificateWaitOptions['until'],
    timeoutMs: number,
    lastStatus: ReadonlyMap<string, string>,
  ): AlbError {
    const seconds = Math.round(timeoutMs / 1000);
    const pending = [...lastStatus].filter(([, status]) => status !== until);
    const list = pending.map(([id, status]) => `${id}: ${status}`).join(', ');
    const goal =
      until === 'Associated' ? { en: 'become Associated', zh: '变为已关联' } : { en: 'go', zh: '解除关联' };
    return new AlbError({
      kind: 'timeout',
      action: 'ListListenerCertificates',
      endpoint: this.channel.endpoint,
      message: {
        en: `certificates of listener ${listenerId} did not ${goal.en} within ${seconds} s (${list}); check them again later`,
        'zh-CN': `监听 ${listenerId} 的证书未在 ${seconds} 秒内${goal.zh}（${list}）；请稍后再查看`,
      },
    });
  }
}
