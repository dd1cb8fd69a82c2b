// The listener rules of listener-rules.md, as pure functions shared by the wizard and the local ALB.
import { z } from 'zod';
import { wireName, type CreateListenerRequest } from './create-request.js';
import {
  CLIENT_CERT_HEADER_KEYS,
  HEADERS,
  fieldSpec,
  headersFor,
  type FieldId,
  type WizardStep,
} from './fields.js';
import { both, type Lang, type Localized } from './i18n.js';
import {
  CERTIFICATE_WARNING_DAYS,
  CLIENT_TOKEN_MAX_LENGTH,
  DAY_MS,
  DEFAULT_LISTENER_QUOTA,
  IDLE_TIMEOUT,
  PORT,
  REQUEST_TIMEOUT,
  TAG,
} from './limits.js';
import { draftToRequest, type ListenerDraft } from './listener-draft.js';
import { messages } from './messages.js';
import {
  LISTENER_PROTOCOLS,
  type Certificate,
  type ListenerProtocol,
  type LoadBalancerEdition,
  type LoadBalancerStatus,
  type SecurityPolicy,
  type ServerGroup,
  type ServerGroupProtocol,
} from './resources.js';
import { headerAliasIsValid, listenerNameProblem, parseDecimalInteger } from './text-rules.js';
import { flatten, unflatten, type WireParams, type WireValue } from './wire.js';

export type { Lang, Localized };

/** What the rules need to know about the target instance and its region; plain data, no IO. */
export interface TargetContext {
  instance: {
    loadBalancerId: string;
    status: LoadBalancerStatus;
    edition: LoadBalancerEdition;
    vpcId: string;
    /** Listener quota per instance; 50 when absent. */
    listenerQuota?: number;
  };
  /** The instance's listeners, plus any other listener a request may name (e.g. a QUIC listener elsewhere). */
  listeners: ListenerFact[];
  certificates: Certificate[];
  securityPolicies: SecurityPolicy[];
  serverGroups: ServerGroup[];
  /** Milliseconds since the epoch: the rules are pure, so "now" comes in from outside. */
  now: number;
}

export interface ListenerFact {
  listenerId: string;
  loadBalancerId: string;
  protocol: ListenerProtocol;
  port: number;
  name: string;
  /** For HTTPS listeners with QUIC upgrade: the QUIC listener they are associated with. */
  associatedQuicListenerId?: string;
}

export interface RuleViolation {
  /** The wizard field concerned. */
  field: FieldId;
  /** The API parameter concerned, e.g. `ListenerPort`. */
  parameter: string;
  /** The API error code the local ALB answers with, e.g. `InvalidParameter`. */
  code: string;
  httpStatus: number;
  /** Warnings (a certificate about to expire, a header without mutual TLS) never block. */
  severity: 'error' | 'warning';
  message: Localized;
}

function violation(
  field: FieldId,
  code: string,
  message: Localized,
  options: { httpStatus?: number; parameter?: string; severity?: 'error' | 'warning' } = {},
): RuleViolation {
  return {
    field,
    parameter: options.parameter ?? fieldSpec(field).parameter,
    code,
    httpStatus: options.httpStatus ?? (code.startsWith('ResourceNotFound') ? 404 : 400),
    severity: options.severity ?? 'error',
    message,
  };
}

// ---------------------------------------------------------------------------------------------
// Eligibility of the things a wizard picker offers.

export type CertificateState =
  | { kind: 'valid'; daysLeft: number }
  | { kind: 'expiring'; daysLeft: number }
  | { kind: 'expired'; daysLeft: number };

export function certificateState(certificate: Pick<Certificate, 'endDate'>, now: number): CertificateState {
  const msLeft = Date.parse(certificate.endDate) - now;
  const daysLeft = Math.floor(msLeft / DAY_MS);
  if (Number.isNaN(msLeft) || msLeft <= 0) return { kind: 'expired', daysLeft: Math.min(daysLeft, 0) };
  if (daysLeft < CERTIFICATE_WARNING_DAYS) return { kind: 'expiring', daysLeft };
  return { kind: 'valid', daysLeft };
}

