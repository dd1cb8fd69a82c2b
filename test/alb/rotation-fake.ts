// An in-memory stand-in for the rotation calls: listeners with their certificates, associations
// that take a few polls to settle, a log of every call in order, and failures to order per call.
import type {
  CertificateWaitOptions,
  ListenerCertificate,
  ListenerChange,
  WaitOptions,
} from '../../source/alb/client.js';
import { AlbError } from '../../source/alb/errors.js';
import type { RotationClient } from '../../source/alb/rotation.js';
import type { Listener, ListenerStatus } from '../../source/domain/resources.js';
import type { UpdateListenerRequest } from '../../source/domain/update-request.js';

export interface FakeListener {
  listenerId: string;
  protocol: Listener['listenerProtocol'];
  status: ListenerStatus;
  certificates: ListenerCertificate[];
  /** The instance; listeners without one share 'alb-1'. */
  loadBalancerId?: string;
}

export interface CallRecord {
  action: string;
  listenerId: string;
  certificateIds: string[];
  clientToken?: string;
}

export class FakeRotationAlb {
  readonly calls: CallRecord[] = [];
  /** Called before each change: throw to make it fail; `after` is true once the work is done. */
  fail: ((call: CallRecord, after: boolean) => AlbError | undefined) | undefined;
  /** Polls an association or a configuration takes to settle. */
  settlePolls = 2;
  /**
   * Refuse a change while another listener of the same instance is still configuring, as ALB does
   * (IncorrectStatus.LoadBalancer); every refusal is kept here.
   */
  oneChangePerInstance = false;
  readonly instanceRefusals: CallRecord[] = [];
  private readonly pending = new Map<string, number>();
  private readonly tokens = new Map<string, string>();
  listeners: Map<string, FakeListener>;

  constructor(listeners: FakeListener[]) {
    this.listeners = new Map(listeners.map((l) => [l.listenerId, structuredClone(l)]));
  }

  private find(listenerId: string): FakeListener {
    const found = this.listeners.get(listenerId);
    if (!found) throw apiError('notFound', 'ResourceNotFound.Listener', 'gone');
    return found;
  }

  private change(call: CallRecord, work: () => void): ListenerChange {
    this.calls.push(call);
    const before = this.fail?.(call, false);
    if (before) throw before;
    if (this.oneChangePerInstance) {
      const instance = this.find(call.listenerId).loadBalancerId ?? 'alb-1';
      const busy = [...this.pending.keys()].some(
        (id) => id !== call.listenerId && (this.listeners.get(id)?.loadBalancerId ?? 'alb-1') === instance,
      );
      if (busy) {
        this.instanceRefusals.push(call);
        throw apiError('invalid', 'IncorrectStatus.LoadBalancer', `${instance} is configuring`);
      }
    }
    const key = `${call.action}:${call.clientToken}`;
    if (!this.tokens.has(key)) {
      work();
      this.tokens.set(key, `job-${this.tokens.size + 1}`);
    }
    const after = this.fail?.(call, true);
    if (after) throw after;
    return { jobId: this.tokens.get(key)!, clientToken: call.clientToken ?? '' };
  }

  private settle(listenerId: string): void {
    const listener = this.find(listenerId);
    const left = (this.pending.get(listenerId) ?? 0) - 1;
    if (left > 0) {
      this.pending.set(listenerId, left);
      return;
    }
    this.pending.delete(listenerId);
    listener.certificates = listener.certificates
      .filter((c) => c.status !== 'Diassociating')
      .map((c) => (c.status === 'Associating' ? { ...c, status: 'Associated' } : c));
    if (listener.status === 'Configuring') listener.status = 'Running';
  }

