import type {
  CertificateRef,
  DefaultAction,
  ListenerProtocol,
  QuicConfig,
  Tag,
  XForwardedForConfig,
} from './resources.js';

/**
 * The `CreateListener` request, field for field as the SDK model `CreateListenerRequest` names it
 * (camelCase, with the PascalCase `XForwardedForConfig` the SDK keeps).
 */
export interface CreateListenerRequest {
  loadBalancerId: string;
  listenerProtocol: ListenerProtocol;
  listenerPort: number;
  listenerDescription?: string;
  http2Enabled?: boolean;
  idleTimeout?: number;
  requestTimeout?: number;
  gzipEnabled?: boolean;
  securityPolicyId?: string;
  caEnabled?: boolean;
  caCertificates?: CertificateRef[];
  certificates?: CertificateRef[];
  defaultActions: DefaultAction[];
  quicConfig?: QuicConfig;
  XForwardedForConfig?: XForwardedForConfig;
  tag?: Tag[];
  clientToken?: string;
  dryRun?: boolean;
}

/** SDK model property → wire (API) name, for the keys that differ by more than the first letter. */
const WIRE_NAME_OVERRIDES: Record<string, string> = { tag: 'Tag' };

export function wireName(modelName: string): string {
  return WIRE_NAME_OVERRIDES[modelName] ?? modelName.charAt(0).toUpperCase() + modelName.slice(1);
}

export function modelName(wire: string): string {
  // The SDK keeps XForwardedFor* and a few acronyms (DNSName, TLSVersions) in PascalCase.
  if (wire.startsWith('XForwardedFor') || wire === 'DNSName' || wire === 'TLSVersions') return wire;
  return wire.charAt(0).toLowerCase() + wire.slice(1);
}