/** Which listener protocols a server group of each backend protocol can serve. */
export const SERVER_GROUP_SERVES: Record<ServerGroupProtocol, readonly ListenerProtocol[]> = {
  HTTP: ['HTTP', 'HTTPS', 'QUIC'],
  HTTPS: ['HTTPS'],
  GRPC: ['HTTPS', 'QUIC'],
};

/** Why a server group cannot serve this listener, or undefined when it can. */
export function serverGroupProblem(
  group: ServerGroup,
  protocol: ListenerProtocol,
  instanceVpcId: string,
): RuleViolation | undefined {
  if (group.vpcId !== instanceVpcId) {
    return violation(
      'serverGroupId',
      'Mismatch.VpcId',
      messages.serverGroupOtherVpc(group.serverGroupId, group.vpcId, instanceVpcId),
    );
  }
  const serves = SERVER_GROUP_SERVES[group.protocol];
  if (!serves.includes(protocol)) {
    return violation(
      'serverGroupId',
      'OperationDenied.ServerGroupProtocolNotSupport',
      messages.serverGroupProtocol(group.protocol, protocol, [...serves]),
    );
  }
  return undefined;
}

export function customPoliciesAllowed(edition: LoadBalancerEdition): boolean {
  return edition === 'Standard' || edition === 'StandardWithWaf';
}

/** Why a TLS policy cannot be used on this instance, or undefined when it can. */
export function securityPolicyProblem(
  policy: SecurityPolicy,
  edition: LoadBalancerEdition,
): RuleViolation | undefined {
  if (policy.kind === 'custom' && !customPoliciesAllowed(edition)) {
    return violation(
      'securityPolicyId',
      'InvalidParameter',
      messages.customPolicyNeedsEdition(policy.securityPolicyId, edition),
    );
  }
  return undefined;
}

/** Why a listener cannot be the QUIC listener of an upgrade on this instance, or undefined. */
export function quicListenerProblem(
  listenerId: string,
  context: Pick<TargetContext, 'instance' | 'listeners'>,
): RuleViolation | undefined {
  const target = context.listeners.find((l) => l.listenerId === listenerId);
  if (!target)
    return violation('quicListenerId', 'ResourceNotFound.Listener', messages.listenerNotFound(listenerId));
  if (target.protocol !== 'QUIC') {
    return violation(
      'quicListenerId',
      'InvalidParameter',
      messages.notAQuicListener(listenerId, target.protocol),
    );
  }
  if (target.loadBalancerId !== context.instance.loadBalancerId) {
    return violation(
      'quicListenerId',
      'OperationDenied.CrossLoadBalancerQUICListener',
      messages.quicOnOtherInstance(listenerId, target.loadBalancerId),
    );
  }
  const associatedBy = context.listeners.find((l) => l.associatedQuicListenerId === listenerId);
  if (associatedBy) {
    return violation(
      'quicListenerId',
      'ResourceAlreadyAssociated.Listener',
      messages.quicAlreadyAssociated(listenerId, associatedBy.listenerId),
    );
  }
  return undefined;
}

/** The QUIC listeners an HTTPS listener on this instance may associate with. */
export function eligibleQuicListeners(
  context: Pick<TargetContext, 'instance' | 'listeners'>,
): ListenerFact[] {
  return context.listeners.filter(
    (l) => l.protocol === 'QUIC' && quicListenerProblem(l.listenerId, context) === undefined,
  );
}

/** HTTP and HTTPS share the TCP port space; QUIC listeners have their own (UDP). */
export function portSpace(protocol: ListenerProtocol): 'tcp' | 'udp' {
  return protocol === 'QUIC' ? 'udp' : 'tcp';
}

export function listenerOnPort(
  context: Pick<TargetContext, 'instance' | 'listeners'>,
  protocol: ListenerProtocol,
  port: number,
): ListenerFact | undefined {
  return context.listeners.find(
    (l) =>
      l.loadBalancerId === context.instance.loadBalancerId &&
      l.port === port &&
      portSpace(l.protocol) === portSpace(protocol),
  );
}

// ---------------------------------------------------------------------------------------------
// zod schemas: one per wizard step and one for the whole request, per protocol. Objects are strict,
// so a field that does not apply to a protocol is refused for it.

