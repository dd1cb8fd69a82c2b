// Listener profiles meet instances: a profile becomes a wizard draft for one instance, its hints
// resolved against that instance's certificates, server groups and listeners; and a finished draft
// becomes a profile, its picks turned back into hints. Pure: facts in, results out.
import { nameCovers } from '../domain/certificate-names.js';
import type { CreateListenerRequest } from '../domain/create-request.js';
import { fieldSpec, headersFor, type FieldId } from '../domain/fields.js';
import { both, type Localized } from '../domain/i18n.js';
import { IDLE_TIMEOUT, REQUEST_TIMEOUT } from '../domain/limits.js';
import {
  defaultListenerName,
  draftToRequest,
  newDraft,
  type ListenerDraft,
} from '../domain/listener-draft.js';
import {
  blocking,
  certificateState,
  listenerOnPort,
  quicListenerProblem,
  securityPolicyProblem,
  serverGroupProblem,
  validateDraft,
  type ListenerFact,
  type TargetContext,
} from '../domain/listener-rules.js';
import { messages } from '../domain/messages.js';
import type { Certificate, ListenerProtocol, ServerGroup } from '../domain/resources.js';
import { parseDecimalInteger } from '../domain/text-rules.js';
import { DEFAULT_SECURITY_POLICY_ID } from '../domain/tls-policies.js';
import { hintMessages, LABELS } from './messages.js';
import { checkProfileRules, rulesToProfile } from './profile-rules.js';
import type { RuleSpec } from '../domain/rule-types.js';
import { expandNamePattern } from './name-pattern.js';
import {
  issuesToMessages,
  listenerProfileInputSchema,
  type ListenerProfile,
  type ListenerProfileInput,
  type ProfileHints,
} from './schema.js';

export type HintKind = 'certificate' | 'caCertificate' | 'serverGroup' | 'quicListener' | 'securityPolicy';

export interface HintCandidate {
  id: string;
  /** What a picker shows, e.g. `*.example.com · 23759533-cn-hangzhou · until 2026-03-01`. */
  label: string;
}

export type HintResolution =
  | { hint: HintKind; field: FieldId; status: 'resolved'; id: string; label: string; note?: Localized }
  | { hint: HintKind; field: FieldId; status: 'ambiguous'; candidates: HintCandidate[]; reason: Localized }
  | { hint: HintKind; field: FieldId; status: 'unresolved'; reason: Localized };

export interface AppliedProfile {
  /** The wizard's draft: resolved picks filled in, the others left empty for the user to choose. */
  draft: ListenerDraft;
  /** One entry per instance-specific pick the listener needs. */
  resolutions: HintResolution[];
}

type Resolution = HintResolution;

/** The draft field each resolved hint fills; the policy is already in the draft. */
const PICK_FIELD: Record<
  HintKind,
  'certificateId' | 'caCertificateId' | 'serverGroupId' | 'quicListenerId' | undefined
> = {
  certificate: 'certificateId',
  caCertificate: 'caCertificateId',
  serverGroup: 'serverGroupId',
  quicListener: 'quicListenerId',
  securityPolicy: undefined,
};

function certificateLabel(c: Certificate): string {
  return `${c.commonName || c.name} · ${c.certificateId} · until ${c.endDate.slice(0, 10)}`;
}

function groupLabel(g: ServerGroup): string {
  return `${g.serverGroupName} · ${g.serverGroupId} · ${g.protocol} · ${g.vpcId}`;
}

/** 2: the certificate names the domain itself; 1: a wildcard of it covers the domain; 0: no match. */
function certificateMatch(certificate: Certificate, domain: string, alsoByName: boolean): number {
  const wanted = domain.toLowerCase();
  const names = [certificate.commonName, ...certificate.sans].filter(Boolean).map((n) => n.toLowerCase());
  if (names.includes(wanted) || (alsoByName && certificate.name.toLowerCase() === wanted)) return 2;
  // Not the same name (above), so a name that covers it is a wildcard.
  return names.some((name) => nameCovers(name, wanted)) ? 1 : 0;
}

