// Versioned migrations: pure functions from one schema version of a file to the next. A file carries
// `schemaVersion`; on open it is walked up the chain to the current version and then validated.
//
// profiles.json
//   v0  the pre-release layout (never shipped in a release; kept so the chain is exercised by real
//       data): profiles and connections as objects keyed by name, wizard text as typed, hints as
//       flat fields, times in milliseconds, no `schemaVersion`.
//   v1  the current layout (schema.ts): arrays of listener and connection profiles, numbers parsed,
//       a name pattern, hints grouped, ISO times, `activeConnection`.
// state.json
//   v1  the current layout; no earlier version exists.
// drafts.json
//   v1  one draft per instance: `drafts` keyed by instance ID.
//   v2  drafts keyed by a draft ID, each naming its instance, so one instance can hold several (a
//       half-done HTTPS listener and the QUIC listener it needs). A v1 draft keeps its instance ID as
//       its draft ID: nothing a user typed is lost.
//   v3  an edit of a listener (keyed by the listener's ID, `lsn-…`) keeps its base: the listener's
//       updatable fields as they were when the edit began, so a resume can tell what changed on the
//       server meanwhile. A v2 edit has none: it gets `base: null`, "unknown", and resumes as before.
import { CLIENT_CERT_HEADER_KEYS, HEADERS } from '../domain/fields.js';
import { DEFAULT_PORT, IDLE_TIMEOUT, REQUEST_TIMEOUT } from '../domain/limits.js';

export type FileData = Record<string, unknown>;

export interface MigrationContext {
  /** ISO time of the migration, for records that had no time. */
  now: string;
}

/** Migrates a file's data from the version it is keyed by to the next one. */
export type Migration = (data: FileData, context: MigrationContext) => FileData;