const portSchema = z.number().int().min(PORT.min).max(PORT.max);
const idleTimeoutSchema = z.number().int().min(IDLE_TIMEOUT.min).max(IDLE_TIMEOUT.max);
const requestTimeoutSchema = z.number().int().min(REQUEST_TIMEOUT.min).max(REQUEST_TIMEOUT.max);
const nameSchema = z.string().superRefine((name, ctx) => {
  const problem = listenerNameProblem(name);
  if (!problem) return;
  const message =
    problem.kind === 'length'
      ? messages.nameLength(problem.length)
      : messages.nameCharacter(problem.character);
  ctx.addIssue({ code: 'custom', message: message.en, params: { localized: message } });
});
const aliasSchema = z.string().superRefine((alias, ctx) => {
  if (!headerAliasIsValid(alias)) {
    const message = messages.headerAlias(alias);
    ctx.addIssue({ code: 'custom', message: message.en, params: { localized: message } });
  }
});
const idSchema = z.string().min(1).max(128);
const oneCertificate = z.array(z.strictObject({ certificateId: idSchema })).length(1);
const defaultActionsSchema = z
  .array(
    z.strictObject({
      type: z.literal('ForwardGroup'),
      forwardGroupConfig: z.strictObject({
        serverGroupTuples: z.array(z.strictObject({ serverGroupId: idSchema })).length(1),
      }),
    }),
  )
  .length(1);

function xffSchema(protocol: ListenerProtocol) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of headersFor(protocol)) {
    shape[spec.apiField] = z.boolean().optional();
    if (spec.aliasField) shape[spec.aliasField] = aliasSchema.optional();
  }
  // Fields the API has beyond the console's list; accepted where the API documents them.
  shape['XForwardedForHostEnabled'] = z.boolean().optional();
  if (protocol !== 'QUIC') {
    shape['XForwardedForProcessingMode'] = z.enum(['append', 'remove']).optional();
    shape['XForwardedForClientSourceIpsEnabled'] = z.boolean().optional();
    shape['XForwardedForClientSourceIpsTrusted'] = z.string().max(512).optional();
  }
  return z.strictObject(shape);
}

const tagSchema = z
  .array(
    z.strictObject({
      key: z.string().min(1).max(TAG.maxKeyLength),
      value: z.string().max(TAG.maxValueLength).optional(),
    }),
  )
  .max(TAG.maxCount)
  .superRefine((tags, ctx) => {
    const bad = tags.some(
      (t) =>
        /^(aliyun|acs:)/i.test(t.key) || /https?:\/\//i.test(t.key) || /https?:\/\//i.test(t.value ?? ''),
    );
    if (bad) {
      const message = messages.tagInvalid();
      ctx.addIssue({ code: 'custom', message: message.en, params: { localized: message } });
    }
  });

function listenerStepShape(protocol: ListenerProtocol) {
  return {
    listenerProtocol: z.literal(protocol),
    listenerPort: portSchema,
    listenerDescription: nameSchema.optional(),
    idleTimeout: idleTimeoutSchema.optional(),
    requestTimeout: requestTimeoutSchema.optional(),
    gzipEnabled: z.boolean().optional(),
    XForwardedForConfig: xffSchema(protocol).optional(),
    ...(protocol === 'HTTPS'
      ? {
          http2Enabled: z.boolean().optional(),
          quicConfig: z
            .strictObject({ quicUpgradeEnabled: z.boolean().optional(), quicListenerId: idSchema.optional() })
            .optional(),
        }
      : {}),
  };
}

function certificateStepShape(protocol: ListenerProtocol) {
  if (protocol === 'HTTP') return {};
  if (protocol === 'QUIC') return { certificates: oneCertificate };
  return {
    certificates: oneCertificate,
    securityPolicyId: idSchema.optional(),
    caEnabled: z.boolean().optional(),
    caCertificates: oneCertificate.optional(),
  };
}

const serverGroupStepShape = { defaultActions: defaultActionsSchema };

function perProtocol<T>(build: (protocol: ListenerProtocol) => T): Record<ListenerProtocol, T> {
  return { HTTP: build('HTTP'), HTTPS: build('HTTPS'), QUIC: build('QUIC') };
}

/** Step schemas over the request's fields (numbers parsed), per protocol. */
export const stepSchemas = {
  listener: perProtocol((p) => z.strictObject(listenerStepShape(p))),
  certificate: perProtocol((p) => z.strictObject(certificateStepShape(p))),
  serverGroup: perProtocol(() => z.strictObject(serverGroupStepShape)),
};

