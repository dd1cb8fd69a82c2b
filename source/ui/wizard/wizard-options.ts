// What each wizard picker offers, from the target's facts: pure, so the reducer and the view agree.
import type { FieldId } from '../../domain/fields.js';
import { both, type Localized } from '../../domain/i18n.js';
import type { ListenerDraft } from '../../domain/listener-draft.js';
import { wizardText } from './wizard-i18n.js';
import {
  SERVER_GROUP_SERVES,
  certificateState,
  quicListenerProblem,
  securityPolicyProblem,
  serverGroupProblem,
  type TargetContext,
} from '../../domain/listener-rules.js';

export type PickerField = Extract<
  FieldId,
  'quicListenerId' | 'certificateId' | 'securityPolicyId' | 'caCertificateId' | 'serverGroupId'
>;

export const PICKER_FIELDS: readonly PickerField[] = [
  'quicListenerId',
  'certificateId',
  'securityPolicyId',
  'caCertificateId',
  'serverGroupId',
];

export function isPickerField(field: FieldId): field is PickerField {
  return (PICKER_FIELDS as readonly FieldId[]).includes(field);
}

export interface PickerOption {
  id: string;
  /** The main words of the row (name, common name). */
  label: string;
  /** Facts to choose by: expiry, TLS versions, VPC, protocol. */
  detail: Localized;
  /** Why it cannot be chosen; such options are shown greyed. */
  disabledReason?: Localized;
  /** Something to notice that does not block (a certificate about to expire). */
  warning?: Localized;
  /** Not a pick but an offer to make a new one in place (the QUIC listener). */
  create?: boolean;
}

/** The QUIC listener picker's last row: make a new QUIC listener without leaving the form. */
export const NEW_QUIC_LISTENER: PickerOption = {
  id: '+new-quic',
  label: '+',
  detail: wizardText('newQuicListener'),
  create: true,
};

export function pickerOptions(
  field: PickerField,
  draft: ListenerDraft,
  context: TargetContext | undefined,
): PickerOption[] {
  if (!context) return [];
  switch (field) {
    case 'quicListenerId':
      return [
        ...context.listeners
          .filter((l) => l.protocol === 'QUIC' && l.loadBalancerId === context.instance.loadBalancerId)
          .map((l): PickerOption => {
            const problem = quicListenerProblem(l.listenerId, context);
            return {
              id: l.listenerId,
              label: l.name,
              detail: both(`QUIC ${l.port} · ${l.listenerId}`, `QUIC ${l.port} · ${l.listenerId}`),
              ...(problem ? { disabledReason: problem.message } : {}),
            };
          }),
        NEW_QUIC_LISTENER,
      ];
    case 'certificateId':
    case 'caCertificateId': {
      const wantCa = field === 'caCertificateId';
      return context.certificates
        .filter((c) => c.isCa === wantCa)
        .map((c) => {
          const state = certificateState(c, context.now);
          const days = state.daysLeft;
          const sans = c.sans.filter((s) => s !== c.commonName);
          // Expiry first: it decides the choice, and it must survive a narrow terminal's cut.
          const detail = both(
            `${state.kind === 'expired' ? `expired ${c.endDate.slice(0, 10)}` : `expires in ${days} d`} · ${
              c.certificateId
            } · ${sans.length ? `SAN ${sans.join(', ')} · ` : ''}${c.issuer}`,
            `${state.kind === 'expired' ? `已于 ${c.endDate.slice(0, 10)} 过期` : `${days} 天后过期`} · ${
              c.certificateId
            } · ${sans.length ? `SAN ${sans.join('、')} · ` : ''}${c.issuer}`,
          );
          return {
            id: c.certificateId,
            label: c.commonName,
            detail,
            ...(state.kind === 'expired' ? { disabledReason: both('it has expired', '已过期') } : {}),
            ...(state.kind === 'expiring'
              ? { warning: both(`expires in ${days} days`, `${days} 天后过期`) }
              : {}),
          };
        });
    }
    case 'securityPolicyId':
      return context.securityPolicies.map((p) => {
        const problem = securityPolicyProblem(p, context.instance.edition);
        const kind = p.kind === 'system' ? both('system', '系统策略') : both('custom', '自定义策略');
        return {
          id: p.securityPolicyId,
          label: p.kind === 'custom' ? `${p.securityPolicyName} (${p.securityPolicyId})` : p.securityPolicyId,
          detail: both(
            `${kind.en} · ${p.tlsVersions.join(' ')} · ${p.ciphers.length} cipher suites`,
            `${kind['zh-CN']} · ${p.tlsVersions.join(' ')} · ${p.ciphers.length} 个加密套件`,
          ),
          ...(problem ? { disabledReason: problem.message } : {}),
        };
      });
    case 'serverGroupId':
      return context.serverGroups.map((g) => {
        const problem = serverGroupProblem(g, draft.protocol, context.instance.vpcId);
        const serves = SERVER_GROUP_SERVES[g.protocol].join('/');
        return {
          id: g.serverGroupId,
          label: g.serverGroupName,
          detail: both(
            `${g.serverGroupId} · ${g.protocol} (serves ${serves}) · ${g.vpcId} · ${g.serverCount} servers`,
            `${g.serverGroupId} · ${g.protocol}（可用于 ${serves}）· ${g.vpcId} · ${g.serverCount} 台服务器`,
          ),
          ...(problem ? { disabledReason: problem.message } : {}),
        };
      });
  }
}

/** Options matching a filter typed by the user: case-insensitive over ID, label and details. */
export function filterOptions(options: readonly PickerOption[], filter: string): PickerOption[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return [...options];
  return options.filter(
    (o) =>
      o.create ||
      [o.id, o.label, o.detail.en, o.detail['zh-CN']].some((text) => text.toLowerCase().includes(needle)),
  );
}
