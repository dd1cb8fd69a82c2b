// STUB — being written now; the signatures below are the contract.
import type { CreateListenerRequest } from './create-request.js';
import type {
  Certificate,
  ListenerProtocol,
  LoadBalancerEdition,
  LoadBalancerStatus,
  SecurityPolicy,
  ServerGroup,
} from './resources.js';
import type { WireParams } from './wire.js';

export type Lang = 'en' | 'zh-CN';
export type Localized = Record<Lang, string>;

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
  listeners: {
    listenerId: string;
    loadBalancerId: string;
    protocol: ListenerProtocol;
    port: number;
    name: string;
    /** For HTTPS listeners with QUIC upgrade: the QUIC listener they are associated with. */
    associatedQuicListenerId?: string;
  }[];
  certificates: Certificate[];
  securityPolicies: SecurityPolicy[];
  serverGroups: ServerGroup[];
  /** Milliseconds since the epoch: the rules are pure, so "now" comes in from outside. */
  now: number;
}

export interface RuleViolation {
  /** The API error code the local ALB answers with, e.g. `InvalidParameter`. */
  code: string;
  httpStatus: number;
  /** The API parameter concerned, e.g. `ListenerPort`. */
  parameter: string;
  message: Localized;
}

export type CreateCheck =
  | { ok: true; request: CreateListenerRequest }
  | { ok: false; violation: RuleViolation };

/**
 * Server-side check of a `CreateListener` call, as the local ALB runs it: parses the flattened
 * parameters, then applies every rule of listener-rules.md in order (missing → invalid → not found
 * → state). `lookup` returns undefined for an unknown instance.
 */
export declare function checkCreateListener(
  params: WireParams,
  lookup: (loadBalancerId: string) => TargetContext | undefined,
): CreateCheck;

/** The flattened wire parameters of a request (what the SDK puts in the query string). */
export declare function requestToWire(request: CreateListenerRequest): WireParams;