/** The whole `CreateListener` request, per protocol. */
export const createListenerRequestSchemas = perProtocol((protocol) =>
  z.strictObject({
    loadBalancerId: idSchema,
    ...listenerStepShape(protocol),
    ...certificateStepShape(protocol),
    ...serverGroupStepShape,
    tag: tagSchema.optional(),
    clientToken: z
      .string()
      .min(1)
      .max(CLIENT_TOKEN_MAX_LENGTH)
      .regex(/^[\x20-\x7e]+$/)
      .optional(),
    dryRun: z.boolean().optional(),
  }),
);

export const createListenerRequestSchema = z.discriminatedUnion('listenerProtocol', [
  createListenerRequestSchemas.HTTP,
  createListenerRequestSchemas.HTTPS,
  createListenerRequestSchemas.QUIC,
]);

// ---------------------------------------------------------------------------------------------
// From zod issues to rule violations.

const FIELD_BY_PARAMETER: ReadonlyMap<string, FieldId> = (() => {
  const fields: FieldId[] = [
    'instance',
    'protocol',
    'port',
    'name',
    'http2',
    'idleTimeout',
    'requestTimeout',
    'gzip',
    'quicUpgrade',
    'quicListenerId',
    'certificateId',
    'securityPolicyId',
    'mutualTls',
    'caCertificateId',
    'serverGroupId',
    'clientToken',
    'tags',
    ...HEADERS.map((h) => `header.${h.key}` as const),
    ...CLIENT_CERT_HEADER_KEYS.map((k) => `alias.${k}` as const),
  ];
  return new Map(fields.map((f) => [fieldSpec(f).parameter, f]));
})();

function fieldOfParameter(parameter: string): FieldId {
  const exact = FIELD_BY_PARAMETER.get(parameter);
  if (exact) return exact;
  for (const [p, field] of FIELD_BY_PARAMETER) {
    if (p.startsWith(parameter + '.') || parameter.startsWith(p + '.')) return field;
  }
  if (parameter.startsWith('XForwardedForConfig')) return 'header.xForwardedFor';
  if (parameter.startsWith('QuicConfig')) return 'quicUpgrade';
  if (parameter.startsWith('Tag')) return 'tags';
  return 'instance';
}

function parameterOfPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? String(segment + 1) : wireName(String(segment))))
    .join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment as string];
  }
  return node;
}

const KNOWN_PARAMETERS_BY_PROTOCOL = perProtocol(
  (p) => new Set(Object.keys(createListenerRequestSchemas[p].shape)),
);

function allowedText(parameter: string): Localized | undefined {
  if (parameter === 'ListenerPort') return undefined;
  if (/Enabled$/.test(parameter) || parameter === 'DryRun' || parameter === 'CaEnabled') {
    return both('true or false', ' true 或 false');
  }
  if (parameter === 'ClientToken') return messages.clientTokenInvalid();
  return undefined;
}

function violationFromIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
  protocol: ListenerProtocol,
): RuleViolation[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const parameter = parameterOfPath([...issue.path, key]);
      const field = fieldOfParameter(parameter);
      const knownElsewhere =
        issue.path.length === 0
          ? LISTENER_PROTOCOLS.some((p) => KNOWN_PARAMETERS_BY_PROTOCOL[p].has(key))
          : issue.path[0] === 'XForwardedForConfig' &&
            HEADERS.some((h) => h.apiField === key || h.aliasField === key);
      return violation(
        field,
        'InvalidParameter',
        knownElsewhere ? messages.notForProtocol(parameter, protocol) : messages.unknownParameter(parameter),
        { parameter },
      );
    });
  }
  const parameter = parameterOfPath(issue.path);
  const field = fieldOfParameter(parameter);
  const value = valueAt(input, issue.path);
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    const named = FIELD_BY_PARAMETER.has(parameter) ? parameter : fieldSpec(field).parameter;
    const message =
      field === 'instance' && parameter !== 'LoadBalancerId'
        ? messages.missingParameter(parameter)
        : messages.missingParameter(named);
    return [violation(field, 'MissingParameter', message, { parameter: named })];
  }
  const localized = (issue as { params?: { localized?: Localized } }).params?.localized;
  const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  let message: Localized;
  if (localized) message = localized;
  else if (field === 'port') message = messages.port(shown);
  else if (field === 'idleTimeout' || field === 'requestTimeout') message = messages.timeout(field, shown);
  else if (field === 'protocol')
    message = messages.invalidValue(parameter, both('HTTP, HTTPS or QUIC', ' HTTP、HTTPS 或 QUIC'), shown);
  else {
    const allowed = allowedText(parameter);
    message = allowed
      ? messages.invalidValue(parameter, allowed, shown)
      : both(`${parameter} is not valid: ${issue.message}`, `${parameter} 的取值无效：${issue.message}`);
  }
  return [violation(field, 'InvalidParameter', message, { parameter })];
}

