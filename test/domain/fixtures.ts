import type { TargetContext } from '../../source/domain/listener-rules.js';
import type { Certificate, SecurityPolicy, ServerGroup } from '../../source/domain/resources.js';
import { SYSTEM_TLS_POLICIES } from '../../source/domain/tls-policies.js';

export const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;

function certificate(casId: number, commonName: string, daysLeft: number, isCa = false): Certificate {
  return {
    certificateId: `${casId}-cn-hangzhou`,
    casId,
    name: commonName,
    commonName,
    sans: [commonName],
    issuer: isCa ? 'Example Root CA' : "Let's Encrypt R11",
    startDate: new Date(NOW - 60 * DAY).toISOString(),
    endDate: new Date(NOW + daysLeft * DAY).toISOString(),
    fingerprint: `fp-${casId}`,
    isCa,
  };
}

export const CERT_VALID = certificate(1001, 'www.example.com', 200);
export const CERT_EXPIRING = certificate(1002, 'soon.example.com', 12);
export const CERT_EXPIRED = certificate(1003, 'old.example.com', -3);
export const CERT_CA = certificate(1004, 'Example Client CA', 900, true);

export const CUSTOM_POLICY: SecurityPolicy = {
  securityPolicyId: 'tls-custom-1',
  securityPolicyName: 'strict-custom',
  kind: 'custom',
  tlsVersions: ['TLSv1.2'],
  ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'],
};

function group(id: string, protocol: ServerGroup['protocol'], vpcId: string): ServerGroup {
  return {
    serverGroupId: id,
    serverGroupName: id,
    serverGroupType: 'Instance',
    serverGroupStatus: 'Available',
    protocol,
    scheduler: 'Wrr',
    vpcId,
    serverCount: 2,
    relatedLoadBalancerIds: [],
  };
}

export const SG_HTTP = group('sgp-http', 'HTTP', 'vpc-a');
export const SG_HTTPS = group('sgp-https', 'HTTPS', 'vpc-a');
export const SG_GRPC = group('sgp-grpc', 'GRPC', 'vpc-a');
export const SG_OTHER_VPC = group('sgp-far', 'HTTP', 'vpc-b');

/** Instance alb-a (Standard, vpc-a) with HTTPS 443, HTTP 80, two QUIC listeners (one associated). */
export function context(overrides: Partial<TargetContext['instance']> = {}): TargetContext {
  return {
    instance: {
      loadBalancerId: 'alb-a',
      status: 'Active',
      edition: 'Standard',
      vpcId: 'vpc-a',
      ...overrides,
    },
    listeners: [
      {
        listenerId: 'lsn-https443',
        loadBalancerId: 'alb-a',
        protocol: 'HTTPS',
        port: 443,
        name: 'HTTPS_443',
        associatedQuicListenerId: 'lsn-quic443',
      },
      { listenerId: 'lsn-http80', loadBalancerId: 'alb-a', protocol: 'HTTP', port: 80, name: 'web' },
      { listenerId: 'lsn-quic443', loadBalancerId: 'alb-a', protocol: 'QUIC', port: 443, name: 'QUIC_443' },
      {
        listenerId: 'lsn-quic8443',
        loadBalancerId: 'alb-a',
        protocol: 'QUIC',
        port: 8443,
        name: 'QUIC_8443',
      },
      { listenerId: 'lsn-quic-b', loadBalancerId: 'alb-b', protocol: 'QUIC', port: 443, name: 'QUIC_443' },
    ],
    certificates: [CERT_VALID, CERT_EXPIRING, CERT_EXPIRED, CERT_CA],
    securityPolicies: [...SYSTEM_TLS_POLICIES, CUSTOM_POLICY],
    serverGroups: [SG_HTTP, SG_HTTPS, SG_GRPC, SG_OTHER_VPC],
    now: NOW,
  };
}
