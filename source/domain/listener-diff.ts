// Editing an existing listener: the draft it stands for, and what an edited draft changes — field by
// field, old → new, for the review — with the `UpdateListenerAttribute` request that sends exactly
// those changes and nothing else. Pure.
import type { CreateListenerRequest } from './create-request.js';
import { headersFor, type ClientCertHeaderKey, type FieldId } from './fields.js';
import { draftToRequest, requestToDraft, type ListenerDraft } from './listener-draft.js';
import type { Listener, XForwardedForConfig } from './resources.js';
import type { UpdateListenerRequest } from './update-request.js';

/**
 * What any listener carries into a create request, whatever its protocol: the rest (certificates, CA,
 * HTTPS settings) each caller takes its own way (an edit draft, `--set` pairs, the update rules).
 */
export function listenerRequestBase(listener: Listener): CreateListenerRequest {
  return {
    loadBalancerId: listener.loadBalancerId,
    listenerProtocol: listener.listenerProtocol,
    listenerPort: listener.listenerPort,
    listenerDescription: listener.listenerDescription,
    idleTimeout: listener.idleTimeout,
    requestTimeout: listener.requestTimeout,
    gzipEnabled: listener.gzipEnabled,
    defaultActions: listener.defaultActions,
    XForwardedForConfig: listener.XForwardedForConfig,
  };
}

/** The create request a listener would be made with today: the base of its edit draft. */
export function listenerToRequest(listener: Listener): CreateListenerRequest {
  const request: CreateListenerRequest = {
    ...listenerRequestBase(listener),
    quicConfig: listener.quicConfig,
  };
  if (listener.listenerProtocol === 'HTTPS') request.http2Enabled = listener.http2Enabled;
  if (listener.securityPolicyId !== undefined) request.securityPolicyId = listener.securityPolicyId;
  if (listener.certificates !== undefined) request.certificates = listener.certificates;
  if (listener.caEnabled !== undefined) request.caEnabled = listener.caEnabled;
  if (listener.caCertificates !== undefined)
    request.caCertificates = listener.caCertificates
      .filter((ca) => ca.isDefault !== false)
      .map((ca) => ({ certificateId: ca.certificateId }));
  return request;
}

/** The wizard draft of a listener as it is (from `GetListenerAttribute`). */
export function listenerToDraft(listener: Listener): ListenerDraft {
  return requestToDraft(listenerToRequest(listener));
}

export type ChangeValue = string | number | boolean;

/** One field the edit changes: its value on the listener and the value it gets. */
export interface FieldChange {
  field: FieldId;
  /** The request field it is sent in. */
  parameter: keyof Omit<UpdateListenerRequest, 'listenerId'>;
  before: ChangeValue;
  after: ChangeValue;
}

export interface ListenerDiff {
  changes: FieldChange[];
  /** Only the changed fields, keyed by the listener. */
  request: UpdateListenerRequest;
}

const NO_LOAD_BALANCER = 'alb-edit';

const SCALARS = [
  ['listenerDescription', 'name'],
  ['http2Enabled', 'http2'],
  ['idleTimeout', 'idleTimeout'],
  ['requestTimeout', 'requestTimeout'],
  ['gzipEnabled', 'gzip'],
  ['securityPolicyId', 'securityPolicyId'],
] as const satisfies readonly (readonly [keyof CreateListenerRequest, FieldId])[];

function firstCertificate(refs: readonly { certificateId: string }[] | undefined): string {
  return refs?.[0]?.certificateId ?? '';
}

function serverGroupOf(request: CreateListenerRequest): string {
  return request.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId ?? '';
}

/**
 * What `edited` changes on the listener `original` stands for, and the request that sends only that.
 * Protocol and port are never part of it: they cannot change.
 */
export function diffListener(
  listenerId: string,
  original: ListenerDraft,
  edited: ListenerDraft,
): ListenerDiff {
  const before = draftToRequest(original, NO_LOAD_BALANCER);
  const after = draftToRequest(
    { ...edited, protocol: original.protocol, port: original.port },
    NO_LOAD_BALANCER,
  );
  const changes: FieldChange[] = [];
  const request: UpdateListenerRequest = { listenerId };
  const change = (
    field: FieldId,
    parameter: FieldChange['parameter'],
    from: ChangeValue | undefined,
    to: ChangeValue | undefined,
  ) => {
    if (from === to || to === undefined) return false;
    changes.push({ field, parameter, before: from ?? '', after: to });
    return true;
  };

  for (const [parameter, field] of SCALARS) {
    const to = after[parameter] as ChangeValue | undefined;
    if (change(field, parameter, before[parameter] as ChangeValue | undefined, to))
      Object.assign(request, { [parameter]: to });
  }

  const certificate = firstCertificate(after.certificates);
  if (
    after.certificates &&
    change('certificateId', 'certificates', firstCertificate(before.certificates), certificate)
  )
    request.certificates = [{ certificateId: certificate }];

  const caOn = change('mutualTls', 'caEnabled', before.caEnabled ?? false, after.caEnabled);
  const ca = firstCertificate(after.caCertificates);
  const caChanged =
    after.caEnabled === true &&
    change('caCertificateId', 'caCertificates', firstCertificate(before.caCertificates), ca);
  if (caOn || caChanged) {
    request.caEnabled = after.caEnabled ?? false;
    // Turning mutual TLS on, or changing its CA, names the CA; turning it off needs none.
    if (after.caEnabled) request.caCertificates = [{ certificateId: ca }];
  }

  if (change('serverGroupId', 'defaultActions', serverGroupOf(before), serverGroupOf(after)))
    request.defaultActions = after.defaultActions;

  const quicBefore = before.quicConfig;
  const quicAfter = after.quicConfig;
  if (quicAfter) {
    const upgrade = change(
      'quicUpgrade',
      'quicConfig',
      quicBefore?.quicUpgradeEnabled ?? false,
      quicAfter.quicUpgradeEnabled,
    );
    const target =
      quicAfter.quicUpgradeEnabled === true &&
      change(
        'quicListenerId',
        'quicConfig',
        quicBefore?.quicListenerId ?? '',
        quicAfter.quicListenerId ?? '',
      );
    if (upgrade || target) request.quicConfig = quicAfter;
  }

  const xff: XForwardedForConfig = {};
  const xffBefore = before.XForwardedForConfig ?? {};
  const xffAfter = after.XForwardedForConfig ?? {};
  for (const spec of headersFor(original.protocol)) {
    const on = xffAfter[spec.apiField];
    if (change(`header.${spec.key}`, 'XForwardedForConfig', xffBefore[spec.apiField] ?? false, on))
      xff[spec.apiField] = on;
    if (spec.aliasField) {
      const alias = xffAfter[spec.aliasField];
      if (
        change(
          `alias.${spec.key as ClientCertHeaderKey}`,
          'XForwardedForConfig',
          xffBefore[spec.aliasField] ?? '',
          alias,
        )
      )
        xff[spec.aliasField] = alias;
    }
  }
  if (Object.keys(xff).length > 0) request.XForwardedForConfig = xff;

  return { changes, request };
}

/** Whether the diff changes where traffic goes or which certificate it is served with (impact is said first). */
export function changesRoutingOrCertificate(diff: ListenerDiff): boolean {
  return diff.changes.some((c) => c.field === 'serverGroupId' || c.field === 'certificateId');
}
