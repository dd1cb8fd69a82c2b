// Everything the local ALB knows, as one plain JSON-able object: what the state file holds.
import type { StoredHealthCheckConfig } from './traffic/health-config.js';
import type {
  AsyncJob,
  BackendServer,
  Certificate,
  Listener,
  LoadBalancer,
  SecurityPolicy,
  ServerGroup,
  Tag,
} from '../domain/resources.js';
import type { Rule } from '../domain/rule-types.js';

export const STATE_VERSION = 1;

export interface ScaleOptions {
  /** Total instances (demo ones included). */
  instances: number;
  /** Total listeners (demo ones included). */
  listeners: number;
  /** Extra path rules on prod-web's HTTPS 443 (seed-rules.ts), e.g. 1,000 for the rules benchmarks. */
  rules?: number;
}

/** The resource group of the demo account's resources unless a resource names another. */
export const DEFAULT_RESOURCE_GROUP_ID = 'rg-acfm2pz25js4xxy';

/** What ALB keeps of an instance beyond what alb-tui shows (all optional: older state files lack them). */
export type StoredLoadBalancer = LoadBalancer & {
  bandwidthPackageId?: string;
  accessLog?: { logProject: string; logStore: string };
  /** Set when the instance is under console protection (`ModificationProtectionConfig`). */
  modificationProtectionReason?: string;
  operationLocks?: { lockType: string; lockReason: string }[];
  ipv6AddressType?: 'Internet' | 'Intranet';
};

export interface StoredAclConfig {
  aclType: 'White' | 'Black';
  aclRelations: { aclId: string; status: 'Associating' | 'Associated' | 'Dissociating' }[];
}

/** An extra (SNI) certificate of a listener, with ALB's own spelling of its states. */
export interface StoredExtraCertificate {
  certificateId: string;
  status: 'Associating' | 'Associated' | 'Diassociating';
}

export type StoredListener = Listener & {
  createTime: string;
  aclConfig?: StoredAclConfig;
  /** Absent in state files from before extra certificates: none. */
  extraCertificates?: StoredExtraCertificate[];
};
export type StoredSecurityPolicy = SecurityPolicy & {
  createTime: string;
  resourceGroupId?: string;
  tags?: Tag[];
};
export type StoredServerGroup = ServerGroup & {
  createTime: string;
  resourceGroupId?: string;
  tags?: Tag[];
  /** Session persistence, when on: ALB inserts its own cookie, or follows the application's. */
  stickySession?: { type: 'Insert'; cookieTimeout: number } | { type: 'Server'; cookie: string };
  /** Absent in state files from before health checks: the API's defaults (on, HEAD /, 2 s, http_2xx). */
  healthCheckConfig?: StoredHealthCheckConfig;
};
export type StoredCertificate = Certificate & { resourceGroupId?: string };

/** An asynchronous change to a listener (or, kind `servers`, to a server group's servers) that completes at `dueAt`. */
export interface PendingTransition {
  kind:
    | 'create'
    | 'delete'
    | 'update'
    | 'start'
    | 'stop'
    | 'associate'
    | 'dissociate'
    | 'rule-create'
    | 'rule-update'
    | 'rule-delete'
    | 'servers';
  /** '' for a change of servers. */
  listenerId: string;
  jobId: string;
  dueAt: number;
  /** Changes to an existing listener: the status it returns to (when the change fails, or does not decide it). */
  returnTo?: 'Running' | 'Stopped';
  /** `update`: the fields to set, as the request named them. */
  update?: Record<string, unknown>;
  /** `associate`, `dissociate`: the certificates concerned. */
  certificateIds?: string[];
  /** `rule-*`: the rules concerned (`listenerId` is their listener's). */
  ruleIds?: string[];
  /** `rule-update`: per rule, the fields to set. */
  ruleUpdates?: Record<string, Record<string, unknown>>;
  /** `servers`: the group, what happens to which servers (by `serverKey`), and updates' new values. */
  serverGroupId?: string;
  serverChange?: {
    op: 'add' | 'remove' | 'update';
    keys: string[];
    updates?: Record<string, { weight?: number; description?: string }>;
  };
  /** Set when the change is to fail (fault injection): the job ends `Failed` with this. */
  failure?: { code: string; message: string };
}

/** The first answer to a call made with a `ClientToken`, replayed for repeats of the same call. */
export interface IdempotencyRecord {
  fingerprint: string;
  response: Record<string, string>;
  at: number;
}

export interface EmulatorState {
  version: typeof STATE_VERSION;
  region: string;
  seed: number;
  seededAt: number;
  scale?: ScaleOptions;
  loadBalancers: StoredLoadBalancer[];
  listeners: StoredListener[];
  certificates: StoredCertificate[];
  /** Custom TLS policies only; the system ones come from the domain catalogue. */
  customPolicies: StoredSecurityPolicy[];
  serverGroups: StoredServerGroup[];
  servers: BackendServer[];
  /** Forwarding rules; absent in state files from before rules: none. */
  rules?: Rule[];
  jobs: AsyncJob[];
  pending: PendingTransition[];
  /** Keyed by `<Action>:<ClientToken>`. */
  clientTokens: Record<string, IdempotencyRecord>;
}

const ARRAY_KEYS = [
  'loadBalancers',
  'listeners',
  'certificates',
  'customPolicies',
  'serverGroups',
  'servers',
  'jobs',
  'pending',
] as const;

/**
 * A structural check of a parsed state file: enough to refuse a file that is not ours or from a
 * newer version, without re-validating every field we wrote ourselves. Returns the reason it is refused.
 */
export function stateProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (record['version'] !== STATE_VERSION) return `unsupported version ${JSON.stringify(record['version'])}`;
  if (typeof record['region'] !== 'string' || record['region'] === '') return 'no region';
  for (const key of ARRAY_KEYS) if (!Array.isArray(record[key])) return `"${key}" is not a list`;
  const tokens = record['clientTokens'];
  if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens))
    return '"clientTokens" is not an object';
  return undefined;
}
