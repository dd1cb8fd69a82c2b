// The session's client as every view gets it: the same calls, and each change it sends (not a dry run,
// not a read) written to the operations log, with the statuses its wait sees. Wrapping the client
// rather than each flow means a new change flow (edit, start/stop, certificates, rotation) is logged
// without doing anything, and none can forget to.
import type {
  AlbClient,
  CertificateWaitOptions,
  ChangeOptions,
  CreateOptions,
  ListenerChanges,
  UpdateOptions,
  WaitOptions,
} from '../../alb/client.js';
import { isAlbError } from '../../alb/errors.js';
import {
  certificatesCommand,
  createCommand,
  listenerCommand,
  updateCommand,
  type ChangeAction,
  type CommandTarget,
} from '../../domain/change-commands.js';
import type { CreateListenerRequest } from '../../domain/create-request.js';
import type { UpdateListenerRequest } from '../../domain/update-request.js';
import { errorInfo } from '../error-info.js';
import type { OpHandle, OpsLog } from './ops-log.js';
import { ruleWrappers } from './recording-rules.js';
import { serverWrappers } from './recording-servers.js';

type AnyClient = AlbClient & Partial<ListenerChanges>;

/** Follows a call: accepted with its job, or failed with its reason (a call the user stopped is left). */
async function follow<T extends object>(op: OpHandle, call: Promise<T>): Promise<T> {
  try {
    const result = await call;
    const { jobId, listenerId } = result as { jobId?: unknown; listenerId?: unknown };
    op.accepted({
      ...(typeof jobId === 'string' ? { jobId } : {}),
      ...(typeof listenerId === 'string' ? { listenerId } : {}),
    });
    return result;
  } catch (error) {
    if (!(isAlbError(error) && error.kind === 'aborted')) op.failed(errorInfo(error).message);
    throw error;
  }
}

async function followWait<T>(op: OpHandle | undefined, call: Promise<T>): Promise<T> {
  try {
    const result = await call;
    op?.succeeded();
    return result;
  } catch (error) {
    if (!(isAlbError(error) && error.kind === 'aborted')) op?.failed(errorInfo(error).message);
    throw error;
  }
}

/** Which changes a wait on a listener until `until` finishes. */
const WAITED_BY: Record<string, readonly ChangeAction[]> = {
  Running: ['CreateListener', 'UpdateListenerAttribute', 'StartListener'],
  // A change to a stopped listener ends when it is Stopped again.
  Stopped: ['StopListener', 'UpdateListenerAttribute'],
  gone: ['DeleteListener'],
};

export function recordingClient<C extends AlbClient>(client: C, log: OpsLog, target: CommandTarget): C {
  const inner = client as AnyClient;
  const wrappers: Partial<Record<keyof AnyClient, unknown>> = {
    createListener: (request: CreateListenerRequest, options?: CreateOptions) => {
      const call = inner.createListener(request, options);
      if (options?.dryRun) return call;
      const op = log.begin({
        action: 'CreateListener',
        target: `${request.loadBalancerId} ${request.listenerProtocol}:${request.listenerPort}`,
        command: createCommand(request, target),
        ...(request.clientToken ? { clientToken: request.clientToken } : {}),
      });
      return follow(op, call);
    },
    deleteListener: (listenerId: string, clientToken?: string, options?: ChangeOptions) => {
      const op = log.begin({
        action: 'DeleteListener',
        target: listenerId,
        listenerId,
        command: listenerCommand('DeleteListener', listenerId, target, clientToken),
        ...(clientToken ? { clientToken } : {}),
      });
      return follow(op, inner.deleteListener(listenerId, clientToken, options));
    },
    waitForListener: (
      listenerId: string,
      options: WaitOptions & { until: 'Running' | 'Stopped' | 'gone' },
    ) => {
      const op = log.openFor(listenerId, WAITED_BY[options.until]);
      const onStatus = options.onStatus;
      const call = inner.waitForListener(listenerId, {
        ...options,
        onStatus: (status) => {
          op?.progress(status);
          onStatus?.(status);
        },
      } as WaitOptions & { until: 'gone' });
      return followWait(op, call as Promise<unknown>);
    },
  };
  if (inner.updateListener) {
    const update = inner.updateListener.bind(inner);
    wrappers.updateListener = (request: UpdateListenerRequest, options?: UpdateOptions) => {
      const call = update(request, options);
      if (options?.dryRun) return call;
      const op = log.begin({
        action: 'UpdateListenerAttribute',
        target: request.listenerId,
        listenerId: request.listenerId,
        command: updateCommand(
          { ...request, ...(options?.clientToken ? { clientToken: options.clientToken } : {}) } as never,
          target,
        ),
        ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
      });
      return follow(op, call);
    };
  }
  for (const action of ['StartListener', 'StopListener'] as const) {
    const method = action === 'StartListener' ? inner.startListener : inner.stopListener;
    if (!method) continue;
    const bound = method.bind(inner);
    wrappers[action === 'StartListener' ? 'startListener' : 'stopListener'] = (
      listenerId: string,
      options?: ChangeOptions,
    ) => {
      const op = log.begin({
        action,
        target: listenerId,
        listenerId,
        command: listenerCommand(action, listenerId, target, options?.clientToken),
        ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
      });
      return follow(op, bound(listenerId, options));
    };
  }
  for (const action of [
    'AssociateAdditionalCertificatesWithListener',
    'DissociateAdditionalCertificatesFromListener',
  ] as const) {
    const associate = action === 'AssociateAdditionalCertificatesWithListener';
    const method = associate ? inner.associateCertificates : inner.dissociateCertificates;
    if (!method) continue;
    const bound = method.bind(inner);
    wrappers[associate ? 'associateCertificates' : 'dissociateCertificates'] = (
      listenerId: string,
      certificateIds: readonly string[],
      options?: UpdateOptions,
    ) => {
      const call = bound(listenerId, certificateIds, options);
      if (options?.dryRun) return call;
      const op = log.begin({
        action,
        target: `${listenerId} · ${certificateIds.join(', ')}`,
        listenerId,
        command: certificatesCommand(action, listenerId, certificateIds, target, options?.clientToken),
        ...(options?.clientToken ? { clientToken: options.clientToken } : {}),
      });
      return follow(op, call);
    };
  }
  if (inner.waitForCertificates) {
    const wait = inner.waitForCertificates.bind(inner);
    wrappers.waitForCertificates = (
      listenerId: string,
      certificateIds: readonly string[],
      options: CertificateWaitOptions,
    ) => {
      const op = log.openFor(
        listenerId,
        options.until === 'Associated'
          ? ['AssociateAdditionalCertificatesWithListener']
          : ['DissociateAdditionalCertificatesFromListener'],
      );
      const onStatus = options.onStatus;
      return followWait(
        op,
        wait(listenerId, certificateIds, {
          ...options,
          onStatus: (certificateId, status) => {
            op?.progress(status);
            onStatus?.(certificateId, status);
          },
        }),
      );
    };
  }
  if (typeof inner.addServers === 'function')
    Object.assign(wrappers, serverWrappers(inner, log, target, follow, followWait));
  if (typeof inner.createRules === 'function')
    Object.assign(wrappers, ruleWrappers(inner, log, target, follow, followWait));
  return new Proxy(client, {
    get(object, property) {
      if (typeof property === 'string' && property in wrappers) return wrappers[property as keyof AnyClient];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
