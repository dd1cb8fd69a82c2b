// The listener detail view's content: everything GetListenerAttribute returns, the certificates with
// their expiry, the server group and its servers, and the extra HTTP headers in plain words, as lines.
// Pure; the view windows and draws them.
import type { ListenerCertificate } from '../../alb/client.js';
import { fieldSpec, headersFor, type FieldId } from '../../domain/fields.js';
import type { Lang } from '../../domain/i18n.js';
import type {
  BackendServer,
  Certificate,
  Listener,
  SecurityPolicy,
  ServerGroup,
} from '../../domain/resources.js';
import {
  describeServedListener,
  servedMessages,
  type ServedAddresses,
} from '../../domain/served-addresses.js';
import { cellWidth, padCells, sanitizeForTerminal } from '../../domain/text.js';
import {
  type DashboardData,
  daysUntil,
  expiryTone,
  listenerStatusTone,
  listenerStatusWord,
  schedulerWord,
  serverStatusWord,
} from '../dashboard/rows.js';
import { healthOf, type ListenerHealth } from '../../domain/server-health.js';
import { enumWord } from '../dashboard/enum-words.js';
import type { Rule } from '../../domain/rule-types.js';
import { healthWords } from '../health-words.js';
import type { ErrorInfo } from '../error-info.js';
import { ruleSummary } from '../../domain/rule-summary.js';
import { t, type MessageKey } from '../i18n.js';
import type { Tone } from '../theme.js';

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface ListenerDetail {
  /** GetListenerAttribute. */
  listener: Listener;
  /** The certificate service's list, to find each certificate's name and expiry. */
  certificates: Loaded<readonly Certificate[]>;
  /** ListListenerCertificates (HTTPS and QUIC): the extra certificates too. */
  listenerCertificates?: Loaded<readonly ListenerCertificate[]>;
  serverGroups: Loaded<readonly ServerGroup[]>;
  /** Per server group ID. */
  servers: ReadonlyMap<string, Loaded<readonly BackendServer[]>>;
  /** The TLS policy's versions (HTTPS). */
  policy?: Loaded<SecurityPolicy | undefined>;
  /** The listener's forwarding rules (ListRules), when the client reads them. */
  rules?: Loaded<readonly Rule[]>;
  /** GetListenerHealthStatus: the servers that are not healthy (the others are). */
  health?: Loaded<ListenerHealth>;
}

export interface DetailContext {
  lang: Lang;
  now: number;
  /** The instance's name, when the dashboard knows it. */
  instanceName?: string;
  /** Protocol, port and name of other listeners, for the QUIC listener an HTTPS one upgrades to. */
  describeListener?: (listenerId: string) => string | undefined;
  /** Server group names the dashboard knows, for the rules' summaries. */
  serverGroupNames?: ReadonlyMap<string, string>;
  /** The local ALB: where it serves the listener. */
  served?: ServedAddresses;
}

/** What the dashboard's listing tells the detail: the instance's name, the other listeners. */
export function detailContextFor(
  data: DashboardData | undefined,
  loadBalancerId: string,
  lang: Lang,
  now: number,
): DetailContext {
  const instance = data?.instances.find((candidate) => candidate.id === loadBalancerId);
  return {
    lang,
    now,
    ...(instance?.name ? { instanceName: instance.name } : {}),
    serverGroupNames: new Map(
      [...(data?.serverGroups ?? [])].map(([id, group]) => [id, group.serverGroupName]),
    ),
    describeListener: (id) => {
      const other = data?.listeners.find((candidate) => candidate.id === id);
      return other ? `${other.protocol} ${other.port}${other.name ? ` ${other.name}` : ''}` : undefined;
    },
  };
}

export type DetailLine =
  | { kind: 'heading'; text: string }
  | { kind: 'field'; label: string; value: string; tone?: Tone; note?: string }
  | { kind: 'text'; text: string; tone?: Tone }
  | { kind: 'blank' };

const s = sanitizeForTerminal;

export function serverGroupIdsOf(listener: Listener): string[] {
  return (listener.defaultActions ?? []).flatMap((action) =>
    (action.forwardGroupConfig?.serverGroupTuples ?? []).map((tuple) => tuple.serverGroupId),
  );
}

function label(field: FieldId, lang: Lang): string {
  return fieldSpec(field).label[lang];
}

