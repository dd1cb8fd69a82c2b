// From the command line to a CreateListener request: a saved profile applied to the target
// instance and/or `--set key=value` pairs on top, checked by the same rules as the wizard.
import type { AlbClient } from '../alb/client.js';
import { isAlbError } from '../alb/errors.js';
import { loadTarget } from '../alb/target-context.js';
import type { CreateListenerRequest } from '../domain/create-request.js';
import {
  CLIENT_CERT_HEADER_KEYS,
  fieldSpec,
  HEADERS,
  headerSpec,
  type ClientCertHeaderKey,
  type FieldId,
  type HeaderKey,
} from '../domain/fields.js';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import { draftToRequest, newDraft, type ListenerDraft } from '../domain/listener-draft.js';
import { blocking, validateDraft, type RuleViolation, type TargetContext } from '../domain/listener-rules.js';
import { messages } from '../domain/messages.js';
import { LISTENER_PROTOCOLS, type ListenerProtocol, type LoadBalancer } from '../domain/resources.js';
import {
  applyProfile,
  fieldStillNeeded,
  type HintResolution,
  type ListenerProfile,
  type Store,
} from '../store/index.js';
import { failure, usageError } from './context.js';
import { commandMessages, safe } from './messages.js';

/** The `--set` name of each extra header, as the brief and the help spell them. */
export const HEADER_SET_NAMES: Record<HeaderKey, string> = {
  xForwardedFor: 'x-forwarded-for',
  slbId: 'slb-id',
  proto: 'proto',
  clientCertSubjectDN: 'client-cert-subjectdn',
  clientCertIssuerDN: 'client-cert-issuerdn',
  clientCertFingerprint: 'client-cert-fingerprint',
  clientCertClientVerify: 'client-cert-clientverify',
  slbPort: 'slb-port',
  clientSrcPort: 'client-src-port',
};

/** Every spelling a header is known by (its `--set` name, its key, the header itself), lower case. */
const HEADER_BY_NAME: ReadonlyMap<string, HeaderKey> = new Map(
  HEADERS.flatMap((spec) =>
    [HEADER_SET_NAMES[spec.key], spec.key.toLowerCase(), spec.header.toLowerCase()].map(
      (name) => [name, spec.key] as const,
    ),
  ),
);

type ValueKind = 'boolean' | 'text' | 'protocol';

interface Setter {
  /** The key as the help spells it, e.g. `idle-timeout`, `header.slb-id`. */
  key: string;
  field: FieldId;
  kind: ValueKind;
  /** The protocols the setting applies to. */
  protocols: readonly ListenerProtocol[];
  apply(draft: ListenerDraft, value: string | boolean): void;
}

export interface SetAssignment {
  setter: Setter;
  value: string | boolean;
}

function textSetter(
  key: string,
  field: FieldId,
  apply: (draft: ListenerDraft, value: string) => void,
): Setter {
  return {
    key,
    field,
    kind: 'text',
    protocols: fieldSpec(field).protocols,
    apply: (d, v) => apply(d, String(v)),
  };
}

function booleanSetter(
  key: string,
  field: FieldId,
  apply: (draft: ListenerDraft, value: boolean) => void,
): Setter {
  return {
    key,
    field,
    kind: 'boolean',
    protocols: fieldSpec(field).protocols,
    apply: (d, v) => apply(d, v === true),
  };
}

const SETTERS: readonly Setter[] = [
  { key: 'protocol', field: 'protocol', kind: 'protocol', protocols: LISTENER_PROTOCOLS, apply: () => {} },
  textSetter('port', 'port', (d, v) => (d.port = v)),
  textSetter('name', 'name', (d, v) => (d.name = v)),
  booleanSetter('http2', 'http2', (d, v) => (d.http2 = v)),
  textSetter('idle-timeout', 'idleTimeout', (d, v) => (d.idleTimeout = v)),
  textSetter('request-timeout', 'requestTimeout', (d, v) => (d.requestTimeout = v)),
  booleanSetter('gzip', 'gzip', (d, v) => (d.gzip = v)),
  booleanSetter('quic-upgrade', 'quicUpgrade', (d, v) => (d.quicUpgrade = v)),
  textSetter('quic-listener', 'quicListenerId', (d, v) => {
    d.quicListenerId = v.trim();
    if (d.quicListenerId !== '') d.quicUpgrade = true;
  }),
  textSetter('certificate', 'certificateId', (d, v) => (d.certificateId = v.trim())),
  textSetter('security-policy', 'securityPolicyId', (d, v) => (d.securityPolicyId = v.trim())),
  booleanSetter('mtls', 'mutualTls', (d, v) => (d.mutualTls = v)),
  textSetter('ca-certificate', 'caCertificateId', (d, v) => {
    d.caCertificateId = v.trim();
    if (d.caCertificateId !== '') d.mutualTls = true;
  }),
  textSetter('server-group', 'serverGroupId', (d, v) => (d.serverGroupId = v.trim())),
];