// ---------------------------------------------------------------------------------------------
// Whole-request checks, static and stateful.

export type RequestCheck =
  | { ok: true; request: CreateListenerRequest; warnings: RuleViolation[] }
  | { ok: false; violations: RuleViolation[] };

/**
 * Checks a request against every rule, in the order the service reports them: missing and invalid
 * parameters first, then the instance's state, then the resources it names. Never throws.
 */
export function validateRequest(input: unknown, context?: TargetContext): RequestCheck {
  const protocol = (input as { listenerProtocol?: unknown } | null)?.listenerProtocol;
  if (typeof protocol !== 'string' || !(LISTENER_PROTOCOLS as readonly string[]).includes(protocol)) {
    const shown = typeof protocol === 'string' ? protocol : undefined;
    const v =
      protocol === undefined || protocol === ''
        ? violation('protocol', 'MissingParameter', messages.missingParameter('ListenerProtocol'))
        : violation(
            'protocol',
            'InvalidParameter',
            messages.invalidValue(
              'ListenerProtocol',
              both('HTTP, HTTPS or QUIC', ' HTTP、HTTPS 或 QUIC'),
              shown,
            ),
          );
    return { ok: false, violations: [v] };
  }
  const listenerProtocol = protocol as ListenerProtocol;
  const parsed = createListenerRequestSchemas[listenerProtocol].safeParse(input);
  const violations: RuleViolation[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      violations.push(...violationFromIssue(issue, input, listenerProtocol));
  }
  const request = input as CreateListenerRequest;
  if (parsed.success) violations.push(...crossFieldViolations(request));
  if (violations.length > 0) return { ok: false, violations: orderViolations(violations) };
  if (!context) return { ok: true, request, warnings: [] };
  const stateful = statefulViolations(request, context);
  const errors = stateful.filter((v) => v.severity === 'error');
  if (errors.length > 0) return { ok: false, violations: errors };
  return { ok: true, request, warnings: stateful.filter((v) => v.severity === 'warning') };
}

function orderViolations(violations: RuleViolation[]): RuleViolation[] {
  const rank = (v: RuleViolation) => (v.code === 'MissingParameter' ? 0 : 1);
  return [...violations].sort((a, b) => rank(a) - rank(b));
}

export function crossFieldViolations(request: CreateListenerRequest): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (request.quicConfig?.quicUpgradeEnabled && !request.quicConfig.quicListenerId) {
    out.push(violation('quicListenerId', 'MissingParameter', messages.quicListenerRequired()));
  }
  if (request.caEnabled && !request.caCertificates?.length) {
    out.push(violation('caCertificateId', 'MissingParameter', messages.caCertificateRequired()));
  }
  return out;
}