function resolveCertificate(
  kind: 'certificate' | 'caCertificate',
  hint: { domain: string } | undefined,
  context: TargetContext,
): Resolution {
  const field = kind === 'certificate' ? 'certificateId' : 'caCertificateId';
  const label = kind === 'certificate' ? LABELS.certificate : LABELS.caCertificate;
  if (!hint) return { hint: kind, field, status: 'unresolved', reason: hintMessages.noHint(label) };
  const wantCa = kind === 'caCertificate';
  const matches = context.certificates
    .filter((c) => c.isCa === wantCa)
    .map((c) => ({ c, score: certificateMatch(c, hint.domain, wantCa) }))
    .filter((m) => m.score > 0);
  if (matches.length === 0) {
    const reason = wantCa
      ? hintMessages.noCaCertificate(hint.domain)
      : hintMessages.noCertificate(hint.domain);
    return { hint: kind, field, status: 'unresolved', reason };
  }
  const usable = matches.filter((m) => certificateState(m.c, context.now).kind !== 'expired');
  if (usable.length === 0) {
    return {
      hint: kind,
      field,
      status: 'unresolved',
      reason: hintMessages.onlyExpired(hint.domain, matches.length),
    };
  }
  const best = Math.max(...usable.map((m) => m.score));
  const chosen = usable
    .filter((m) => m.score === best)
    .map((m) => m.c)
    .sort((a, b) => Date.parse(b.endDate) - Date.parse(a.endDate));
  if (chosen.length > 1) {
    return {
      hint: kind,
      field,
      status: 'ambiguous',
      candidates: chosen.map((c) => ({ id: c.certificateId, label: certificateLabel(c) })),
      reason: hintMessages.severalCertificates(hint.domain, chosen.length),
    };
  }
  const certificate = chosen[0]!;
  const state = certificateState(certificate, context.now);
  const resolved: Resolution = {
    hint: kind,
    field,
    status: 'resolved',
    id: certificate.certificateId,
    label: certificateLabel(certificate),
  };
  if (state.kind === 'expiring') {
    resolved.note = messages.certificateExpiresSoon(
      certificate.certificateId,
      state.daysLeft,
      certificate.endDate,
    );
  }
  return resolved;
}

function resolveServerGroup(
  hint: ProfileHints['serverGroup'],
  protocol: ListenerProtocol,
  context: TargetContext,
): Resolution {
  const field = 'serverGroupId';
  if (!hint)
    return {
      hint: 'serverGroup',
      field,
      status: 'unresolved',
      reason: hintMessages.noHint(LABELS.serverGroup),
    };
  let named = context.serverGroups.filter((g) => g.serverGroupName === hint.name);
  if (named.length === 0) {
    const lower = hint.name.toLowerCase();
    named = context.serverGroups.filter((g) => g.serverGroupName.toLowerCase() === lower);
  }
  if (named.length === 0) {
    return {
      hint: 'serverGroup',
      field,
      status: 'unresolved',
      reason: hintMessages.noServerGroup(hint.name),
    };
  }
  const usable = named.filter((g) => serverGroupProblem(g, protocol, context.instance.vpcId) === undefined);
  if (usable.length === 0) {
    const why = serverGroupProblem(named[0]!, protocol, context.instance.vpcId)!.message;
    return {
      hint: 'serverGroup',
      field,
      status: 'unresolved',
      reason: hintMessages.serverGroupUnusable(hint.name, why),
    };
  }
  if (usable.length > 1) {
    return {
      hint: 'serverGroup',
      field,
      status: 'ambiguous',
      candidates: usable.map((g) => ({ id: g.serverGroupId, label: groupLabel(g) })),
      reason: hintMessages.severalServerGroups(hint.name, usable.length),
    };
  }
  const group = usable[0]!;
  return {
    hint: 'serverGroup',
    field,
    status: 'resolved',
    id: group.serverGroupId,
    label: groupLabel(group),
  };
}

function resolveQuicListener(hint: ProfileHints['quicListener'], context: TargetContext): Resolution {
  const field = 'quicListenerId';
  if (!hint)
    return {
      hint: 'quicListener',
      field,
      status: 'unresolved',
      reason: hintMessages.noHint(LABELS.quicListener),
    };
  const listener = context.listeners.find(
    (l) =>
      l.loadBalancerId === context.instance.loadBalancerId && l.protocol === 'QUIC' && l.port === hint.port,
  );
  if (!listener)
    return {
      hint: 'quicListener',
      field,
      status: 'unresolved',
      reason: hintMessages.noQuicListener(hint.port),
    };
  const problem = quicListenerProblem(listener.listenerId, context);
  if (problem) return { hint: 'quicListener', field, status: 'unresolved', reason: problem.message };
  return {
    hint: 'quicListener',
    field,
    status: 'resolved',
    id: listener.listenerId,
    label: `QUIC ${listener.port} · ${listener.name || listener.listenerId} · ${listener.listenerId}`,
  };
}

function resolveSecurityPolicy(id: string, context: TargetContext): Resolution {
  const field = 'securityPolicyId';
  const policy = context.securityPolicies.find((p) => p.securityPolicyId === id);
  if (!policy)
    return {
      hint: 'securityPolicy',
      field,
      status: 'unresolved',
      reason: hintMessages.policyUnavailable(id),
    };
  const problem = securityPolicyProblem(policy, context.instance.edition);
  if (problem) return { hint: 'securityPolicy', field, status: 'unresolved', reason: problem.message };
  return { hint: 'securityPolicy', field, status: 'resolved', id, label: policy.securityPolicyName || id };
}

