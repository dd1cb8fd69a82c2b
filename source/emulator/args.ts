// Reading an action's flattened parameters: typed getters that answer MissingParameter /
// InvalidParameter the way the service does, and NextToken paging.
import { unflatten, type WireParams, type WireValue } from '../domain/wire.js';
import { invalidParameter, missingParameter } from './errors.js';

export class Args {
  private readonly tree: Record<string, WireValue>;

  constructor(readonly params: WireParams) {
    this.tree = unflatten(params);
  }

  string(name: string): string | undefined {
    const value = Object.hasOwn(this.tree, name) ? this.tree[name] : undefined;
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidParameter(name, 'a single value is expected');
    return value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined || value === '') return undefined;
    if (!(allowed as readonly string[]).includes(value))
      throw invalidParameter(name, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** `Name.1`, `Name.2`, … as a list of strings, at most `max` items. */
  list(name: string, max: number): string[] {
    const value = Object.hasOwn(this.tree, name) ? this.tree[name] : undefined;
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw invalidParameter(name, `expected ${name}.1, ${name}.2, … with one value each`);
    }
    if (value.length > max) throw invalidParameter(name, `at most ${max} items`);
    return value as string[];
  }

  integer(name: string, min: number, max: number): number | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^-?\d+$/.test(raw.trim())) throw invalidParameter(name, 'an integer is expected');
    const value = Number(raw.trim());
    if (value < min || value > max) throw invalidParameter(name, `must be between ${min} and ${max}`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw invalidParameter(name, 'must be true or false');
  }

  /** `Tag.N.Key` / `Tag.N.Value` filters. */
  tags(): { key: string; value?: string }[] {
    const value = Object.hasOwn(this.tree, 'Tag') ? this.tree['Tag'] : undefined;
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length > 20)
      throw invalidParameter('Tag', 'expected Tag.N.Key / Tag.N.Value, at most 20');
    return value.map((item, index) => {
      if (
        typeof item !== 'object' ||
        Array.isArray(item) ||
        typeof item['Key'] !== 'string' ||
        item['Key'] === ''
      ) {
        throw invalidParameter(`Tag.${index + 1}.Key`, 'a tag key is required');
      }
      const tagValue = item['Value'];
      if (tagValue !== undefined && typeof tagValue !== 'string')
        throw invalidParameter(`Tag.${index + 1}.Value`, 'a single value is expected');
      return tagValue === undefined ? { key: item['Key'] } : { key: item['Key'], value: tagValue };
    });
  }
}

export function matchesTags(
  resourceTags: readonly { key: string; value: string }[],
  wanted: { key: string; value?: string }[],
): boolean {
  return wanted.every((w) =>
    resourceTags.some((t) => t.key === w.key && (w.value === undefined || t.value === w.value)),
  );
}

export const DEFAULT_MAX_RESULTS = 20;

export interface Page<T> {
  items: T[];
  paging: { MaxResults: number; TotalCount: number; NextToken?: string };
}

/** NextToken paging: the token is opaque to clients, bound to the action, and encodes the offset. */
export function paginate<T>(items: readonly T[], args: Args, action: string): Page<T> {
  const maxResults = args.integer('MaxResults', 1, 100) ?? DEFAULT_MAX_RESULTS;
  const token = args.string('NextToken');
  const offset = token ? decodeToken(token, action) : 0;
  const slice = items.slice(offset, offset + maxResults);
  const end = offset + slice.length;
  return {
    items: slice,
    paging: {
      MaxResults: maxResults,
      TotalCount: items.length,
      ...(end < items.length ? { NextToken: encodeToken(action, end) } : {}),
    },
  };
}

function encodeToken(action: string, offset: number): string {
  return Buffer.from(JSON.stringify({ a: action, o: offset }), 'utf8').toString('base64url');
}

function decodeToken(token: string, action: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null) {
      const { a, o } = decoded as { a?: unknown; o?: unknown };
      if (a === action && typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) return o;
    }
  } catch {
    /* falls through to the error */
  }
  throw invalidParameter('NextToken', 'the token is not one this API returned');
}