  readonly client: RotationClient = {
    getListener: async (listenerId) => {
      this.settle(listenerId);
      const l = this.find(listenerId);
      const defaultId = l.certificates.find((c) => c.isDefault)?.certificateId;
      return {
        listenerId,
        listenerStatus: l.status,
        listenerProtocol: l.protocol,
        ...(defaultId ? { certificates: [{ certificateId: defaultId }] } : {}),
      } as Listener;
    },
    listListenerCertificates: async (listenerId) => structuredClone(this.find(listenerId).certificates),
    waitForListener: (async (listenerId: string, options: WaitOptions & { until: string }) => {
      for (;;) {
        const listener = await this.client.getListener(listenerId);
        options.onStatus?.(listener.listenerStatus);
        if (listener.listenerStatus === options.until) return listener;
      }
    }) as RotationClient['waitForListener'],
    updateListener: (async (request: UpdateListenerRequest, options?: { clientToken?: string }) => {
      const certificateId = request.certificates?.[0]?.certificateId ?? '';
      return this.change(
        {
          action: 'UpdateListenerAttribute',
          listenerId: request.listenerId,
          certificateIds: [certificateId],
          ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
        },
        () => {
          const l = this.find(request.listenerId);
          if (l.certificates.some((c) => !c.isDefault && c.certificateId === certificateId))
            throw apiError('invalid', 'ResourceAlreadyAssociated.Certificate', 'extra');
          l.certificates = [
            { certificateId, certificateType: 'Server', isDefault: true, status: 'Associated' },
            ...l.certificates.filter((c) => !c.isDefault),
          ];
          l.status = 'Configuring';
          this.pending.set(request.listenerId, this.settlePolls);
        },
      );
    }) as RotationClient['updateListener'],
    startListener: async () => {
      throw new Error('not used');
    },
    stopListener: async () => {
      throw new Error('not used');
    },
    associateCertificates: (async (
      listenerId: string,
      ids: readonly string[],
      options?: { clientToken?: string },
    ) =>
      this.change(
        {
          action: 'AssociateAdditionalCertificatesWithListener',
          listenerId,
          certificateIds: [...ids],
          ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
        },
        () => {
          const l = this.find(listenerId);
          for (const id of ids) {
            if (l.certificates.some((c) => c.certificateId === id))
              throw apiError('invalid', 'ResourceAlreadyAssociated.Certificate', id);
            l.certificates.push({
              certificateId: id,
              certificateType: 'Server',
              isDefault: false,
              status: 'Associating',
            });
          }
          this.pending.set(listenerId, this.settlePolls);
        },
      )) as RotationClient['associateCertificates'],
    dissociateCertificates: (async (
      listenerId: string,
      ids: readonly string[],
      options?: { clientToken?: string },
    ) =>
      this.change(
        {
          action: 'DissociateAdditionalCertificatesFromListener',
          listenerId,
          certificateIds: [...ids],
          ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
        },
        () => {
          const l = this.find(listenerId);
          for (const id of ids) {
            const bound = l.certificates.find((c) => c.certificateId === id && !c.isDefault);
            if (!bound) throw apiError('invalid', 'ResourceNotAssociated.Certificate', id);
            bound.status = 'Diassociating';
          }
          this.pending.set(listenerId, this.settlePolls);
        },
      )) as RotationClient['dissociateCertificates'],
    waitForCertificates: async (
      listenerId: string,
      ids: readonly string[],
      options: CertificateWaitOptions,
    ) => {
      this.calls.push({ action: `wait:${options.until}`, listenerId, certificateIds: [...ids] });
      for (;;) {
        this.settle(listenerId);
        const certificates = this.find(listenerId).certificates;
        for (const id of ids) {
          const found = certificates.find((c) => c.certificateId === id && !c.isDefault);
          options.onStatus?.(id, found?.status ?? 'gone');
        }
        const done = ids.every((id) => {
          const found = certificates.find((c) => c.certificateId === id && !c.isDefault);
          return options.until === 'gone' ? !found : found?.status === 'Associated';
        });
        if (done) return structuredClone(certificates);
        await Promise.resolve();
      }
    },
  };
}

export function apiError(kind: 'notFound' | 'invalid' | 'server', code: string, text: string): AlbError {
  return new AlbError({ kind, code, message: { en: text, 'zh-CN': text } });
}

export function server(certificateId: string, isDefault = false, status = 'Associated'): ListenerCertificate {
  return { certificateId, certificateType: 'Server', isDefault, status };
}
