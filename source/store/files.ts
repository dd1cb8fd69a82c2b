// The three files of the store and how each is read and written. Reading validates entry by entry,
// so one bad entry costs that entry (kept in the moved-aside original), not the whole file.
import { both, type Localized } from '../domain/i18n.js';
import { LABELS, storeMessages } from './messages.js';
import {
  draftsMigrations,
  profilesMigrations,
  stateMigrations,
  type FileData,
  type MigrationChain,
} from './migrations.js';
import {
  connectionProfileSchema,
  instanceIdSchema,
  issuesToMessages,
  listenerProfileSchema,
  LOCAL_CONNECTION_NAME,
  savedDraftSchema,
  uiStateSchema,
  type ConnectionProfile,
  type ListenerProfile,
  type UiState,
} from './schema.js';
import type { z } from 'zod';

export interface Decoded<T> {
  value: T;
  /** Why entries were left out; non-empty means the file must be kept aside before it is rewritten. */
  dropped: Localized[];
}

/** Thrown by `decode` when the file's overall shape is unusable. */
export class UnusableFileError extends Error {}

export interface FileCodec<T> {
  fileName: string;
  chain: MigrationChain;
  empty(): T;
  decode(data: FileData): Decoded<T>;
  encode(value: T): FileData;
}

function arrayField(data: FileData, key: string): unknown[] {
  const value = data[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new UnusableFileError(key);
  return value;
}

function recordField(data: FileData, key: string): Record<string, unknown> {
  const value = data[key];
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UnusableFileError(key);
  return value as Record<string, unknown>;
}

function unknownKeys(data: FileData, known: readonly string[]): Localized[] {
  return Object.keys(data)
    .filter((key) => !known.includes(key))
    .map((key) => storeMessages.unknownField(key));
}

function entryName(entry: unknown): string | undefined {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function prefixed(where: string, problems: Localized[]): Localized {
  const first = problems[0] ?? both('invalid', '无效');
  return both(`${where}: ${first.en}`, `${where}：${first['zh-CN']}`);
}

/** Structural equality of JSON values. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}

/**
 * The last entry validated under each key, per schema: a file re-read after another process added
 * one profile validates one profile again, not all of them. Entries are shared, never mutated.
 */
const validated = new WeakMap<z.ZodType, Map<string, { raw: unknown; data: unknown }>>();
const VALIDATED_MAX = 10_000;

function parseMemoized<T>(
  schema: z.ZodType<T>,
  key: string | undefined,
  entry: unknown,
): ReturnType<z.ZodType<T>['safeParse']> {
  let memo = validated.get(schema);
  if (!memo) validated.set(schema, (memo = new Map()));
  const known = key === undefined ? undefined : memo.get(key);
  if (known && sameJson(known.raw, entry)) return { success: true, data: known.data as T };
  const parsed = schema.safeParse(entry);
  if (parsed.success && key !== undefined) {
    if (memo.size >= VALIDATED_MAX) memo.clear();
    memo.set(key, { raw: entry, data: parsed.data });
  }
  return parsed;
}

/** Validates named entries one by one: invalid and duplicate ones are dropped with a reason. */
function namedEntries<T extends { name: string }>(
  entries: unknown[],
  schema: z.ZodType<T>,
  kind: Localized,
  reserved: readonly string[] = [],
): Decoded<T[]> {
  const value: T[] = [];
  const dropped: Localized[] = [];
  const seen = new Set<string>(reserved);
  entries.forEach((entry, index) => {
    const parsed = parseMemoized(schema, entryName(entry), entry);
    const where = `${kind.en} #${index + 1}${entryName(entry) === undefined ? '' : ` ${JSON.stringify(entryName(entry))}`}`;
    if (!parsed.success) {
      dropped.push(prefixed(where, issuesToMessages(parsed.error)));
      return;
    }
    if (seen.has(parsed.data.name)) {
      dropped.push(storeMessages.duplicateName(kind, parsed.data.name));
      return;
    }
    seen.add(parsed.data.name);
    value.push(parsed.data);
  });
  return { value, dropped };
}

// ---------------------------------------------------------------------------------------------

export interface ProfilesData {
  listenerProfiles: ListenerProfile[];
  /** Saved connections; the built-in local one is not stored. */
  connections: ConnectionProfile[];
  activeConnection: string;
}

export const profilesCodec: FileCodec<ProfilesData> = {
  fileName: 'profiles.json',
  chain: profilesMigrations,
  empty: () => ({ listenerProfiles: [], connections: [], activeConnection: LOCAL_CONNECTION_NAME }),
  decode(data) {
    const profiles = namedEntries(
      arrayField(data, 'listenerProfiles'),
      listenerProfileSchema,
      LABELS.listenerProfile,
    );
    const connections = namedEntries(
      arrayField(data, 'connections'),
      connectionProfileSchema as z.ZodType<ConnectionProfile>,
      LABELS.connection,
      [LOCAL_CONNECTION_NAME],
    );
    const active = data['activeConnection'];
    const activeConnection =
      typeof active === 'string' && connections.value.some((c) => c.name === active)
        ? active
        : LOCAL_CONNECTION_NAME;
    return {
      value: { listenerProfiles: profiles.value, connections: connections.value, activeConnection },
      dropped: [
        ...unknownKeys(data, ['schemaVersion', 'listenerProfiles', 'connections', 'activeConnection']),
        ...profiles.dropped,
        ...connections.dropped,
      ],
    };
  },
  encode: (value) => ({ schemaVersion: profilesMigrations.current, ...value }),
};

export interface StateData {
  ui: UiState;
}

export function emptyUiState(): UiState {
  return { sort: {}, columns: {} };
}

export const stateCodec: FileCodec<StateData> = {
  fileName: 'state.json',
  chain: stateMigrations,
  empty: () => ({ ui: emptyUiState() }),
  decode(data) {
    const parsed = uiStateSchema.safeParse(data['ui'] ?? emptyUiState());
    return {
      value: { ui: parsed.success ? parsed.data : emptyUiState() },
      dropped: [
        ...unknownKeys(data, ['schemaVersion', 'ui']),
        ...(parsed.success ? [] : [prefixed('ui', issuesToMessages(parsed.error))]),
      ],
    };
  },
  encode: (value) => ({ schemaVersion: stateMigrations.current, ...value }),
};

export type StoredDraft = z.infer<typeof savedDraftSchema>;

export interface DraftsData {
  /** Keyed by draft ID. */
  drafts: Record<string, StoredDraft>;
}

export const draftsCodec: FileCodec<DraftsData> = {
  fileName: 'drafts.json',
  chain: draftsMigrations,
  empty: () => ({ drafts: {} }),
  decode(data) {
    const drafts: Record<string, StoredDraft> = {};
    const dropped: Localized[] = unknownKeys(data, ['schemaVersion', 'drafts']);
    for (const [draftId, entry] of Object.entries(recordField(data, 'drafts'))) {
      const parsed = parseMemoized(savedDraftSchema, draftId, entry);
      if (!instanceIdSchema.safeParse(draftId).success) {
        dropped.push(storeMessages.invalidField('drafts', 'draft ID'));
      } else if (!parsed.success) {
        dropped.push(prefixed(`drafts.${draftId}`, issuesToMessages(parsed.error)));
      } else {
        drafts[draftId] = parsed.data;
      }
    }
    return { value: { drafts }, dropped };
  },
  encode: (value) => ({ schemaVersion: draftsMigrations.current, ...value }),
};