export function statefulViolations(request: CreateListenerRequest, context: TargetContext): RuleViolation[] {
  const { instance } = context;
  const out: RuleViolation[] = [];
  if (instance.status !== 'Active') {
    out.push(
      violation(
        'instance',
        'IncorrectStatus.LoadBalancer',
        messages.instanceNotActive(instance.loadBalancerId, instance.status),
      ),
    );
    return out;
  }
  const own = context.listeners.filter((l) => l.loadBalancerId === instance.loadBalancerId);
  const quota = instance.listenerQuota ?? DEFAULT_LISTENER_QUOTA;
  if (own.length >= quota) {
    out.push(
      violation(
        'instance',
        'ResourceQuotaExceeded.LoadBalancerListenersNum',
        messages.quotaExceeded(instance.loadBalancerId, quota),
      ),
    );
  }
  const clash = listenerOnPort(context, request.listenerProtocol, request.listenerPort);
  if (clash) {
    out.push(
      violation(
        'port',
        'ResourceAlreadyExist.Listener',
        messages.portTaken(request.listenerPort, {
          protocol: clash.protocol,
          name: clash.name || clash.listenerId,
          listenerId: clash.listenerId,
        }),
      ),
    );
  }
  const quicListenerId = request.quicConfig?.quicUpgradeEnabled
    ? request.quicConfig.quicListenerId
    : undefined;
  if (quicListenerId) {
    const problem = quicListenerProblem(quicListenerId, context);
    if (problem) out.push(problem);
  }
  const certificateId = request.certificates?.[0]?.certificateId;
  if (certificateId !== undefined)
    out.push(...certificateViolations('certificateId', certificateId, context));
  if (request.caEnabled) {
    const caId = request.caCertificates?.[0]?.certificateId;
    if (caId !== undefined) out.push(...certificateViolations('caCertificateId', caId, context));
  }
  if (request.listenerProtocol === 'HTTPS' && request.securityPolicyId !== undefined) {
    const policy = context.securityPolicies.find((p) => p.securityPolicyId === request.securityPolicyId);
    if (!policy) {
      out.push(
        violation(
          'securityPolicyId',
          'ResourceNotFound.SecurityPolicy',
          messages.policyNotFound(request.securityPolicyId),
        ),
      );
    } else {
      const problem = securityPolicyProblem(policy, instance.edition);
      if (problem) out.push(problem);
    }
  }
  const groupId = request.defaultActions[0]?.forwardGroupConfig.serverGroupTuples[0]?.serverGroupId;
  if (groupId !== undefined) {
    const group = context.serverGroups.find((g) => g.serverGroupId === groupId);
    if (!group)
      out.push(
        violation('serverGroupId', 'ResourceNotFound.ServerGroup', messages.serverGroupNotFound(groupId)),
      );
    else {
      const problem = serverGroupProblem(group, request.listenerProtocol, instance.vpcId);
      if (problem) out.push(problem);
      else out.push(...grpcWithoutHttp2(request, group));
    }
  }
  return out;
}

/**
 * gRPC runs over HTTP/2, so a GRPC server group behind an HTTPS listener needs HTTP/2 on
 * (`OperationDenied.GRPCServerGroup`). The refusal is on the server group (where the API puts it);
 * the HTTP/2 switch says the same without blocking its step, so turning HTTP/2 off is explained where
 * it is done and either field can be changed to fix it.
 */
function grpcWithoutHttp2(request: CreateListenerRequest, group: ServerGroup): RuleViolation[] {
  if (request.listenerProtocol !== 'HTTPS' || group.protocol !== 'GRPC' || request.http2Enabled !== false)
    return [];
  return [
    violation(
      'serverGroupId',
      'OperationDenied.GRPCServerGroup',
      messages.grpcNeedsHttp2(group.serverGroupName, group.serverGroupId),
    ),
    violation(
      'http2',
      'OperationDenied.GRPCServerGroup',
      messages.http2NeededByGrpc(group.serverGroupName, group.serverGroupId),
      {
        severity: 'warning',
      },
    ),
  ];
}

