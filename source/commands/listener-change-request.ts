// From `listener update ID --set key=value …` to an UpdateListenerAttribute request: the listener
// as it is, read back into a draft, the pairs applied on top, the result checked by the same rules
// as creation, and only the fields that differ sent, each shown as old → new.
import type { CreateListenerRequest } from '../domain/create-request.js';
import { fieldSpec, HEADERS, type FieldId } from '../domain/fields.js';
import type { Lang, Localized } from '../domain/i18n.js';
import { listenerRequestBase } from '../domain/listener-diff.js';
import { draftToRequest, requestToDraft, type ListenerDraft } from '../domain/listener-draft.js';
import type { Listener, XForwardedForConfig } from '../domain/resources.js';
import { UPDATE_FIELDS, type UpdateField, type UpdateListenerRequest } from '../domain/update-request.js';
import { commandMessages } from './messages.js';

/** The listener as the request that would create it as it is (protocol and port included). */
export function listenerToRequest(listener: Listener): CreateListenerRequest {
  const request = listenerRequestBase(listener);
  if (listener.listenerProtocol !== 'HTTP') request.certificates = listener.certificates ?? [];
  if (listener.listenerProtocol === 'HTTPS') {
    request.http2Enabled = listener.http2Enabled;
    if (listener.securityPolicyId !== undefined) request.securityPolicyId = listener.securityPolicyId;
    request.caEnabled = listener.caEnabled ?? false;
    const ca = listener.caCertificates?.find((c) => c.isDefault) ?? listener.caCertificates?.[0];
    if (ca) request.caCertificates = [{ certificateId: ca.certificateId }];
    request.quicConfig = listener.quicConfig;
  }
  return request;
}

/** The draft the listener stands for, to apply `--set` pairs to. */
export function listenerToDraft(listener: Listener): ListenerDraft {
  return requestToDraft(listenerToRequest(listener));
}

/** A JSON text that does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An absent switch reads as off, an absent text as empty: the API lists some, omits others. */
function blank(value: unknown): unknown {
  return value === undefined || value === null || value === '' ? false : value;
}

/** Whether two values mean the same setting (objects key by key, absent fields as off). */
function sameSetting(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return canonical(a ?? []) === canonical(b ?? []);
  const objectA = a !== null && typeof a === 'object';
  const objectB = b !== null && typeof b === 'object';
  if (objectA || objectB) {
    const left = (objectA ? a : {}) as Record<string, unknown>;
    const right = (objectB ? b : {}) as Record<string, unknown>;
    return [...new Set([...Object.keys(left), ...Object.keys(right)])].every((key) =>
      sameSetting(left[key], right[key]),
    );
  }
  return blank(a) === blank(b);
}

/**
 * The UpdateListenerAttribute request that turns `before` into `after`: only the fields that
 * differ, and of the extra headers only the switches that differ. Undefined when nothing does.
 */
export function updateRequestBetween(
  listenerId: string,
  before: CreateListenerRequest,
  after: CreateListenerRequest,
): UpdateListenerRequest | undefined {
  const request: UpdateListenerRequest = { listenerId };
  let changed = false;
  for (const field of UPDATE_FIELDS) {
    const old = before[field];
    const next = after[field];
    if (next === undefined || sameSetting(old, next)) continue;
    if (field === 'XForwardedForConfig') {
      const oldHeaders = (old ?? {}) as XForwardedForConfig;
      const nextHeaders = next as XForwardedForConfig;
      const diff: XForwardedForConfig = {};
      for (const key of Object.keys(nextHeaders) as (keyof XForwardedForConfig)[]) {
        if (!sameSetting(oldHeaders[key], nextHeaders[key]))
          (diff as Record<string, unknown>)[key] = nextHeaders[key];
      }
      if (Object.keys(diff).length === 0) continue;
      request.XForwardedForConfig = diff;
    } else {
      (request as Record<string, unknown>)[field] = next;
    }
    changed = true;
  }
  return changed ? request : undefined;
}

/** The draft's request on the listener's instance. */
export function draftRequest(draft: ListenerDraft, listener: Listener): CreateListenerRequest {
  return draftToRequest(draft, listener.loadBalancerId);
}

const FIELD_OF: Record<Exclude<UpdateField, 'XForwardedForConfig'>, FieldId> = {
  listenerDescription: 'name',
  http2Enabled: 'http2',
  idleTimeout: 'idleTimeout',
  requestTimeout: 'requestTimeout',
  gzipEnabled: 'gzip',
  securityPolicyId: 'securityPolicyId',
  caEnabled: 'mutualTls',
  caCertificates: 'caCertificateId',
  certificates: 'certificateId',
  defaultActions: 'serverGroupId',
  quicConfig: 'quicUpgrade',
};

function shown(value: unknown, lang: Lang): string {
  const none = commandMessages.none[lang];
  if (value === undefined || value === '') return none;
  if (typeof value === 'boolean') return (value ? commandMessages.on : commandMessages.off)[lang];
  if (typeof value === 'number') return commandMessages.seconds(value)[lang];
  if (typeof value === 'string') return value;
  return canonical(value);
}

function valueOf(field: UpdateField, request: Partial<CreateListenerRequest>, lang: Lang): string {
  switch (field) {
    case 'certificates':
    case 'caCertificates':
      return request[field]?.map((c) => c.certificateId).join(', ') || commandMessages.none[lang];
    case 'defaultActions':
      return (
        request.defaultActions
          ?.flatMap((a) => a.forwardGroupConfig.serverGroupTuples.map((t) => t.serverGroupId))
          .join(', ') || commandMessages.none[lang]
      );
    case 'quicConfig': {
      const quic = request.quicConfig;
      if (!quic?.quicUpgradeEnabled) return commandMessages.off[lang];
      return `${commandMessages.on[lang]} → ${quic.quicListenerId ?? ''}`;
    }
    default:
      return shown(request[field], lang);
  }
}

/** Each changed field as `label: old → new`, in the order the wizard shows them. */
export function updateDiffRows(
  before: CreateListenerRequest,
  update: UpdateListenerRequest,
  lang: Lang,
): [Localized, string][] {
  const rows: [Localized, string][] = [];
  for (const field of UPDATE_FIELDS) {
    if (update[field] === undefined) continue;
    if (field === 'XForwardedForConfig') {
      const next = update.XForwardedForConfig ?? {};
      const old = before.XForwardedForConfig ?? {};
      for (const header of HEADERS) {
        for (const key of [header.apiField, header.aliasField]) {
          if (!key || !(key in next)) continue;
          const label = fieldSpec(
            key === header.apiField ? `header.${header.key}` : (`alias.${header.key}` as FieldId),
          ).label;
          // An absent switch is off; an absent alias is none.
          const was = key === header.apiField ? (old[key] ?? false) : old[key];
          rows.push([label, `${shown(was, lang)} → ${shown(next[key], lang)}`]);
        }
      }
      continue;
    }
    rows.push([
      fieldSpec(FIELD_OF[field]).label,
      `${valueOf(field, before, lang)} → ${valueOf(field, update, lang)}`,
    ]);
  }
  return rows;
}
