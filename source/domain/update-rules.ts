// The rules of UpdateListenerAttribute (changes-and-rules.md): the creation rules of listener-rules.ts
// applied to the listener as it would be after the change, reported only for what the change touches,
// plus the update-only ones (protocol and port fixed, default certificate only, busy listener).
import type { FieldId } from './fields.js';
import { fieldSpec } from './fields.js';
import type { Localized } from './i18n.js';
import {
  crossFieldViolations,
  statefulViolations,
  validateRequest,
  wireToRequest,
  type RuleViolation,
  type TargetContext,
} from './listener-rules.js';
import type { CreateListenerRequest } from './create-request.js';
import { listenerRequestBase } from './listener-diff.js';
import { wireName } from './create-request.js';
import type { Listener } from './resources.js';
import { updateMessages } from './update-messages.js';
import { UPDATE_FIELDS, type UpdateListenerRequest } from './update-request.js';
import { flatten, type WireParams } from './wire.js';

/** What the update rules know beyond the creation context: the listener's extra certificates. */
export interface UpdateContext extends TargetContext {
  /** The listener's extra (SNI) certificates, when known. */
  extraCertificateIds?: readonly string[];
}

const UPDATABLE_KEYS: ReadonlySet<string> = new Set(UPDATE_FIELDS);
const CALL_KEYS: ReadonlySet<string> = new Set(['listenerId', 'clientToken', 'dryRun']);
const FIXED_KEYS = {
  listenerProtocol: 'ListenerProtocol',
  listenerPort: 'ListenerPort',
  loadBalancerId: 'LoadBalancerId',
} as const;
const FIXED_FIELD: Record<keyof typeof FIXED_KEYS, FieldId> = {
  listenerProtocol: 'protocol',
  listenerPort: 'port',
  loadBalancerId: 'instance',
};

/**
 * Parameters that are checked together: touching one of a group re-checks the others (turning HTTP/2
 * off is refused because of the server group, mutual TLS needs its CA certificate).
 */
const RELATED: readonly (readonly string[])[] = [
  ['Http2Enabled', 'DefaultActions'],
  ['CaEnabled', 'CaCertificates'],
  ['QuicConfig.QuicUpgradeEnabled', 'QuicConfig.QuicListenerId'],
];

function problem(
  field: FieldId,
  code: string,
  message: Localized,
  parameter = fieldSpec(field).parameter,
): RuleViolation {
  return {
    field,
    parameter,
    code,
    httpStatus: code.startsWith('ResourceNotFound') ? 404 : 400,
    severity: 'error',
    message,
  };
}

/** The listener as a creation request: what the creation rules check the update against. */
export function listenerAsRequest(listener: Listener): CreateListenerRequest {
  const https = listener.listenerProtocol === 'HTTPS';
  return {
    ...listenerRequestBase(listener),
    ...(listener.listenerProtocol !== 'HTTP' && listener.certificates?.length
      ? { certificates: listener.certificates.slice(0, 1) }
      : {}),
    ...(https
      ? {
          http2Enabled: listener.http2Enabled,
          quicConfig: listener.quicConfig,
          ...(listener.securityPolicyId !== undefined ? { securityPolicyId: listener.securityPolicyId } : {}),
          caEnabled: listener.caEnabled === true,
          ...(listener.caEnabled && listener.caCertificates?.length
            ? { caCertificates: [{ certificateId: listener.caCertificates[0]!.certificateId }] }
            : {}),
        }
      : {}),
  };
}

/** The listener's settings with the update laid over them (XForwardedFor header by header). */
function merged(listener: Listener, update: Record<string, unknown>): CreateListenerRequest {
  const base = listenerAsRequest(listener) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined || CALL_KEYS.has(key)) continue;
    if (key === 'XForwardedForConfig' && isObject(value))
      out[key] = { ...(base[key] as object), ...definedOnly(value) };
    else out[key] = value;
  }
  return out as unknown as CreateListenerRequest;
}

/** The wire parameters an update touches (related ones included), e.g. `Certificates.1.CertificateId`. */
function touchedParameters(update: Record<string, unknown>): string[] {
  const shaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined && UPDATABLE_KEYS.has(key)) shaped[wireName(key)] = toWire(value);
  }
  const touched = Object.keys(flatten(shaped));
  // An emptied list or object still touches its parameter.
  for (const key of Object.keys(shaped)) if (!touched.some((t) => t.startsWith(key))) touched.push(key);
  for (const group of RELATED) {
    if (group.some((p) => touched.some((t) => t === p || t.startsWith(`${p}.`)))) touched.push(...group);
  }
  return touched;
}

function concerns(parameter: string, touched: readonly string[]): boolean {
  return touched.some(
    (t) => t === parameter || t.startsWith(`${parameter}.`) || parameter.startsWith(`${t}.`),
  );
}

/**
 * Every problem with an update of `listener`, as creation reports them (per field, errors and
 * warnings): the update-only rules, then the creation rules for what the update touches. With a
 * context, the stateful ones too (instance state, resources named, QUIC association, busy listener).
 */
