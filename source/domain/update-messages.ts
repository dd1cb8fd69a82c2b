// The messages of the update-only listener rules and of the listener-change actions, in English and
// Simplified Chinese (the console's terms: 监听, 默认证书, 扩展证书, 服务器组).
import { both, type Localized } from './i18n.js';
import type { ListenerProtocol } from './resources.js';

export const updateMessages = {
  cannotChange(parameter: 'ListenerProtocol' | 'ListenerPort' | 'LoadBalancerId'): Localized {
    const what = {
      ListenerProtocol: both('protocol', '协议'),
      ListenerPort: both('port', '端口'),
      LoadBalancerId: both('instance', '所属实例'),
    }[parameter];
    return both(
      `The ${what.en} of a listener cannot change (${parameter}); create a new listener instead`,
      `监听的${what['zh-CN']}创建后不能修改（${parameter}）；请新建监听`,
    );
  },
  notUpdatable(parameter: string): Localized {
    return both(
      `${parameter} cannot be changed with UpdateListenerAttribute`,
      `${parameter} 不能通过 UpdateListenerAttribute 修改`,
    );
  },
  onlyForwardGroup(type: string): Localized {
    return both(
      `The default action can only forward to a server group (ForwardGroup), not ${JSON.stringify(type)}`,
      `默认动作只能是转发至服务器组（ForwardGroup），不能是 ${JSON.stringify(type)}`,
    );
  },
  onlyDefaultCertificate(count: number): Localized {
    return both(
      `Certificates takes only the default certificate (1), not ${count}; add extra certificates with AssociateAdditionalCertificatesWithListener`,
      `Certificates 只能指定 1 个默认证书，而不是 ${count} 个；扩展证书请通过 AssociateAdditionalCertificatesWithListener 添加`,
    );
  },
  defaultIsExtra(certificateId: string): Localized {
    return both(
      `Certificate ${certificateId} is already an extra certificate of this listener; remove it from the extra certificates first`,
      `证书 ${certificateId} 已是该监听的扩展证书；请先将其从扩展证书中移除`,
    );
  },
  listenerBusy(listenerId: string, status: string): Localized {
    return both(
      `Listener ${listenerId} is ${status}; change it once it is Running or Stopped`,
      `监听 ${listenerId} 处于 ${status} 状态；请在其运行中或已停止后再修改`,
    );
  },
  httpListenerNoCertificates(listenerId: string, protocol: ListenerProtocol): Localized {
    return both(
      `Listener ${listenerId} is ${protocol}: only HTTPS and QUIC listeners have certificates`,
      `监听 ${listenerId} 为 ${protocol} 协议：只有 HTTPS 和 QUIC 监听可以配置证书`,
    );
  },
  defaultCertificateUsed(certificateId: string): Localized {
    return both(
      `Certificate ${certificateId} is the listener's default certificate and cannot be removed; replace the default certificate instead`,
      `证书 ${certificateId} 是该监听的默认证书，不能移除；请改为更换默认证书`,
    );
  },
  certificateAlreadyAssociated(certificateId: string): Localized {
    return both(
      `Certificate ${certificateId} is already associated with this listener`,
      `证书 ${certificateId} 已关联到该监听`,
    );
  },
  certificateNotAssociated(certificateId: string): Localized {
    return both(
      `Certificate ${certificateId} is not an extra certificate of this listener`,
      `证书 ${certificateId} 不是该监听的扩展证书`,
    );
  },
  certificateCount(count: number, max: number): Localized {
    return both(
      `Certificates takes 1 to ${max} certificates a call, not ${count}`,
      `Certificates 每次可指定 1～${max} 个证书，而不是 ${count} 个`,
    );
  },
  certificateNotServer(certificateId: string): Localized {
    return both(
      `Certificate ${certificateId} is a CA certificate; only server certificates can be extra certificates`,
      `证书 ${certificateId} 是 CA 证书；只有服务器证书可以作为扩展证书`,
    );
  },
  certificateIdForm(value: string): Localized {
    return both(
      `${JSON.stringify(value)} is not a certificate ID: use the CAS number (12345) or ALB's form (12345-cn-hangzhou)`,
      `${JSON.stringify(value)} 不是证书 ID：请使用数字证书管理服务的证书编号（12345）或 ALB 的形式（12345-cn-hangzhou）`,
    );
  },
};
