// The numbers of the forwarding-rule actions (changes-and-rules.md, second part; the API metadata).
import type { LoadBalancerEdition } from './resources.js';

/** Rules a `CreateRules`/`UpdateRulesAttribute`/`DeleteRules` call takes (the schema's 11 is a slip). */
export const RULES_PER_CALL = 10;
export const RULE_PRIORITY = { min: 1, max: 10000 } as const;
export const RULE_NAME_LENGTH = { min: 2, max: 128 } as const;
export const ACTION_ORDER = { min: 1, max: 50000 } as const;
export const CONDITION_VALUES_MAX = 10;
/** Source IP values across all the conditions of one rule. */
export const SOURCE_IPS_PER_RULE = 5;
export const HOST_LENGTH = { min: 3, max: 128 } as const;
export const PATH_LENGTH = { min: 1, max: 128 } as const;
export const HEADER_KEY_LENGTH = { min: 1, max: 40 } as const;
export const HEADER_VALUE_LENGTH = { min: 1, max: 128 } as const;
export const QUERY_KEY_LENGTH = { min: 1, max: 100 } as const;
export const QUERY_VALUE_LENGTH = { min: 1, max: 128 } as const;
/** Cookie values: `CreateRule(s)` say 1–100, `UpdateRulesAttribute` and `ListRules` 1–128; 128 accepted. */
export const COOKIE_KEY_LENGTH = { min: 1, max: 100 } as const;
export const COOKIE_VALUE_LENGTH = { min: 1, max: 128 } as const;
export const FORWARD_GROUPS_MAX = 5;
export const WEIGHT = { min: 0, max: 100 } as const;
export const STICKY_TIMEOUT = { min: 1, max: 86400 } as const;
export const REDIRECT_CODES = ['301', '302', '303', '307', '308'] as const;
/** The metadata writes 1–63335, a slip for the port range. */
export const REDIRECT_PORT = { min: 1, max: 65535 } as const;
export const FIXED_RESPONSE_CONTENT_BYTES = 1024;
export const FIXED_RESPONSE_CONTENT_TYPES = [
  'text/plain',
  'text/css',
  'text/html',
  'application/javascript',
  'application/json',
] as const;
export const INSERT_HEADER_VALUE_LENGTH = { min: 1, max: 128 } as const;
export const SYSTEM_DEFINED_VALUES = [
  'ClientSrcPort',
  'ClientSrcIp',
  'Protocol',
  'SLBId',
  'SLBPort',
] as const;
export const TRAFFIC_LIMIT = { min: 1, max: 1_000_000 } as const;
export const CORS_MAX_AGE = { min: -1, max: 172800 } as const;
export const CORS_HEADER_LENGTH = 32;
export const HTTP_METHODS = ['HEAD', 'GET', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const;
export const RESPONSE_STATUS_CODE = { min: 100, max: 599 } as const;
export const LIST_RULES_PAGE = { min: 1, max: 100, default: 20 } as const;
/** `ListRules` filters: at most this many IDs of each kind. */
export const LIST_RULES_FILTER_MAX = 20;

/**
 * Per rule, by edition (the quotas page, and the text of `CreateRule`/`UpdateRule(s)Attribute`;
 * `CreateRules` alone says 10 actions for StandardWithWaf: 5 as the others say).
 */
export const RULE_QUOTAS: Record<
  LoadBalancerEdition,
  { conditions: number; actions: number; wildcards: number }
> = {
  Basic: { conditions: 5, actions: 3, wildcards: 5 },
  Standard: { conditions: 10, actions: 5, wildcards: 10 },
  StandardWithWaf: { conditions: 10, actions: 5, wildcards: 10 },
};

/** Header names a rule may not insert or remove on requests (case-insensitive). */
export const RESERVED_REQUEST_HEADERS = [
  'slb-id',
  'slb-ip',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-eip',
  'x-forwarded-port',
  'x-forwarded-client-srcport',
  'connection',
  'upgrade',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'te',
  'host',
  'cookie',
  'remoteip',
  'authority',
] as const;
/** Header names a response rule may not insert or remove. */
export const RESERVED_RESPONSE_HEADERS = [
  'connection',
  'upgrade',
  'content-length',
  'transfer-encoding',
] as const;