export interface MigrationChain {
  /** The oldest version this chain reads. Files without `schemaVersion` are taken to be this one. */
  first: number;
  current: number;
  steps: Readonly<Record<number, Migration>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text as typed in a v0 wizard, as a number when it is one; anything else is kept so validation reports it. */
function numberFromText(value: unknown, fallback: number): unknown {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return value;
}

function isoFromMillis(value: unknown, fallback: string): unknown {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  return value;
}

function migrateProfileV0(name: string, v0: unknown, now: string): unknown {
  if (!isRecord(v0)) return v0;
  const protocol = v0['protocol'] ?? 'HTTPS';
  const defaultPort = DEFAULT_PORT[protocol as keyof typeof DEFAULT_PORT] ?? 443;
  const headers = Object.fromEntries(HEADERS.map((h) => [h.key, h.defaultOn]));
  if (isRecord(v0['headers'])) Object.assign(headers, v0['headers']);
  const aliases = Object.fromEntries(CLIENT_CERT_HEADER_KEYS.map((k) => [k, '']));
  if (isRecord(v0['headerAliases'])) Object.assign(aliases, v0['headerAliases']);
  const hints: Record<string, unknown> = {};
  if (v0['certificateDomain'] !== undefined) hints['certificate'] = { domain: v0['certificateDomain'] };
  if (v0['caDomain'] !== undefined) hints['caCertificate'] = { domain: v0['caDomain'] };
  if (v0['serverGroupName'] !== undefined) hints['serverGroup'] = { name: v0['serverGroupName'] };
  if (v0['quicPort'] !== undefined) hints['quicListener'] = { port: numberFromText(v0['quicPort'], 443) };
  const created = isoFromMillis(v0['created'], now);
  return {
    name,
    description: v0['description'] ?? '',
    createdAt: created,
    updatedAt: isoFromMillis(v0['updated'], typeof created === 'string' ? created : now),
    listener: {
      protocol,
      port: numberFromText(v0['port'], defaultPort),
      // v0 kept a literal name; a literal is a pattern without placeholders.
      namePattern: v0['name'] ?? '',
      http2: v0['http2'] ?? true,
      idleTimeout: numberFromText(v0['idleTimeout'], IDLE_TIMEOUT.default),
      requestTimeout: numberFromText(v0['requestTimeout'], REQUEST_TIMEOUT.default),
      gzip: v0['gzip'] ?? true,
      headers,
      headerAliases: aliases,
      securityPolicyId: v0['securityPolicyId'] ?? '',
      quicUpgrade: v0['quicUpgrade'] ?? false,
      mutualTls: v0['mutualTls'] ?? false,
    },
    hints,
  };
}

function migrateConnectionV0(name: string, v0: unknown): unknown {
  if (!isRecord(v0)) return v0;
  const cliProfile = v0['cliProfile'];
  const out: Record<string, unknown> = {
    kind: 'aliyun',
    name,
    region: v0['region'],
    readOnly: v0['readOnly'] ?? false,
    production: v0['production'] ?? false,
    credentials:
      typeof cliProfile === 'string'
        ? { source: 'cli-profile', profile: cliProfile }
        : { source: 'environment' },
  };
  if (v0['endpoint'] !== undefined) out['endpoint'] = v0['endpoint'];
  return out;
}

export const profilesMigrations: MigrationChain = {
  first: 0,
  current: 1,
  steps: {
    0: (data, { now }) => {
      // Tolerate a current-layout file whose `schemaVersion` was removed by hand.
      if (data['profiles'] === undefined && Array.isArray(data['listenerProfiles']))
        return { ...data, schemaVersion: 1 };
      const profiles = isRecord(data['profiles']) ? data['profiles'] : {};
      const connections = isRecord(data['connections']) ? data['connections'] : {};
      return {
        schemaVersion: 1,
        listenerProfiles: Object.entries(profiles).map(([name, p]) => migrateProfileV0(name, p, now)),
        connections: Object.entries(connections).map(([name, c]) => migrateConnectionV0(name, c)),
        activeConnection: typeof data['currentConnection'] === 'string' ? data['currentConnection'] : 'local',
      };
    },
  },
};

export const stateMigrations: MigrationChain = { first: 1, current: 1, steps: {} };
/** Edits of listeners are kept under the listener's ID; drafts of new listeners under a UUID. */
const EDIT_DRAFT_ID = /^lsn-/;

export const draftsMigrations: MigrationChain = {
  first: 1,
  current: 3,
  steps: {
    1: (data) => {
      const v1 = isRecord(data['drafts']) ? data['drafts'] : {};
      const drafts = Object.fromEntries(
        Object.entries(v1).map(([instanceId, entry]) => [
          instanceId,
          isRecord(entry) ? { instanceId, ...entry } : entry,
        ]),
      );
      return { ...data, schemaVersion: 2, drafts };
    },
    2: (data) => {
      const v2 = isRecord(data['drafts']) ? data['drafts'] : {};
      const drafts = Object.fromEntries(
        Object.entries(v2).map(([draftId, entry]) => [
          draftId,
          EDIT_DRAFT_ID.test(draftId) && isRecord(entry) ? { ...entry, base: null } : entry,
        ]),
      );
      return { ...data, schemaVersion: 3, drafts };
    },
  },
};

export type MigrationOutcome =
  | { kind: 'current'; data: FileData }
  | { kind: 'migrated'; data: FileData; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid' };

/** Walks `data` up `chain` to the current version. Pure; never throws. */
export function migrate(data: FileData, chain: MigrationChain, context: MigrationContext): MigrationOutcome {
  const declared = data['schemaVersion'];
  const version = declared === undefined ? chain.first : declared;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < chain.first)
    return { kind: 'invalid' };
  if (version > chain.current) return { kind: 'newer', version };
  if (version === chain.current) return { kind: 'current', data };
  let current = data;
  try {
    for (let v = version; v < chain.current; v++) {
      const step = chain.steps[v];
      if (!step) return { kind: 'invalid' };
      current = step(current, context);
    }
  } catch {
    return { kind: 'invalid' };
  }
  return { kind: 'migrated', data: current, from: version };
}
