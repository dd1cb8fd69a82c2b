// Rules between the domain's shape (camelCase, rule-types.ts) and the API's (PascalCase, as the wire,
// ListRules and the aliyun CLI spell it), both ways, and the SDK's model shape (camelCase but `QPS`).
import type { RuleSpec } from './rule-types.js';
import { flatten, type WireParams } from './wire.js';

const TO_API: Record<string, string> = { qps: 'QPS' };
const FROM_API: Record<string, string> = { QPS: 'qps', Tag: 'tags', Tags: 'tags' };
/** Fields the API types as numbers and booleans (strings on the wire). */
const INTEGER_FIELDS = new Set(['priority', 'order', 'weight', 'timeout', 'qps', 'perIpQps', 'maxAge']);
const BOOLEAN_FIELDS = new Set(['enabled']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapKeys(
  value: unknown,
  key: (k: string) => string,
  leaf: (k: string, v: unknown) => unknown,
): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, key, leaf));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || k === '__proto__') continue;
    const name = key(k);
    out[name] = isRecord(v) || Array.isArray(v) ? mapKeys(v, key, leaf) : leaf(name, v);
  }
  return out;
}

/**
 * A rule (or any part of one) in the API's spelling. `tags` become `Tag` (requests) or `Tags`
 * (ListRules replies).
 */
export function ruleToApi(value: unknown, tagKey: 'Tag' | 'Tags' = 'Tag'): unknown {
  return mapKeys(
    value,
    (k) => (k === 'tags' ? tagKey : (TO_API[k] ?? k.charAt(0).toUpperCase() + k.slice(1))),
    (_, v) => v,
  );
}

/**
 * The API's spelling back to the domain's. Wire text is typed where it is well formed (`"10"` → 10,
 * `"true"` → true); anything else is left as it came, for the checks to name.
 */
export function ruleFromApi(value: unknown): unknown {
  return mapKeys(
    value,
    (k) => FROM_API[k] ?? k.charAt(0).toLowerCase() + k.slice(1),
    (k, v) => {
      if (typeof v !== 'string') return v;
      if (INTEGER_FIELDS.has(k) && /^-?\d{1,15}$/.test(v)) return Number(v);
      if (BOOLEAN_FIELDS.has(k) && (v === 'true' || v === 'false')) return v === 'true';
      return v;
    },
  );
}

/** The flattened wire parameters of some rules (`Rules.1.RuleConditions.1.HostConfig.Values.1` …). */
export function rulesToWire(rules: readonly Partial<RuleSpec>[], prefix = 'Rules'): WireParams {
  return flatten({ [prefix]: ruleToApi(rules) });
}

/** One rule's fields as top-level wire parameters (`CreateRule`, `UpdateRuleAttribute`). */
export function ruleToWire(rule: Partial<RuleSpec>): WireParams {
  return flatten(ruleToApi(rule));
}

/**
 * The SDK's models are camelCase but for the traffic limit's `QPS`, and requests' tags are `tag`
 * (replies' `tags`).
 */
export function ruleToSdk(value: unknown): unknown {
  return mapKeys(
    value,
    (k) => (k === 'qps' ? 'QPS' : k === 'tags' ? 'tag' : k),
    (_, v) => v,
  );
}
export function ruleFromSdk(value: unknown): unknown {
  return mapKeys(
    value,
    (k) => (k === 'QPS' ? 'qps' : k === 'tag' ? 'tags' : k),
    (_, v) => v,
  );
}
