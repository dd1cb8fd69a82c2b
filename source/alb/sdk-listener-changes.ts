// Changes to existing listeners through the official SDK's typed calls (issue 16): update, start, stop,
// extra certificates, and the wait that follows certificate associations. SdkAlbClient lends it its
// plumbing (retrying transport, job look-up, clock) and delegates to it.
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
import { AlbError } from './errors.js';
import {
  changeOf,
  changeSettings,
  sendChange,
  waitForStatuses,
  type ChangeReply,
  type PollChannel,
} from './sdk-change.js';

/** The most certificates one association or dissociation call takes. */
export const MAX_CERTIFICATES_PER_CALL = 15;

/** What the SDK client lends: its SDK object, its retrying call, its job check, its clock and its certificate listing. */
export interface ChangeChannel extends PollChannel {
  listListenerCertificates(
    listenerId: string,
    signal: AbortSignal | undefined,
  ): Promise<ListenerCertificate[]>;
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
    return waitForStatuses(
      this.channel,
      {
        action: 'ListListenerCertificates',
        keys: certificateIds,
        list: () => this.channel.listListenerCertificates(listenerId, options.signal),
        keyOf: (certificate) => certificate.certificateId,
        timeout: (last, timeoutMs) => this.certificateTimeout(listenerId, options.until, timeoutMs, last),
      },
      options,
    );
  }

  /** Sends one change to a listener (see sendChange). */
  private async change(
    listenerId: string,
    action: string,
    options: UpdateOptions,
    build: (clientToken: string, dryRun: boolean) => (runtime: $dara.RuntimeOptions) => Promise<ChangeReply>,
  ): Promise<ListenerChange | DryRunPassed> {
    const check = { en: `check listener ${listenerId}`, 'zh-CN': `请检查监听 ${listenerId}` };
    return changeOf(await sendChange(this.channel, action, changeSettings(options), check, build));
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