function onOff(value: boolean | undefined, lang: Lang): { value: string; tone?: Tone } {
  return value ? { value: t(lang, 'on'), tone: 'good' } : { value: t(lang, 'off'), tone: 'muted' };
}

function failed(error: ErrorInfo, what: MessageKey, lang: Lang): DetailLine {
  return {
    kind: 'text',
    text: t(lang, 'couldNotRead', { what: t(lang, what), reason: error.message[lang] }),
    tone: 'danger',
  };
}

/**
 * A certificate's line (role, ID, name, expiry), then its SANs and issuer whole: the view wraps a
 * long value rather than cut it.
 */
function certificateLines(
  certificateId: string,
  role: string,
  certificates: Loaded<readonly Certificate[]>,
  context: DetailContext,
  status?: string,
): DetailLine[] {
  const { lang, now } = context;
  const found = certificates.ok
    ? certificates.value.find((cert) => cert.certificateId === certificateId)
    : undefined;
  const parts = [role, s(certificateId)];
  if (status) parts.push(enumWord('certificateStatus', status, lang));
  if (!found) {
    if (certificates.ok) parts.push(t(lang, 'certificateUnknown'));
    return [{ kind: 'text', text: parts.join('  '), tone: certificates.ok ? 'warning' : undefined }];
  }
  const days = daysUntil(found.endDate, now);
  const name = s(found.name);
  const commonName = s(found.commonName);
  parts.push(name === commonName ? commonName : `${name} (${commonName})`);
  parts.push(expiryText(found.endDate, days, lang));
  const lines: DetailLine[] = [{ kind: 'text', text: parts.join('  '), tone: expiryTone(days) }];
  if (found.sans.length > 0)
    lines.push({
      kind: 'field',
      label: `  ${t(lang, 'certificateSans')}`,
      value: found.sans.map(s).join(', '),
    });
  if (found.issuer)
    lines.push({ kind: 'field', label: `  ${t(lang, 'certificateIssuer')}`, value: s(found.issuer) });
  return lines;
}

/** `expires 2026-06-01 (in 212 d)`, or `expired 2024-01-01 (12 d ago)`. */
export function expiryText(endDate: string, days: number | undefined, lang: Lang): string {
  const date = s(endDate).slice(0, 10);
  if (days === undefined) return t(lang, 'expiresOn', { date });
  if (days < 0) return t(lang, 'expiredOn', { date, days: -days });
  return t(lang, 'expiresIn', { date, days });
}