function certificateViolations(
  field: 'certificateId' | 'caCertificateId',
  certificateId: string,
  context: TargetContext,
): RuleViolation[] {
  const certificate = context.certificates.find((c) => c.certificateId === certificateId);
  if (!certificate)
    return [violation(field, 'ResourceNotFound.Certificate', messages.certificateNotFound(certificateId))];
  if (field === 'caCertificateId' && !certificate.isCa) {
    return [violation(field, 'InvalidParameter', messages.notACaCertificate(certificateId))];
  }
  const state = certificateState(certificate, context.now);
  if (state.kind === 'expired') {
    return [
      violation(
        field,
        'InvalidParameter',
        messages.certificateExpired(certificateId, certificate.commonName, certificate.endDate),
      ),
    ];
  }
  if (state.kind === 'expiring') {
    return [
      violation(
        field,
        'Warning.CertificateExpiringSoon',
        messages.certificateExpiresSoon(certificateId, state.daysLeft, certificate.endDate),
        {
          severity: 'warning',
        },
      ),
    ];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The wizard's draft.

/**
 * Every problem with a draft, as the user types: text fields get messages about what they typed;
 * everything else is checked through the very request the draft maps to, so the wizard and the
 * local ALB can never disagree.
 */
export function validateDraft(draft: ListenerDraft, context?: TargetContext): RuleViolation[] {
  const out: RuleViolation[] = [];
  const port = parseDecimalInteger(draft.port);
  if (draft.port.trim() === '') out.push(violation('port', 'MissingParameter', messages.required('port')));
  else if (port === undefined || port < PORT.min || port > PORT.max) {
    out.push(violation('port', 'InvalidParameter', messages.port(draft.port)));
  }
  if (draft.name !== '') {
    const problem = listenerNameProblem(draft.name);
    if (problem) {
      const message =
        problem.kind === 'length'
          ? messages.nameLength(problem.length)
          : messages.nameCharacter(problem.character);
      out.push(violation('name', 'InvalidParameter', message));
    }
  }
  for (const [field, range] of [
    ['idleTimeout', IDLE_TIMEOUT],
    ['requestTimeout', REQUEST_TIMEOUT],
  ] as const) {
    const text = draft[field];
    if (text.trim() === '') continue;
    const value = parseDecimalInteger(text);
    if (value === undefined || value < range.min || value > range.max) {
      out.push(violation(field, 'InvalidParameter', messages.timeout(field, text)));
    }
  }
  if (draft.protocol === 'HTTPS') {
    let clientCertHeaderOn = false;
    for (const key of CLIENT_CERT_HEADER_KEYS) {
      if (!draft.headers[key]) continue;
      clientCertHeaderOn = true;
      const alias = draft.headerAliases[key];
      if (alias !== '' && !headerAliasIsValid(alias)) {
        out.push(violation(`alias.${key}`, 'InvalidParameter', messages.headerAlias(alias)));
      }
    }
    if (clientCertHeaderOn && !draft.mutualTls) {
      const first = CLIENT_CERT_HEADER_KEYS.find((k) => draft.headers[k])!;
      out.push(
        violation(`header.${first}`, 'Hint.ClientCertHeaders', messages.clientCertHeadersNeedMutualTls(), {
          severity: 'warning',
        }),
      );
    }
  }
  const flagged = new Set(out.map((v) => v.field));
  const request = draftToRequest(draft, context?.instance.loadBalancerId ?? 'alb-draft');
  const check = validateRequest(request);
  const rest = check.ok ? [] : [...check.violations];
  // State is checked even while another step is incomplete, so a taken port is caught on step 1.
  if (context) rest.push(...statefulViolations(request, context));
  for (const v of rest) {
    if (flagged.has(v.field)) continue;
    flagged.add(v.field);
    // The wizard names fields as the console does, not by their API parameter.
    out.push(v.code === 'MissingParameter' ? { ...v, message: messages.required(v.field) } : v);
  }
  return out;
}

/** The problems that belong to one step of the wizard. */
export function validateStep(
  step: WizardStep,
  draft: ListenerDraft,
  context?: TargetContext,
): RuleViolation[] {
  if (step === 'review') return validateDraft(draft, context);
  return validateDraft(draft, context).filter((v) => fieldSpec(v.field).step === step);
}

export function blocking(violations: readonly RuleViolation[]): RuleViolation[] {
  return violations.filter((v) => v.severity === 'error');
}

// ---------------------------------------------------------------------------------------------
// The wire: flattened parameters, as the SDK and the aliyun CLI send them.

const INTEGER_PARAMETERS = new Set(['ListenerPort', 'IdleTimeout', 'RequestTimeout']);

function isBooleanParameter(name: string): boolean {
  return /Enabled$/.test(name) || name === 'DryRun';
}

/** Parameters every RPC call carries, which are not part of the action's own input. */
const COMMON_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'RegionId',
  'SecurityToken',
]);