function headerSetter(key: HeaderKey): Setter {
  return {
    key: `header.${HEADER_SET_NAMES[key]}`,
    field: `header.${key}`,
    kind: 'boolean',
    protocols: headerSpec(key).protocols,
    apply: (d, v) => (d.headers[key] = v === true),
  };
}

function aliasSetter(key: ClientCertHeaderKey): Setter {
  return {
    key: `alias.${HEADER_SET_NAMES[key]}`,
    field: `alias.${key}`,
    kind: 'text',
    protocols: ['HTTPS'],
    apply: (d, v) => (d.headerAliases[key] = String(v).trim()),
  };
}

function findSetter(key: string): Setter | undefined {
  const lower = key.trim().toLowerCase();
  const plain = SETTERS.find((s) => s.key === lower);
  if (plain) return plain;
  const dot = lower.indexOf('.');
  if (dot < 0) return undefined;
  const group = lower.slice(0, dot);
  const header = HEADER_BY_NAME.get(lower.slice(dot + 1));
  if (!header) return undefined;
  if (group === 'header') return headerSetter(header);
  if (group === 'alias' && (CLIENT_CERT_HEADER_KEYS as readonly string[]).includes(header)) {
    return aliasSetter(header as ClientCertHeaderKey);
  }
  return undefined;
}

/** The `--set` key that gives a field, for messages that say how to fix something. */
export function setKeyOf(field: FieldId): string | undefined {
  if (field.startsWith('header.')) return `header.${HEADER_SET_NAMES[field.slice(7) as HeaderKey]}`;
  if (field.startsWith('alias.')) return `alias.${HEADER_SET_NAMES[field.slice(6) as HeaderKey]}`;
  return SETTERS.find((s) => s.field === field)?.key;
}

function parseBoolean(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  return undefined;
}

/** Reads `--set` pairs; any syntax problem is a usage error (exit 2), found before anything is called. */
export function parseSetPairs(texts: readonly string[]): SetAssignment[] {
  return texts.map((text) => {
    const at = text.indexOf('=');
    const key = at < 0 ? '' : text.slice(0, at).trim();
    if (at < 0 || key === '') throw usageError(commandMessages.setSyntax(text));
    const raw = text.slice(at + 1);
    const setter = findSetter(key);
    if (!setter) throw usageError(commandMessages.setUnknownKey(key));
    if (setter.kind === 'boolean') {
      const value = parseBoolean(raw);
      if (value === undefined) throw usageError(commandMessages.setBadBoolean(setter.key, raw));
      return { setter, value };
    }
    if (setter.kind === 'protocol') {
      const protocol = raw.trim().toUpperCase();
      if (!(LISTENER_PROTOCOLS as readonly string[]).includes(protocol))
        throw usageError(commandMessages.setBadProtocol(raw));
      return { setter, value: protocol };
    }
    return { setter, value: raw };
  });
}

export interface PreparedListener {
  /** The request without ClientToken or DryRun; the caller adds what it needs. */
  request: CreateListenerRequest;
  draft: ListenerDraft;
  context: TargetContext;
  loadBalancer: LoadBalancer;
  /** Things to tell the user that do not stop anything (a certificate about to expire, …). */
  warnings: Localized[];
  /** The profile's forwarding rules (server groups by name), created after the listener. */
  profileRules?: unknown[];
}

