// Resuming a kept edit of a listener that changed meanwhile (another session, the console,
// Terraform): a three-way comparison of the listener as it was when the edit began (base), the kept
// edit (mine) and the listener as it is now (theirs), per field `UpdateListenerAttribute` takes.
// Fields only the server changed are taken into the form; fields changed on both sides to different
// values are conflicts the user resolves; the same change on both sides is no conflict. Pure.
import { headersFor, type ClientCertHeaderKey, type FieldId } from './fields.js';
import type { ChangeValue } from './listener-diff.js';
import { draftToRequest, type ListenerDraft } from './listener-draft.js';
import type { CreateListenerRequest } from './create-request.js';
import type { UpdateField } from './update-request.js';

/**
 * One part of the listener the comparison is made on: an update field, except that the
 * `XForwardedForConfig` headers are parts of their own (a header switched on the server and another
 * switched in the edit do not conflict: the request carries only the changed ones).
 */
export interface MergePart {
  /** The form field it is shown as. */
  field: FieldId;
  /** The request field it is sent in. */
  parameter: UpdateField;
}

export interface MergeChange extends MergePart {
  base: ChangeValue;
  theirs: ChangeValue;
}

export interface EditConflict extends MergePart {
  base: ChangeValue;
  theirs: ChangeValue;
  mine: ChangeValue;
}

export interface EditMerge {
  /** Mine, with what only the server changed taken; a conflict holds mine until it is resolved. */
  draft: ListenerDraft;
  /** Changed only on the server: taken into the form. */
  taken: MergeChange[];
  /** Changed on both sides to different values. */
  conflicts: EditConflict[];
}

export type ConflictPick = 'theirs' | 'mine';

type Request = CreateListenerRequest;
type Part = MergePart & {
  /** The part's value in a request, compared across the three (undefined: not set, e.g. removed). */
  value: (request: Request) => unknown;
  /** The draft keys that make it up, copied when one side is taken. */
  take: (into: ListenerDraft, from: ListenerDraft) => ListenerDraft;
};

function scalar<K extends keyof ListenerDraft>(
  field: FieldId,
  parameter: UpdateField,
  key: K,
  value: (request: Request) => unknown,
): Part {
  return { field, parameter, value, take: (into, from) => ({ ...into, [key]: from[key] }) };
}

const firstId = (refs: readonly { certificateId: string }[] | undefined) => refs?.[0]?.certificateId;

const FIXED_PARTS: readonly Part[] = [
  scalar('name', 'listenerDescription', 'name', (r) => r.listenerDescription),
  scalar('http2', 'http2Enabled', 'http2', (r) => r.http2Enabled),
  scalar('idleTimeout', 'idleTimeout', 'idleTimeout', (r) => r.idleTimeout),
  scalar('requestTimeout', 'requestTimeout', 'requestTimeout', (r) => r.requestTimeout),
  scalar('gzip', 'gzipEnabled', 'gzip', (r) => r.gzipEnabled),
  scalar('securityPolicyId', 'securityPolicyId', 'securityPolicyId', (r) => r.securityPolicyId),
  scalar('mutualTls', 'caEnabled', 'mutualTls', (r) => r.caEnabled),
  scalar('caCertificateId', 'caCertificates', 'caCertificateId', (r) => firstId(r.caCertificates)),
  scalar('certificateId', 'certificates', 'certificateId', (r) => firstId(r.certificates)),
  scalar(
    'serverGroupId',
    'defaultActions',
    'serverGroupId',
    (r) => r.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId,
  ),
  {
    // The upgrade and the QUIC listener it names go together: one part.
    field: 'quicUpgrade',
    parameter: 'quicConfig',
    value: (r) =>
      r.quicConfig === undefined
        ? undefined
        : r.quicConfig.quicUpgradeEnabled
          ? (r.quicConfig.quicListenerId ?? '')
          : false,
    take: (into, from) => ({ ...into, quicUpgrade: from.quicUpgrade, quicListenerId: from.quicListenerId }),
  },
];

function headerParts(draft: ListenerDraft): Part[] {
  const parts: Part[] = [];
  for (const spec of headersFor(draft.protocol)) {
    parts.push({
      field: `header.${spec.key}`,
      parameter: 'XForwardedForConfig',
      value: (r) => r.XForwardedForConfig?.[spec.apiField],
      take: (into, from) => ({ ...into, headers: { ...into.headers, [spec.key]: from.headers[spec.key] } }),
    });
    const aliasField = spec.aliasField;
    if (aliasField) {
      const key = spec.key as ClientCertHeaderKey;
      parts.push({
        field: `alias.${key}`,
        parameter: 'XForwardedForConfig',
        value: (r) => r.XForwardedForConfig?.[aliasField],
        take: (into, from) => ({
          ...into,
          headerAliases: { ...into.headerAliases, [key]: from.headerAliases[key] },
        }),
      });
    }
  }
  return parts;
}

function partsOf(draft: ListenerDraft): Part[] {
  return [...FIXED_PARTS, ...headerParts(draft)];
}

function same(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

/** A part's value as the review shows it: unset is empty, a QUIC upgrade its listener. */
function shown(value: unknown): ChangeValue {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const NO_LOAD_BALANCER = 'alb-edit';

function requestOf(draft: ListenerDraft, protocol: ListenerDraft['protocol']): Request {
  // Protocol and port cannot change: every side is read as the listener's protocol.
  return draftToRequest({ ...draft, protocol }, NO_LOAD_BALANCER);
}

/** The three-way comparison of base, mine and theirs, and the form it resumes with. */
export function mergeEdit(base: ListenerDraft, mine: ListenerDraft, theirs: ListenerDraft): EditMerge {
  const protocol = theirs.protocol;
  const requests = {
    base: requestOf(base, protocol),
    mine: requestOf(mine, protocol),
    theirs: requestOf(theirs, protocol),
  };
  let draft: ListenerDraft = { ...mine, protocol, port: theirs.port };
  const taken: MergeChange[] = [];
  const conflicts: EditConflict[] = [];
  for (const part of partsOf(theirs)) {
    const was = part.value(requests.base);
    const ours = part.value(requests.mine);
    const now = part.value(requests.theirs);
    const { field, parameter } = part;
    if (same(was, now) || same(ours, now)) continue;
    if (same(was, ours)) {
      draft = part.take(draft, theirs);
      taken.push({ field, parameter, base: shown(was), theirs: shown(now) });
    } else {
      conflicts.push({ field, parameter, base: shown(was), theirs: shown(now), mine: shown(ours) });
    }
  }
  return { draft, taken, conflicts };
}

/** `into` with one part (named by its form field) as it is in `from`. */
export function copyPart(into: ListenerDraft, from: ListenerDraft, field: FieldId): ListenerDraft {
  const part = partsOf(from).find((p) => p.field === field);
  return part ? part.take(into, from) : into;
}

/** A part's value in a draft, as the review shows it. */
export function partValue(draft: ListenerDraft, field: FieldId): ChangeValue {
  const part = partsOf(draft).find((p) => p.field === field);
  return part ? shown(part.value(requestOf(draft, draft.protocol))) : '';
}

/** The form with one conflict resolved: the part as theirs (the listener now) or as mine (the kept edit). */
export function resolveConflict(
  draft: ListenerDraft,
  field: FieldId,
  pick: ConflictPick,
  sides: { theirs: ListenerDraft; mine: ListenerDraft },
): ListenerDraft {
  return copyPart(draft, pick === 'theirs' ? sides.theirs : sides.mine, field);
}