export function validateUpdate(
  listener: Listener,
  request: UpdateListenerRequest | Record<string, unknown>,
  context?: UpdateContext,
): RuleViolation[] {
  const update = request as Record<string, unknown>;
  const out: RuleViolation[] = [];
  const protocol = listener.listenerProtocol;
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined || CALL_KEYS.has(key) || UPDATABLE_KEYS.has(key)) continue;
    if (key in FIXED_KEYS) {
      const fixed = key as keyof typeof FIXED_KEYS;
      const unchanged =
        (fixed === 'listenerProtocol' && value === protocol) ||
        (fixed === 'listenerPort' && value === listener.listenerPort) ||
        (fixed === 'loadBalancerId' && value === listener.loadBalancerId);
      if (!unchanged)
        out.push(
          problem(
            FIXED_FIELD[fixed],
            'InvalidParameter',
            updateMessages.cannotChange(FIXED_KEYS[fixed]),
            FIXED_KEYS[fixed],
          ),
        );
      continue;
    }
    out.push(
      problem('instance', 'InvalidParameter', updateMessages.notUpdatable(wireName(key)), wireName(key)),
    );
  }
  const actions = update['defaultActions'];
  if (Array.isArray(actions)) {
    actions.forEach((action: unknown, index) => {
      const type = isObject(action) ? action['type'] : undefined;
      if (type !== undefined && type !== 'ForwardGroup')
        out.push(
          problem(
            'serverGroupId',
            'InvalidParameter',
            updateMessages.onlyForwardGroup(String(type)),
            `DefaultActions.${index + 1}.Type`,
          ),
        );
    });
  }
  const certificates = update['certificates'];
  if (Array.isArray(certificates) && certificates.length > 1 && protocol !== 'HTTP')
    out.push(
      problem(
        'certificateId',
        'InvalidParameter',
        updateMessages.onlyDefaultCertificate(certificates.length),
        'Certificates',
      ),
    );
  const own = new Set(out.map((v) => v.parameter.split('.')[0]));

  const touched = touchedParameters(update);
  const after = merged(listener, update);
  const parsed = validateRequest(after);
  // Cross-field rules too when an untouched setting of the listener fails creation's rules.
  const structural = [...(parsed.ok ? [] : parsed.violations), ...crossFieldViolations(after)];
  const seen = new Set<string>();
  for (const v of structural) {
    const key = `${v.code} ${v.parameter}`;
    if (seen.has(key) || !concerns(v.parameter, touched) || own.has(v.parameter.split('.')[0])) continue;
    seen.add(key);
    out.push(v);
  }
  if (context) out.push(...updateStateViolations(listener, update, after, touched, context));
  return out;
}

/** The stateful rules: the listener busy, the instance's state, and what the update names. */
function updateStateViolations(
  listener: Listener,
  update: Record<string, unknown>,
  after: CreateListenerRequest,
  touched: readonly string[],
  context: UpdateContext,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const busy = busyRefusal(listener);
  if (busy) out.push(busy);
  // The listener itself neither clashes with its own port nor holds its own QUIC association.
  const others: TargetContext = {
    ...context,
    instance: { ...context.instance, listenerQuota: Number.POSITIVE_INFINITY },
    listeners: context.listeners.filter((l) => l.listenerId !== listener.listenerId),
  };
  for (const v of statefulViolations(after, others)) {
    if (v.field === 'instance' || concerns(v.parameter, touched)) out.push(v);
  }
  const certificates = update['certificates'];
  const newDefault = Array.isArray(certificates) ? certificateIdAt(certificates[0]) : undefined;
  if (newDefault && context.extraCertificateIds?.includes(newDefault))
    out.push(
      problem(
        'certificateId',
        'ResourceAlreadyAssociated.Certificate',
        updateMessages.defaultIsExtra(newDefault),
      ),
    );
  return out;
}

/** Why a listener takes no change right now (`Provisioning`, `Configuring`), with the codes ALB uses. */
export function busyRefusal(
  listener: Pick<Listener, 'listenerId' | 'listenerStatus'>,
): RuleViolation | undefined {
  const message = updateMessages.listenerBusy(listener.listenerId, listener.listenerStatus);
  if (listener.listenerStatus === 'Configuring')
    return problem('instance', 'ResourceInConfiguring.Listener', message, 'ListenerId');
  if (listener.listenerStatus === 'Provisioning')
    return problem('instance', 'IncorrectStatus.Listener', message, 'ListenerId');
  return undefined;
}

export type UpdateCheck =
  | { ok: true; request: UpdateListenerRequest; warnings: RuleViolation[] }
  | { ok: false; violation: RuleViolation };

/**
 * The local ALB's check of an `UpdateListenerAttribute` call: the flattened parameters read back,
 * then every rule, the first error reported (missing and invalid parameters before state).
 */
export function checkUpdateListener(
  params: WireParams,
  listener: Listener,
  context: UpdateContext | undefined,
): UpdateCheck {
  const request = wireToRequest(params) as Record<string, unknown>;
  const violations = validateUpdate(listener, request, context);
  const rank = (v: RuleViolation) =>
    v.code === 'MissingParameter'
      ? 0
      : v.code === 'InvalidParameter'
        ? 1
        : v.code.startsWith('ResourceNotFound')
          ? 2
          : 3;
  const errors = violations.filter((v) => v.severity === 'error').sort((a, b) => rank(a) - rank(b));
  if (errors.length > 0) return { ok: false, violation: errors[0]! };
  return {
    ok: true,
    request: request as UpdateListenerRequest,
    warnings: violations.filter((v) => v.severity === 'warning'),
  };
}

function certificateIdAt(item: unknown): string | undefined {
  if (!isObject(item)) return undefined;
  const id = item['certificateId'];
  return typeof id === 'string' ? id : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** Model-shaped value → wire-shaped (PascalCase keys), as the SDK sends it. */
function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wireName(k)] = toWire(v);
    return out;
  }
  return value;
}