/**
 * The wizard draft a profile stands for on the instance `context` describes, with every hint resolved
 * against that instance: `resolved` fills the draft, `ambiguous` offers candidates, `unresolved` says why.
 */
export function applyProfile(
  profile: Pick<ListenerProfile, 'listener' | 'hints'>,
  context: TargetContext,
  options: { instanceName?: string } = {},
): AppliedProfile {
  const settings = profile.listener;
  const { protocol, port } = settings;
  const draft = newDraft(protocol);
  draft.port = String(port);
  const name = expandNamePattern(settings.namePattern, {
    protocol,
    port,
    instance: context.instance.loadBalancerId,
    ...(options.instanceName === undefined ? {} : { instanceName: options.instanceName }),
  });
  draft.name = name === defaultListenerName(protocol, port) ? '' : name;
  draft.idleTimeout = String(settings.idleTimeout);
  draft.requestTimeout = String(settings.requestTimeout);
  draft.gzip = settings.gzip;
  for (const spec of headersFor(protocol)) draft.headers[spec.key] = settings.headers[spec.key];

  const resolutions: Resolution[] = [];
  const take = (resolution: Resolution) => {
    resolutions.push(resolution);
    if (resolution.status !== 'resolved') return;
    const field = PICK_FIELD[resolution.hint];
    if (field) draft[field] = resolution.id;
  };

  if (protocol === 'HTTPS') {
    draft.http2 = settings.http2;
    draft.headerAliases = { ...settings.headerAliases };
    draft.securityPolicyId = settings.securityPolicyId || DEFAULT_SECURITY_POLICY_ID;
    draft.quicUpgrade = settings.quicUpgrade;
    draft.mutualTls = settings.mutualTls;
    if (settings.quicUpgrade) take(resolveQuicListener(profile.hints.quicListener, context));
  }
  if (protocol !== 'HTTP') take(resolveCertificate('certificate', profile.hints.certificate, context));
  if (protocol === 'HTTPS') {
    if (settings.mutualTls) take(resolveCertificate('caCertificate', profile.hints.caCertificate, context));
    take(resolveSecurityPolicy(draft.securityPolicyId, context));
  }
  take(resolveServerGroup(profile.hints.serverGroup, protocol, context));
  return { draft, resolutions };
}

export type CapturedProfile =
  { ok: true; profile: ListenerProfileInput } | { ok: false; problems: Localized[] };

/**
 * A profile from a wizard draft (e.g. "save as profile" on the review step): the answers as they
 * stand, and the picks turned into hints that hold on other instances — the certificate by its
 * domain, the server group by name, the QUIC listener by port.
 */
export function captureProfile(
  draft: ListenerDraft,
  context: Pick<TargetContext, 'certificates' | 'serverGroups' | 'listeners'> | undefined,
  options: { name: string; description?: string; namePattern?: string; rules?: readonly RuleSpec[] },
): CapturedProfile {
  const { protocol } = draft;
  const isHttps = protocol === 'HTTPS';
  const problems: Localized[] = [];
  const number = (text: string, fallback: number, problem: () => Localized) => {
    if (text.trim() === '') return fallback;
    const value = parseDecimalInteger(text);
    if (value === undefined) problems.push(problem());
    return value ?? fallback;
  };
  const hints: ProfileHints = {};
  const certificate = context?.certificates.find((c) => c.certificateId === draft.certificateId);
  if (protocol !== 'HTTP' && certificate)
    hints.certificate = { domain: certificate.commonName || certificate.sans[0] || certificate.name };
  const ca = context?.certificates.find((c) => c.certificateId === draft.caCertificateId);
  if (isHttps && draft.mutualTls && ca) hints.caCertificate = { domain: ca.commonName || ca.name };
  const group = context?.serverGroups.find((g) => g.serverGroupId === draft.serverGroupId);
  if (group) hints.serverGroup = { name: group.serverGroupName };
  const quic = context?.listeners.find((l) => l.listenerId === draft.quicListenerId);
  if (isHttps && draft.quicUpgrade && quic) hints.quicListener = { port: quic.port };
  const fresh = newDraft(protocol);
  const input = {
    name: options.name,
    description: options.description ?? '',
    listener: {
      protocol,
      port: number(draft.port, Number.NaN, () => messages.port(draft.port)),
      namePattern: options.namePattern ?? draft.name,
      http2: isHttps ? draft.http2 : fresh.http2,
      idleTimeout: number(draft.idleTimeout, IDLE_TIMEOUT.default, () =>
        messages.timeout('idleTimeout', draft.idleTimeout),
      ),
      requestTimeout: number(draft.requestTimeout, REQUEST_TIMEOUT.default, () =>
        messages.timeout('requestTimeout', draft.requestTimeout),
      ),
      gzip: draft.gzip,
      headers: { ...draft.headers },
      headerAliases: isHttps ? { ...draft.headerAliases } : { ...fresh.headerAliases },
      securityPolicyId: isHttps ? draft.securityPolicyId : '',
      quicUpgrade: isHttps && draft.quicUpgrade,
      mutualTls: isHttps && draft.mutualTls,
    },
    hints,
    ...(options.rules?.length ? { rules: rulesToProfile(options.rules, context?.serverGroups ?? []) } : {}),
  };
  if (draft.port.trim() === '') problems.push(messages.port(''));
  if (problems.length > 0) return { ok: false, problems };
  const parsed = listenerProfileInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: issuesToMessages(parsed.error) };
  return { ok: true, profile: parsed.data };
}

