// An in-memory ListenerChanges for the fake clients of view and command tests: updates, start/stop and
// extra certificates applied at once to the fake's listeners, with the service's refusals (busy,
// HTTP listener, default certificate, already associated), DryRun, ClientToken replay, and switches
// to make a change fail before or after its work.
import type {
  CertificateWaitOptions,
  ChangeOptions,
  DryRunPassed,
  ListenerCertificate,
  ListenerChange,
  ListenerChanges,
  UpdateOptions,
} from '../../source/alb/client.js';
import { AlbError, type AlbErrorKind } from '../../source/alb/errors.js';
import type { Listener } from '../../source/domain/resources.js';
import type { UpdateListenerRequest } from '../../source/domain/update-request.js';

export type ChangeAction =
  | 'UpdateListenerAttribute'
  | 'StartListener'
  | 'StopListener'
  | 'AssociateAdditionalCertificatesWithListener'
  | 'DissociateAdditionalCertificatesFromListener';

export interface ChangeCall {
  action: ChangeAction;
  listenerId: string;
  dryRun: boolean;
  clientToken: string;
  request?: UpdateListenerRequest;
  certificateIds?: string[];
}

export function changeError(kind: AlbErrorKind, code: string, en: string, zh: string): AlbError {
  return new AlbError({ kind, code, message: { en, 'zh-CN': zh } });
}

export class InMemoryListenerChanges implements ListenerChanges {
  /** Every change asked for, dry runs included, in order. */
  readonly calls: ChangeCall[] = [];
  /** Extra (SNI) certificates by listener, in association order. */
  readonly extraCertificates = new Map<string, string[]>();
  /** Thrown by the next change before it does anything (then cleared). */
  failNext: AlbError | undefined;
  /** The next this-many real changes do their work and then lose their reply (a network error). */
  loseReplies = 0;
  /** Checks an update before it applies (e.g. the domain's update rules); a returned error is thrown. */
  checkUpdate: ((listener: Listener, request: UpdateListenerRequest) => AlbError | undefined) | undefined;
  private readonly done = new Map<string, ListenerChange>();
  private nextJob = 1;

  /** `listeners` is read on every call: the fake's own list, changed in place. */
  constructor(private readonly listeners: () => Listener[]) {}

  /** The default certificate first, then the extra ones (what ListListenerCertificates answers). */
  certificatesOf(listener: Listener): ListenerCertificate[] {
    const server = (listener.certificates ?? []).slice(0, 1).map((c) => ({
      certificateId: c.certificateId,
      certificateType: 'Server' as const,
      isDefault: true,
      status: 'Associated',
    }));
    const extra = (this.extraCertificates.get(listener.listenerId) ?? []).map((certificateId) => ({
      certificateId,
      certificateType: 'Server' as const,
      isDefault: false,
      status: 'Associated',
    }));
    const ca = (listener.caCertificates ?? []).map((c) => ({
      certificateId: c.certificateId,
      certificateType: 'Ca' as const,
      isDefault: c.isDefault,
      status: c.status,
    }));
    return [...server, ...extra, ...ca];
  }

  updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions & { dryRun: true },
  ): Promise<DryRunPassed>;
  updateListener(
    request: UpdateListenerRequest,
    options?: UpdateOptions,
  ): Promise<ListenerChange | DryRunPassed>;
  async updateListener(
    request: UpdateListenerRequest,
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    return this.change('UpdateListenerAttribute', request.listenerId, options, { request }, (listener) => {
      const refusal = this.checkUpdate?.(listener, request);
      if (refusal) throw refusal;
      return () => applyUpdate(listener, request);
    });
  }

  async startListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return (await this.change('StartListener', listenerId, options, {}, (listener) => () => {
      listener.listenerStatus = 'Running';
    })) as ListenerChange;
  }

  async stopListener(listenerId: string, options: ChangeOptions = {}): Promise<ListenerChange> {
    return (await this.change('StopListener', listenerId, options, {}, (listener) => () => {
      listener.listenerStatus = 'Stopped';
    })) as ListenerChange;
  }

  async associateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const ids = [...certificateIds];
    return this.change(
      'AssociateAdditionalCertificatesWithListener',
      listenerId,
      options,
      { certificateIds: ids },
      (listener) => {
        this.checkCertificates(listener, ids);
        const attached = this.certificatesOf(listener).map((c) => c.certificateId);
        const again = ids.find((id) => attached.includes(id));
        if (again)
          throw changeError(
            'conflict',
            'ResourceAlreadyAssociated.Certificate',
            `The specified resource ${again} is already associated.`,
            `证书 ${again} 已关联`,
          );
        return () => this.extraCertificates.set(listenerId, [...this.extraOf(listenerId), ...ids]);
      },
    );
  }

  async dissociateCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: UpdateOptions = {},
  ): Promise<ListenerChange | DryRunPassed> {
    const ids = [...certificateIds];
    return this.change(
      'DissociateAdditionalCertificatesFromListener',
      listenerId,
      options,
      { certificateIds: ids },
      (listener) => {
        this.checkCertificates(listener, ids);
        const defaultId = listener.certificates?.[0]?.certificateId;
        if (defaultId !== undefined && ids.includes(defaultId))
          throw changeError(
            'invalid',
            'OperationDenied.DefaultCertificateUsed',
            `The operation is not allowed because of ${defaultId}.`,
            `默认证书 ${defaultId} 不能解除关联`,
          );
        const missing = ids.find((id) => !this.extraOf(listenerId).includes(id));
        if (missing)
          throw changeError(
            'invalid',
            'ResourceNotAssociated.Certificate',
            `The specified resource ${missing} is not associated.`,
            `证书 ${missing} 未关联`,
          );
        return () =>
          this.extraCertificates.set(
            listenerId,
            this.extraOf(listenerId).filter((id) => !ids.includes(id)),
          );
      },
    );
  }

  async waitForCertificates(
    listenerId: string,
    certificateIds: readonly string[],
    options: CertificateWaitOptions,
  ): Promise<ListenerCertificate[]> {
    const attached = this.certificatesOf(this.find(listenerId));
    for (const id of certificateIds) {
      const status = attached.find((c) => c.certificateId === id)?.status ?? 'gone';
      options.onStatus?.(id, status);
      if (status !== options.until)
        throw changeError(
          'state',
          'JobFailed',
          `certificate ${id} is ${status}, not ${options.until}`,
          `证书 ${id} 处于 ${status}，而不是 ${options.until}`,
        );
    }
    return attached;
  }

  private extraOf(listenerId: string): string[] {
    return this.extraCertificates.get(listenerId) ?? [];
  }

  private checkCertificates(listener: Listener, ids: readonly string[]): void {
    if (listener.listenerProtocol === 'HTTP')
      throw changeError(
        'invalid',
        'OperationDenied.HttpListenerNotSupport',
        `The operation is not allowed because of ${listener.listenerId}.`,
        `HTTP 监听 ${listener.listenerId} 不支持扩展证书`,
      );
    if (ids.length < 1 || ids.length > 15)
      throw changeError('invalid', 'InvalidParameter', 'Certificates takes 1 to 15', '证书数量须为 1～15');
  }

  private find(listenerId: string): Listener {
    const listener = this.listeners().find((l) => l.listenerId === listenerId);
    if (!listener)
      throw changeError(
        'notFound',
        'ResourceNotFound.Listener',
        `The specified resource ${listenerId} is not found.`,
        `监听 ${listenerId} 不存在`,
      );
    return listener;
  }

  private async change(
    action: ChangeAction,
    listenerId: string,
    options: UpdateOptions,
    details: Pick<ChangeCall, 'request' | 'certificateIds'>,
    prepare: (listener: Listener) => () => void,
  ): Promise<ListenerChange | DryRunPassed> {
    const dryRun = options.dryRun === true;
    const clientToken = options.clientToken || `token-${this.calls.length + 1}`;
    this.calls.push({ action, listenerId, dryRun, clientToken, ...structuredClone(details) });
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    const key = `${action}:${clientToken}`;
    const replay = dryRun ? undefined : this.done.get(key);
    if (replay) return replay;
    const listener = this.find(listenerId);
    if (listener.listenerStatus === 'Provisioning' || listener.listenerStatus === 'Configuring')
      throw changeError(
        'state',
        'IncorrectStatus.Listener',
        `The status of ${listenerId} [${listener.listenerStatus}] is incorrect.`,
        `监听 ${listenerId} 状态为 ${listener.listenerStatus}，暂不能变更`,
      );
    const apply = prepare(listener);
    if (dryRun) return { dryRun: 'passed' };
    apply();
    const result = { jobId: `job-change-${this.nextJob++}`, clientToken };
    this.done.set(key, result);
    if (this.loseReplies > 0) {
      this.loseReplies -= 1;
      throw new AlbError({
        kind: 'unreachable',
        action,
        networkCode: 'ECONNRESET',
        message: { en: 'the reply was lost (ECONNRESET)', 'zh-CN': '响应丢失（ECONNRESET）' },
      });
    }
    return result;
  }
}

/** Sets the fields the request names (the XForwardedFor and QUIC settings field by field). */
export function applyUpdate(listener: Listener, request: UpdateListenerRequest): void {
  const { listenerId: _id, XForwardedForConfig, quicConfig, caCertificates, ...plain } = request;
  for (const [key, value] of Object.entries(plain)) {
    if (value !== undefined) (listener as unknown as Record<string, unknown>)[key] = structuredClone(value);
  }
  if (XForwardedForConfig)
    listener.XForwardedForConfig = { ...listener.XForwardedForConfig, ...definedOnly(XForwardedForConfig) };
  if (quicConfig) listener.quicConfig = { ...listener.quicConfig, ...definedOnly(quicConfig) };
  if (caCertificates)
    listener.caCertificates = caCertificates.map((c) => ({
      certificateId: c.certificateId,
      isDefault: true,
      status: 'Associated',
    }));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