export interface PrepareInput {
  client: AlbClient;
  store: () => Promise<Store>;
  instanceId: string;
  profileName?: string | undefined;
  sets: readonly SetAssignment[];
  /** `--client-token` was given: this may repeat a request that already created the listener. */
  retryOfClientToken?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * The request the profile and the `--set` pairs stand for on this instance. Every problem the user
 * can fix (unknown profile or instance, a pick the profile cannot make here, a rule broken) is a
 * usage error listing each problem as `<field label>: <message>`.
 */
export async function prepareListener(input: PrepareInput): Promise<PreparedListener> {
  let profile: ListenerProfile | undefined;
  if (input.profileName !== undefined) {
    const store = await input.store();
    profile = store.getProfile(input.profileName);
    if (!profile) throw usageError(commandMessages.profileNotFound(input.profileName));
  }
  const quicListener = [...input.sets].reverse().find((s) => s.setter.key === 'quic-listener')?.value;
  let target: Awaited<ReturnType<typeof loadTarget>>;
  try {
    target = await loadTarget(input.client, input.instanceId, {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(typeof quicListener === 'string' && quicListener.trim() !== ''
        ? { alsoListenerIds: [quicListener.trim()] }
        : {}),
    });
  } catch (error) {
    if (
      isAlbError(error) &&
      error.kind === 'notFound' &&
      (error.code === 'ResourceNotFound.LoadBalancer' || error.action === 'GetLoadBalancerAttribute')
    ) {
      throw failure(messages.instanceNotFound(input.instanceId), {
        errorCode: error.code ?? 'ResourceNotFound.LoadBalancer',
        requestId: error.requestId,
      });
    }
    throw error;
  }
  const { context, loadBalancer } = target;

  const protocolSet = [...input.sets].reverse().find((s) => s.setter.kind === 'protocol')?.value as
    ListenerProtocol | undefined;
  let draft: ListenerDraft;
  let resolutions: HintResolution[] = [];
  if (profile) {
    const listener = protocolSet ? { ...profile.listener, protocol: protocolSet } : profile.listener;
    const applied = applyProfile({ listener, hints: profile.hints }, context, {
      instanceName: loadBalancer.loadBalancerName,
    });
    draft = applied.draft;
    resolutions = applied.resolutions;
  } else {
    draft = newDraft(protocolSet ?? 'HTTPS');
  }

  const setFields = new Set<FieldId>();
  for (const { setter, value } of input.sets) {
    if (setter.kind === 'protocol') continue;
    setter.apply(draft, value);
    setFields.add(setter.field);
  }
  const notApplicable = input.sets.filter((s) => !s.setter.protocols.includes(draft.protocol));
  if (notApplicable.length > 0) {
    throw usageError(
      notApplicable.map((s) =>
        commandMessages.setNotForProtocol(s.setter.key, draft.protocol, s.setter.protocols),
      ),
    );
  }

  const hintProblems = resolutions
    .filter((r) => r.status !== 'resolved' && !setFields.has(r.field) && fieldStillNeeded(r.field, draft))
    .map(hintProblem);
  if (hintProblems.length > 0) throw usageError(hintProblems);

  // A retry with the ClientToken of an earlier request: the port may be taken by the very listener
  // that request created. The service decides (the same listener back, or the clash refused).
  const violations = validateDraft(draft, context).filter(
    (v) => !(input.retryOfClientToken && v.code === 'ResourceAlreadyExist.Listener'),
  );
  const errors = blocking(violations);
  if (errors.length > 0) throw usageError(errors.map(violationMessage));
  const warnings = violations.filter((v) => v.severity === 'warning').map(violationMessage);
  for (const r of resolutions)
    if (r.status === 'resolved' && r.note && !setFields.has(r.field)) warnings.push(r.note);

  return {
    request: draftToRequest(draft, input.instanceId),
    draft,
    context,
    loadBalancer,
    warnings: dedupe(warnings),
    ...(profile?.rules?.length ? { profileRules: profile.rules } : {}),
  };
}

function dedupe(list: Localized[]): Localized[] {
  const seen = new Set<string>();
  return list.filter((m) => !seen.has(m.en) && seen.add(m.en));
}

function hintProblem(resolution: HintResolution): Localized {
  const label = fieldSpec(resolution.field).label;
  const key = setKeyOf(resolution.field) ?? resolution.field;
  if (resolution.status === 'ambiguous') {
    const candidates = resolution.candidates.map((c) => `\n  ${safe(c.id)}  ${safe(c.label)}`).join('');
    const choose = commandMessages.useSetToChoose(key);
    return both(
      `${label.en}: ${resolution.reason.en}; ${choose.en}:${candidates}`,
      `${label['zh-CN']}：${resolution.reason['zh-CN']}；${choose['zh-CN']}：${candidates}`,
    );
  }
  const reason = resolution.status === 'unresolved' ? resolution.reason : both('', '');
  const give = commandMessages.useSetToGive(key);
  return both(
    `${label.en}: ${reason.en} (${give.en})`,
    `${label['zh-CN']}：${reason['zh-CN']}（${give['zh-CN']}）`,
  );
}

/** `<field label>: <message>`, with the `--set` key to use when a value is missing. */
export function violationMessage(violation: RuleViolation): Localized {
  const label = fieldSpec(violation.field).label;
  const key = violation.code === 'MissingParameter' ? setKeyOf(violation.field) : undefined;
  const give = key ? commandMessages.useSetToGive(key) : undefined;
  return both(
    `${label.en}: ${violation.message.en}${give ? ` (${give.en})` : ''}`,
    `${label['zh-CN']}：${violation.message['zh-CN']}${give ? `（${give['zh-CN']}）` : ''}`,
  );
}

/** The request at a glance, as `label: value` pairs for the confirmation. */
export function requestSummary(prepared: PreparedListener, lang: Lang): [Localized, string][] {
  const { draft, request, context, loadBalancer } = prepared;
  const onOff = (value: boolean) => (value ? commandMessages.on : commandMessages.off)[lang];
  const label = (field: FieldId) => fieldSpec(field).label;
  const rows: [Localized, string][] = [
    [label('instance'), `${loadBalancer.loadBalancerId} (${loadBalancer.loadBalancerName})`],
    [label('protocol'), request.listenerProtocol],
    [label('port'), String(request.listenerPort)],
    [label('name'), request.listenerDescription ?? ''],
  ];
  if (draft.protocol === 'HTTPS') rows.push([label('http2'), onOff(draft.http2)]);
  rows.push(
    [label('idleTimeout'), commandMessages.seconds(request.idleTimeout ?? '')[lang]],
    [label('requestTimeout'), commandMessages.seconds(request.requestTimeout ?? '')[lang]],
    [label('gzip'), onOff(draft.gzip)],
  );
  const headersOn = HEADERS.filter((h) => h.protocols.includes(draft.protocol) && draft.headers[h.key]).map(
    (h) => {
      const alias = (CLIENT_CERT_HEADER_KEYS as readonly string[]).includes(h.key)
        ? draft.headerAliases[h.key as ClientCertHeaderKey]
        : '';
      return alias ? `${h.header} (${alias})` : h.header;
    },
  );
  rows.push([
    both('Extra HTTP headers', '附加HTTP头字段'),
    headersOn.length > 0 ? headersOn.join(', ') : commandMessages.none[lang],
  ]);
  if (draft.protocol === 'HTTPS') {
    rows.push([
      label('quicUpgrade'),
      draft.quicUpgrade ? `${onOff(true)} → ${draft.quicListenerId}` : onOff(false),
    ]);
  }
  if (draft.protocol !== 'HTTP') {
    const certificate = context.certificates.find((c) => c.certificateId === draft.certificateId);
    rows.push([
      label('certificateId'),
      certificate
        ? `${certificate.certificateId} (${certificate.commonName || certificate.name}, ${certificate.endDate.slice(0, 10)})`
        : draft.certificateId,
    ]);
  }
  if (draft.protocol === 'HTTPS') {
    rows.push([label('securityPolicyId'), request.securityPolicyId ?? '']);
    rows.push([
      label('mutualTls'),
      draft.mutualTls ? `${onOff(true)} → ${draft.caCertificateId}` : onOff(false),
    ]);
  }
  const group = context.serverGroups.find((g) => g.serverGroupId === draft.serverGroupId);
  rows.push([
    label('serverGroupId'),
    group
      ? `${group.serverGroupId} (${group.serverGroupName}, ${group.protocol}, ${group.serverCount} ${lang === 'en' ? 'servers' : '台服务器'})`
      : draft.serverGroupId,
  ]);
  return rows;
}