/** Whether a pick still matters for the draft as it stands (QUIC association only with the upgrade on, …). */
export function fieldStillNeeded(field: FieldId, draft: ListenerDraft): boolean {
  switch (field) {
    case 'quicListenerId':
      return draft.protocol === 'HTTPS' && draft.quicUpgrade;
    case 'caCertificateId':
      return draft.protocol === 'HTTPS' && draft.mutualTls;
    case 'certificateId':
      return draft.protocol !== 'HTTP';
    case 'securityPolicyId':
      return draft.protocol === 'HTTPS';
    default:
      return true;
  }
}

/** `<field label>: <message>`, in both languages. */
export function labelled(field: FieldId, message: Localized): Localized {
  const label = fieldSpec(field).label;
  return both(`${label.en}: ${message.en}`, `${label['zh-CN']}：${message['zh-CN']}`);
}

/** What applying a profile to one instance would do. */
export type ProfilePlan =
  | {
      kind: 'create';
      /** Without ClientToken: the caller gives each instance its own, kept across retries. */
      request: CreateListenerRequest;
      draft: ListenerDraft;
      /** Worth knowing, never blocking: a certificate about to expire, a pick made by a guess. */
      notes: Localized[];
      /** The profile's forwarding rules as they will be created once the listener is Running. */
      rules: RuleSpec[];
    }
  /** The port is taken on this instance (by a listener of the same port space). */
  | { kind: 'clash'; existing: ListenerFact; message: Localized }
  /** A pick the profile cannot make here, or a rule the result would break. */
  | { kind: 'blocked'; problems: Localized[] };

/**
 * The plan for one instance of an "apply to many": the listener the profile stands for on it, or
 * why it cannot be created there. The same rules as the wizard and the local ALB, on the same facts.
 */
export function planProfile(
  profile: Pick<ListenerProfile, 'listener' | 'hints'> & { rules?: readonly unknown[] | undefined },
  context: TargetContext,
  options: { instanceName?: string } = {},
): ProfilePlan {
  const { draft, resolutions } = applyProfile(profile, context, options);
  const violations = validateDraft(draft, context);
  const existing = listenerOnPort(context, draft.protocol, profile.listener.port);
  if (existing) {
    const portViolation = violations.find((v) => v.field === 'port' && v.severity === 'error');
    return {
      kind: 'clash',
      existing,
      message: portViolation?.message ?? labelled('port', messages.port(String(profile.listener.port))),
    };
  }
  const unresolved = resolutions.filter(
    (r): r is Exclude<HintResolution, { status: 'resolved' }> => r.status !== 'resolved',
  );
  const problems = unresolved
    .filter((r) => fieldStillNeeded(r.field, draft))
    .map((r) => labelled(r.field, r.reason));
  const unresolvedFields = new Set(unresolved.map((r) => r.field));
  // A pick left empty is already said once, by its hint.
  const broken = blocking(violations).filter((v) => !unresolvedFields.has(v.field));
  problems.push(...broken.map((v) => labelled(v.field, v.message)));
  const rules = checkProfileRules(profile.rules ?? [], {
    edition: context.instance.edition,
    listener: { protocol: draft.protocol, http2Enabled: draft.http2 },
    vpcId: context.instance.vpcId,
    serverGroups: context.serverGroups,
  });
  problems.push(...rules.problems);
  if (problems.length > 0) return { kind: 'blocked', problems: dedupe(problems) };
  const notes = violations.filter((v) => v.severity === 'warning').map((v) => labelled(v.field, v.message));
  for (const r of resolutions) if (r.status === 'resolved' && r.note) notes.push(r.note);
  return {
    kind: 'create',
    request: draftToRequest(draft, context.instance.loadBalancerId),
    draft,
    notes: dedupe(notes),
    rules: rules.rules,
  };
}

function dedupe(list: readonly Localized[]): Localized[] {
  const seen = new Set<string>();
  return list.filter((message) => !seen.has(message.en) && seen.add(message.en));
}