function toModel(value: WireValue, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toModel(item, ''));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[modelKey(k)] = toModel(v, k);
    return out;
  }
  if (INTEGER_PARAMETERS.has(key) && /^\d{1,15}$/.test(value)) return Number(value);
  if (isBooleanParameter(key) && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function modelKey(wire: string): string {
  if (wire.startsWith('XForwardedFor')) return wire;
  if (wire === 'Tag') return 'tag';
  return wire.charAt(0).toLowerCase() + wire.slice(1);
}

/** A request read back from wire parameters. Values are coerced only where the text is well formed. */
export function wireToRequest(params: WireParams): unknown {
  const own: WireParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (!COMMON_PARAMETERS.has(key)) own[key] = value;
  }
  return toModel(unflatten(own), '');
}

function toWireShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWireShape);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wireName(k)] = toWireShape(v);
    return out;
  }
  return value;
}

/** The flattened wire parameters of a request (what the SDK puts in the query string). */
export function requestToWire(request: CreateListenerRequest): WireParams {
  return flatten(toWireShape(request));
}

// ---------------------------------------------------------------------------------------------
// The local ALB's check of a CreateListener call.

export type CreateCheck =
  | { ok: true; request: CreateListenerRequest; warnings: RuleViolation[] }
  | { ok: false; violation: RuleViolation };

/**
 * Server-side check of a `CreateListener` call, as the local ALB runs it: parses the flattened
 * parameters, then applies every rule of listener-rules.md in order (missing → invalid → not found
 * → state). `lookup` returns undefined for an unknown instance.
 */
export function checkCreateListener(
  params: WireParams,
  lookup: (loadBalancerId: string) => TargetContext | undefined,
): CreateCheck {
  const input = wireToRequest(params);
  const structural = validateRequest(input);
  if (!structural.ok) return { ok: false, violation: structural.violations[0]! };
  const context = lookup(structural.request.loadBalancerId);
  if (!context) {
    return {
      ok: false,
      violation: violation(
        'instance',
        'ResourceNotFound.LoadBalancer',
        messages.instanceNotFound(structural.request.loadBalancerId),
      ),
    };
  }
  const full = validateRequest(input, context);
  if (!full.ok) return { ok: false, violation: full.violations[0]! };
  return full;
}

/** A violation's message in one language. */
export function say(message: Localized, lang: Lang): string {
  return message[lang];
}

// ---------------------------------------------------------------------------------------------
// Server errors back onto the wizard's fields.

const FIELD_BY_ERROR_CODE: Record<string, FieldId> = {
  'ResourceAlreadyExist.Listener': 'port',
  'OperationDenied.CrossLoadBalancerQUICListener': 'quicListenerId',
  'ResourceAlreadyAssociated.Listener': 'quicListenerId',
  'ResourceNotFound.Listener': 'quicListenerId',
  'Mismatch.VpcId': 'serverGroupId',
  'OperationDenied.ServerGroupProtocolNotSupport': 'serverGroupId',
  'OperationDenied.GRPCServerGroup': 'serverGroupId',
  'ResourceNotFound.ServerGroup': 'serverGroupId',
  'ResourceQuotaExceeded.ServerGroupAttachedNum': 'serverGroupId',
  'ResourceNotFound.Certificate': 'certificateId',
  'ResourceNotFound.SecurityPolicy': 'securityPolicyId',
  'Forbidden.SecurityPolicy': 'securityPolicyId',
  'ResourceQuotaExceeded.SecurityPolicyAttachedNum': 'securityPolicyId',
  'IncorrectStatus.LoadBalancer': 'instance',
  'IncorrectBusinessStatus.LoadBalancer': 'instance',
  'ResourceQuotaExceeded.LoadBalancerListenersNum': 'instance',
  'ResourceNotFound.LoadBalancer': 'instance',
  'Forbidden.LoadBalancer': 'instance',
};

/**
 * The wizard field a server error concerns: by its code, else by the parameter it names (the local
 * ALB names it; the cloud puts it in the message), else undefined.
 */
export function fieldOfApiError(code: string, parameterOrMessage?: string): FieldId | undefined {
  const text = parameterOrMessage ?? '';
  const byParameter = [...FIELD_BY_PARAMETER.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .find(([parameter]) => text === parameter || text.includes(parameter));
  if (code === 'ResourceNotFound.Certificate' && byParameter?.[1] === 'caCertificateId')
    return 'caCertificateId';
  const byCode = FIELD_BY_ERROR_CODE[code];
  if (byCode) return byCode;
  return byParameter?.[1];
}
