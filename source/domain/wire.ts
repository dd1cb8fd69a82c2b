// The OpenAPI RPC wire format: nested objects and arrays flattened into `A.1.B.C=value` query
// parameters (1-based indices), and parsed back. Both the ALB client's exports and the emulator use it.

export type WireParams = Record<string, string>;

/** A value parsed back from flattened parameters: strings at the leaves, arrays for numeric keys. */
export type WireValue = string | WireValue[] | { [key: string]: WireValue };

/** Flattens an object whose keys are already the wire (PascalCase) names. Nulls are skipped, as the SDK does. */
export function flatten(value: unknown, prefix = '', out: WireParams = {}): WireParams {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${prefix}.${index + 1}`, out));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = String(value);
  }
  return out;
}

const MAX_INDEX = 1000;

/**
 * Parses flattened parameters back into nested objects. A segment that is a positive integer makes
 * its parent an array (1-based). Keys that would collide (`A=1` and `A.B=2`) keep the nested form;
 * `__proto__`-like keys are ignored.
 */
export function unflatten(params: WireParams): Record<string, WireValue> {
  const root: Record<string, WireValue> = {};
  const keys = Object.keys(params).sort(compareWireKeys);
  keys: for (const key of keys) {
    const segments = key.split('.');
    if (segments.some((s) => s === '' || s === '__proto__' || s === 'constructor' || s === 'prototype'))
      continue;
    if (segments.some((s) => /^\d+$/.test(s) && Number(s) > MAX_INDEX)) continue;
    let node: Record<string, WireValue> | WireValue[] = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const isLast = i === segments.length - 1;
      const nextIsIndex = !isLast && /^[1-9]\d*$/.test(segments[i + 1]!);
      if (Array.isArray(node)) {
        const index = /^[1-9]\d*$/.test(segment) ? Number(segment) : undefined;
        if (index === undefined || index > MAX_INDEX) continue keys;
        const slot = index - 1;
        if (isLast) {
          node[slot] = params[key]!;
          continue keys;
        }
        const existing = node[slot];
        if (existing === undefined || typeof existing === 'string') node[slot] = nextIsIndex ? [] : {};
        node = node[slot] as Record<string, WireValue> | WireValue[];
      } else {
        // Own properties only: `toString=…` or `valueOf.x=…` must not reach Object.prototype's members.
        const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
        if (isLast) {
          if (existing === undefined) node[segment] = params[key]!;
          continue keys;
        }
        if (existing === undefined || typeof existing === 'string') node[segment] = nextIsIndex ? [] : {};
        else if (nextIsIndex !== Array.isArray(existing)) continue keys;
        node = node[segment] as Record<string, WireValue> | WireValue[];
      }
    }
  }
  return compactArrays(root) as Record<string, WireValue>;
}

function compactArrays(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (typeof value === 'object') {
    const out: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compactArrays(v);
    return out;
  }
  return value;
}

/** Sorts so that `A.2` precedes `A.10`, and a parent precedes its children. */
function compareWireKeys(a: string, b: string): number {
  const sa = a.split('.');
  const sb = b.split('.');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}