export function detailLines(detail: ListenerDetail, context: DetailContext): DetailLine[] {
  const { lang } = context;
  const l = detail.listener;
  const lines: DetailLine[] = [];
  const field = (labelText: string, value: string, tone?: Tone, note?: string) =>
    lines.push({
      kind: 'field',
      label: labelText,
      value,
      ...(tone ? { tone } : {}),
      ...(note ? { note } : {}),
    });
  const blank = () => lines.push({ kind: 'blank' });
  const heading = (text: string) => lines.push({ kind: 'heading', text });
  const tls = l.listenerProtocol !== 'HTTP';
  const https = l.listenerProtocol === 'HTTPS';

  heading(`${l.listenerProtocol} ${l.listenerPort} · ${s(l.listenerDescription) || '—'}`);
  field(t(lang, 'fieldListenerId'), s(l.listenerId));
  field(
    label('instance', lang),
    context.instanceName ? `${context.instanceName} (${s(l.loadBalancerId)})` : s(l.loadBalancerId),
  );
  field(label('protocol', lang), l.listenerProtocol);
  field(label('port', lang), String(l.listenerPort));
  field(label('name', lang), s(l.listenerDescription) || t(lang, 'noName'));
  field(
    t(lang, 'columnStatus'),
    listenerStatusWord(l.listenerStatus, lang),
    listenerStatusTone(l.listenerStatus),
  );
  const served = context.served?.servedAt(l.listenerId);
  if (served) {
    const described = describeServedListener(served, context.served?.caCertificatePath?.());
    field(servedMessages.label[lang], described.where[lang], served.kind === 'served' ? 'good' : 'muted');
    if (described.curl) field(servedMessages.curlLabel[lang], described.curl);
  }
  field(label('idleTimeout', lang), t(lang, 'seconds', { n: l.idleTimeout }));
  field(label('requestTimeout', lang), t(lang, 'seconds', { n: l.requestTimeout }));
  if (https) {
    const http2 = onOff(l.http2Enabled, lang);
    field(label('http2', lang), http2.value, http2.tone);
  }
  const gzip = onOff(l.gzipEnabled, lang);
  field(label('gzip', lang), gzip.value, gzip.tone);
  if (https) {
    const quic = l.quicConfig ?? {};
    const upgrade = onOff(quic.quicUpgradeEnabled, lang);
    const target = quic.quicListenerId ? s(quic.quicListenerId) : '';
    const described = target ? context.describeListener?.(quic.quicListenerId ?? '') : undefined;
    field(
      label('quicUpgrade', lang),
      quic.quicUpgradeEnabled && target
        ? `${upgrade.value} → ${described ? `${described} (${target})` : target}`
        : upgrade.value,
      upgrade.tone,
    );
    const policyId = s(l.securityPolicyId ?? '');
    const policy = detail.policy?.ok ? detail.policy.value : undefined;
    // A custom policy by its name (the ID beside it); a system policy's ID is its name.
    const policyName = policy?.securityPolicyName ? s(policy.securityPolicyName) : '';
    field(
      label('securityPolicyId', lang),
      policyName && policyName !== policyId ? `${policyName} (${policyId})` : policyId || '—',
      undefined,
      policy && policy.tlsVersions.length > 0 ? policy.tlsVersions.map(s).join(', ') : undefined,
    );
    const mutual = onOff(l.caEnabled, lang);
    field(label('mutualTls', lang), mutual.value, mutual.tone);
  }

  if (tls) {
    blank();
    heading(t(lang, 'sectionCertificates'));
    const defaults = (l.certificates ?? []).map((ref) => ref.certificateId);
    for (const id of defaults)
      lines.push(...certificateLines(id, t(lang, 'certificateDefault'), detail.certificates, context));
    if (detail.listenerCertificates?.ok) {
      for (const extra of detail.listenerCertificates.value) {
        if (extra.certificateType !== 'Server' || defaults.includes(extra.certificateId)) continue;
        lines.push(
          ...certificateLines(
            extra.certificateId,
            t(lang, 'certificateExtra'),
            detail.certificates,
            context,
            extra.status,
          ),
        );
      }
    } else if (detail.listenerCertificates && !detail.listenerCertificates.ok) {
      lines.push(failed(detail.listenerCertificates.error, 'sectionCertificates', lang));
    }
    if (defaults.length === 0) lines.push({ kind: 'text', text: t(lang, 'noCertificate'), tone: 'warning' });
    if (!detail.certificates.ok) lines.push(failed(detail.certificates.error, 'certificateList', lang));
    if (https && l.caEnabled) {
      for (const ca of l.caCertificates ?? []) {
        lines.push(
          ...certificateLines(
            ca.certificateId,
            t(lang, 'certificateCa'),
            detail.certificates,
            context,
            ca.status,
          ),
        );
      }
    }
  }

  blank();
  heading(t(lang, 'sectionHeaders'));
  const xff = l.XForwardedForConfig ?? {};
  for (const spec of headersFor(l.listenerProtocol)) {
    const on = xff[spec.apiField] === true;
    const alias = spec.aliasField ? s(xff[spec.aliasField] ?? '') : '';
    const headerName = on && alias ? `${alias} (${spec.header})` : spec.header;
    field(
      headerName,
      on ? t(lang, 'headerOn', { carries: spec.carries[lang] }) : t(lang, 'off'),
      on ? 'good' : 'muted',
    );
  }
  if (xff.XForwardedForProcessingMode) {
    field(t(lang, 'xffMode'), enumWord('xffProcessingMode', xff.XForwardedForProcessingMode, lang));
  }
  if (xff.XForwardedForClientSourceIpsEnabled) {
    field(t(lang, 'xffTrusted'), s(xff.XForwardedForClientSourceIpsTrusted ?? '') || '—');
  }

  const groupIds = serverGroupIdsOf(l);
  blank();
  heading(t(lang, 'sectionServerGroup'));
  if (groupIds.length === 0) lines.push({ kind: 'text', text: t(lang, 'noServerGroup'), tone: 'warning' });
  if (!detail.serverGroups.ok) lines.push(failed(detail.serverGroups.error, 'sectionServerGroup', lang));
  for (const groupId of groupIds) {
    const group = detail.serverGroups.ok
      ? detail.serverGroups.value.find((candidate) => candidate.serverGroupId === groupId)
      : undefined;
    field(label('serverGroupId', lang), group ? `${s(group.serverGroupName)} (${s(groupId)})` : s(groupId));
    if (group) {
      field(t(lang, 'groupProtocol'), s(group.protocol));
      field(t(lang, 'groupType'), enumWord('serverGroupType', group.serverGroupType, lang));
      field(t(lang, 'groupScheduler'), schedulerWord(group.scheduler, lang));
      field('VPC', s(group.vpcId));
      field(
        t(lang, 'columnStatus'),
        enumWord('serverGroupStatus', group.serverGroupStatus, lang),
        group.serverGroupStatus === 'Available' ? 'good' : 'warning',
      );
    }
    const servers = detail.servers.get(groupId);
    if (!servers) continue;
    if (!servers.ok) {
      lines.push(failed(servers.error, 'sectionServers', lang));
      continue;
    }
    lines.push({ kind: 'text', text: t(lang, 'serversCount', { n: servers.value.length }) });
    if (servers.value.length === 0) lines.push({ kind: 'text', text: t(lang, 'noServers'), tone: 'warning' });
    const health = detail.health?.ok ? detail.health.value.serverGroups : undefined;
    const healthOfServer = (server: BackendServer) =>
      health ? healthOf(health, groupId, server) : undefined;
    const table = servers.value.map((server) => {
      const seen = healthOfServer(server);
      return [
        enumWord('serverType', server.serverType, lang),
        s(server.serverId),
        server.serverIp ? `${s(server.serverIp)}:${server.port}` : `:${server.port}`,
        t(lang, 'weight', { n: server.weight }),
        serverStatusWord(server.status, lang),
        seen ? healthWords(seen, lang) : '—',
        s(server.description ?? ''),
      ];
    });
    const widths = table.reduce<number[]>(
      (max, cells) => cells.map((cell, i) => Math.max(max[i] ?? 0, cellWidth(cell))),
      [],
    );
    servers.value.forEach((server, index) => {
      const cells = table[index]!.map((cell, i) => padCells(cell, widths[i] ?? 0));
      lines.push({
        kind: 'text',
        text: `  ${cells.join('  ').trimEnd()}`,
        ...(healthOfServer(server)?.state === 'Unhealthy'
          ? { tone: 'danger' as const }
          : server.status === 'Available'
            ? {}
            : { tone: 'warning' as const }),
      });
    });
  }

  if (detail.rules) lines.push(...rulesSection(detail.rules, detail, context));

  blank();
  heading(t(lang, 'sectionTags'));
  if ((l.tags ?? []).length === 0) lines.push({ kind: 'text', text: t(lang, 'noTags'), tone: 'muted' });
  for (const tag of l.tags ?? []) lines.push({ kind: 'text', text: `${s(tag.key)} = ${s(tag.value)}` });
  return lines;
}

/** Rules shown in the detail; `r` opens them all. */
const RULES_IN_DETAIL = 5;

/** The listener's rules in short: how many, the first few in priority order, each in one line. */
function rulesSection(
  rules: Loaded<readonly Rule[]>,
  detail: ListenerDetail,
  context: DetailContext,
): DetailLine[] {
  const { lang } = context;
  const lines: DetailLine[] = [{ kind: 'blank' }, { kind: 'heading', text: t(lang, 'sectionRules') }];
  if (!rules.ok) return [...lines, failed(rules.error, 'sectionRules', lang)];
  if (rules.value.length === 0)
    return [...lines, { kind: 'text', text: t(lang, 'rulesNone'), tone: 'muted' }];
  const names = new Map(context.serverGroupNames ?? []);
  if (detail.serverGroups.ok)
    for (const group of detail.serverGroups.value) names.set(group.serverGroupId, group.serverGroupName);
  const sorted = [...rules.value].sort((a, b) => a.priority - b.priority);
  lines.push({ kind: 'text', text: t(lang, 'rulesCount', { n: sorted.length }) });
  for (const rule of sorted.slice(0, RULES_IN_DETAIL))
    lines.push({
      kind: 'text',
      text: `  ${String(rule.priority).padStart(5)}  ${s(rule.ruleName)}  ${ruleSummary(rule, lang, names)}`,
    });
  if (sorted.length > RULES_IN_DETAIL)
    lines.push({
      kind: 'text',
      text: t(lang, 'rulesMore', { n: sorted.length - RULES_IN_DETAIL }),
      tone: 'muted',
    });
  return lines;
}
