// The store: listener profiles and connection profiles (what users edit, profiles.json), wizard
// drafts (drafts.json, written as the user types) and UI state (state.json), in one 0700 directory.
// Reads are synchronous and see other processes' writes; every write is an async, locked
// read-modify-write.
import fs from 'node:fs';
import { both, type Lang, type Localized } from '../domain/i18n.js';
import type { ListenerDraft } from '../domain/listener-draft.js';
import { StoreError } from './errors.js';
import {
  draftsCodec,
  profilesCodec,
  stateCodec,
  type DraftsData,
  type ProfilesData,
  type StateData,
} from './files.js';
import { DEFAULT_LOCK_OPTIONS, type LockOptions } from './lock.js';
import { storeMessages } from './messages.js';
import { configDir } from './paths.js';
import {
  connectionProfileSchema,
  draftMetaSchema,
  importedProfileSchema,
  instanceIdSchema,
  issuesToMessages,
  listenerDraftSchema,
  listenerProfileInputSchema,
  LOCAL_CONNECTION,
  LOCAL_CONNECTION_NAME,
  PROFILE_NAME_MAX,
  uiStateSchema,
  type ConnectionProfile,
  type ConnectionProfileInput,
  type DraftMeta,
  type ListenerProfile,
  type ListenerProfileInput,
  type SavedDraft,
  type UiState,
} from './schema.js';
import { assertNoSecrets, looksLikeBareSecret, looksLikeSecretKey, secretsInEnvironment } from './secrets.js';
import { DIR_MODE, StoreFile } from './store-file.js';
import {
  ruleDraftKey,
  ruleDraftsCodec,
  savedRuleDraftSchema,
  withRuleDraft,
  type RuleDraftsData,
  type SavedRuleDraft,
} from './rule-drafts.js';
import type { z } from 'zod';

export interface StoreOptions {
  /** The directory for the store's files; default `$XDG_CONFIG_HOME/alb-tui` or `~/.config/alb-tui`. */
  dir?: string;
  /** Environment used for the default directory and to know which secrets must never be written. */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  lock?: Partial<LockOptions>;
}

export type StoreFileName = 'profiles' | 'state' | 'drafts' | 'ruleDrafts';

export const EXPORT_FORMAT = 'alb-tui.listener-profiles';
export const EXPORT_FORMAT_VERSION = 1;
/** Drafts kept at most; the oldest go first. */
export const MAX_DRAFTS = 50;

export interface ProfileExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  profiles: ListenerProfile[];
}

export type ImportConflictPolicy = 'skip' | 'replace' | 'rename';

export type ImportEntryResult =
  | { index: number; name: string; status: 'imported' | 'replaced' }
  | { index: number; name: string; status: 'renamed'; newName: string }
  | { index: number; name: string; status: 'skipped'; message: Localized }
  | { index: number; name?: string; status: 'invalid'; message: Localized; problems: Localized[] };

export interface ImportReport {
  /** False when the document as a whole could not be used; `error` says why and nothing was imported. */
  ok: boolean;
  error?: Localized;
  entries: ImportEntryResult[];
}

export interface DraftMetaInput {
  step: DraftMeta['step'];
  clientToken: string;
  /** Which of the instance's drafts this is; the instance ID when absent (one draft per instance). */
  draftId?: string;
  /** ISO time; now when absent. */
  savedAt?: string;
  /** An edit's base: the listener as it was when the edit began; `null` when unknown. */
  base?: ListenerDraft | null;
}

/** A partial update of the UI state; `null` removes an entry. */
export interface UiStatePatch {
  lastView?: string | null;
  sort?: Record<string, { key: string; direction: 'asc' | 'desc' } | null>;
  columns?: Record<string, string[] | null>;
  language?: Lang | null;
}

function invalid(error: z.ZodError, prefix = ''): StoreError {
  const problems = issuesToMessages(error, prefix);
  return new StoreError('invalid', problems[0] ?? both('Invalid value', '取值无效'), problems);
}

function uniqueName(wanted: string, taken: (name: string) => boolean): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const base = [...wanted]
      .slice(0, PROFILE_NAME_MAX - suffix.length)
      .join('')
      .trimEnd();
    const candidate = `${base}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

const STORE_FILE_PREFIXES = ['profiles.', 'state.', 'drafts.', 'rule-drafts.'];

/**
 * Whether `dir` is the store's own directory, safe to make 0700: owned by this user and holding
 * nothing but the store's files. A directory shared with anything else (say `/tmp`, passed by
 * mistake) keeps its mode.
 */
function isDedicatedDirectory(dir: string): boolean {
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return false;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return false;
    return fs.readdirSync(dir).every((name) => STORE_FILE_PREFIXES.some((prefix) => name.startsWith(prefix)));
  } catch {
    return false;
  }
}

/**
 * Why the store's directory cannot be used, as an error code: it cannot be created (a file in the
 * way: EEXIST/ENOTDIR; no permission), it is not a directory, or it cannot be written (EACCES, EROFS).
 */
function directoryProblem(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    if (!fs.statSync(dir).isDirectory()) return 'ENOTDIR';
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? 'error';
    // mkdir over a file says EEXIST; what the user needs to hear is that it is not a folder.
    return code === 'EEXIST' ? 'ENOTDIR' : code;
  }
}

export class Store {
  readonly dir: string;
  readonly #profiles: StoreFile<ProfilesData>;
  readonly #state: StoreFile<StateData>;
  readonly #drafts: StoreFile<DraftsData>;
  readonly #ruleDrafts: StoreFile<RuleDraftsData>;
  readonly #warnings: Localized[] = [];
  readonly #now: () => Date;
  readonly #secrets: readonly string[];

  private constructor(dir: string, options: StoreOptions) {
    this.dir = dir;
    this.#now = options.now ?? (() => new Date());
    this.#secrets = secretsInEnvironment(options.env ?? process.env);
    const context = {
      dir,
      lock: { ...DEFAULT_LOCK_OPTIONS, ...options.lock },
      now: this.#now,
      secrets: this.#secrets,
      // Said once: three files failing for one reason are one warning.
      warn: (message: Localized) => {
        if (!this.#warnings.some((known) => known.en === message.en)) this.#warnings.push(message);
      },
    };
    this.#profiles = new StoreFile(profilesCodec, context);
    this.#state = new StoreFile(stateCodec, context);
    this.#drafts = new StoreFile(draftsCodec, context);
    this.#ruleDrafts = new StoreFile(ruleDraftsCodec, context);
  }

  /** Opens (creating if needed) the store directory and its files, repairing what it must. */
  static async open(options: StoreOptions = {}): Promise<Store> {
    const dir = options.dir ?? configDir(options.env ?? process.env);
    const problem = directoryProblem(dir);
    const store = new Store(dir, options);
    if (problem) {
      // The app still runs (nothing saved is better than nothing at all), and says so once.
      const message = storeMessages.dirUnusable(dir, problem);
      store.#warnings.push(message);
      for (const file of [store.#profiles, store.#state, store.#drafts, store.#ruleDrafts])
        file.openReadOnly(message);
      return store;
    }
    // Our own directory: tighten it even if it existed with a looser mode.
    if (isDedicatedDirectory(dir)) fs.chmodSync(dir, DIR_MODE);
    await store.#profiles.open();
    await store.#state.open();
    await store.#drafts.open();
    await store.#ruleDrafts.open();
    return store;
  }

  /** What the user should be told: files moved aside, files left alone, entries left out. */
  get warnings(): readonly Localized[] {
    return [...this.#warnings];
  }

  /** The path of each file. */
  get paths(): Record<StoreFileName, string> {
    return {
      profiles: this.#profiles.path,
      state: this.#state.path,
      drafts: this.#drafts.path,
      ruleDrafts: this.#ruleDrafts.path,
    };
  }

  /**
   * Why something the user does would not be kept (a file of the store cannot be written in this
   * session), or undefined when everything can be saved.
   */
  get unsaved(): Localized | undefined {
    return this.readOnlyReason('profiles') ?? this.readOnlyReason('drafts') ?? this.readOnlyReason('state');
  }

  /** Why a file cannot be written in this session, or undefined when it can. */
  readOnlyReason(file: StoreFileName): Localized | undefined {
    return {
      profiles: this.#profiles,
      state: this.#state,
      drafts: this.#drafts,
      ruleDrafts: this.#ruleDrafts,
    }[file].readOnlyReason;
  }

  #stamp(): string {
    return this.#now().toISOString();
  }

  // -------------------------------------------------------------------------------------------
  // Listener profiles

  // Reads hand out copies: the store's own snapshot must not change under it.

  listProfiles(): ListenerProfile[] {
    return structuredClone(this.#profiles.value.listenerProfiles);
  }

  getProfile(name: string): ListenerProfile | undefined {
    const profile = this.#profiles.value.listenerProfiles.find((p) => p.name === name);
    return profile && structuredClone(profile);
  }

  /** Creates the profile, or replaces the one of the same name (keeping when it was created). */
  async saveProfile(input: ListenerProfileInput): Promise<ListenerProfile> {
    const parsed = listenerProfileInputSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error);
    const { name, description, listener, hints, rules } = parsed.data;
    let saved: ListenerProfile | undefined;
    await this.#profiles.update((data) => {
      const now = this.#stamp();
      const existing = data.listenerProfiles.find((p) => p.name === name);
      saved = {
        name,
        description,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        listener,
        hints,
        ...(rules === undefined ? {} : { rules }),
      };
      const listenerProfiles = existing
        ? data.listenerProfiles.map((p) => (p === existing ? saved! : p))
        : [...data.listenerProfiles, saved];
      return { ...data, listenerProfiles };
    });
    return saved!;
  }

  async renameProfile(from: string, to: string): Promise<ListenerProfile> {
    const check = listenerProfileInputSchema.shape.name.safeParse(to);
    if (!check.success) throw invalid(check.error, 'name');
    let renamed: ListenerProfile | undefined;
    await this.#profiles.update((data) => {
      const existing = data.listenerProfiles.find((p) => p.name === from);
      if (!existing) throw new StoreError('not-found', storeMessages.profileNotFound(from));
      if (from === to) {
        renamed = existing;
        return data;
      }
      if (data.listenerProfiles.some((p) => p.name === to)) {
        throw new StoreError('conflict', storeMessages.profileExists(to));
      }
      renamed = { ...existing, name: to, updatedAt: this.#stamp() };
      return { ...data, listenerProfiles: data.listenerProfiles.map((p) => (p === existing ? renamed! : p)) };
    });
    return renamed!;
  }

  /** Copies a profile under a new name (default: `<name> (2)`, `(3)`, …). */
  async duplicateProfile(from: string, to?: string): Promise<ListenerProfile> {
    if (to !== undefined) {
      const check = listenerProfileInputSchema.shape.name.safeParse(to);
      if (!check.success) throw invalid(check.error, 'name');
    }
    let copy: ListenerProfile | undefined;
    await this.#profiles.update((data) => {
      const existing = data.listenerProfiles.find((p) => p.name === from);
      if (!existing) throw new StoreError('not-found', storeMessages.profileNotFound(from));
      const taken = (name: string) => data.listenerProfiles.some((p) => p.name === name);
      const name = to ?? uniqueName(from, taken);
      if (taken(name)) throw new StoreError('conflict', storeMessages.profileExists(name));
      const now = this.#stamp();
      copy = { ...structuredClone(existing), name, createdAt: now, updatedAt: now };
      return { ...data, listenerProfiles: [...data.listenerProfiles, copy] };
    });
    return copy!;
  }

  /** Removes a profile; false when there was none of that name. */
  async deleteProfile(name: string): Promise<boolean> {
    let removed = false;
    await this.#profiles.update((data) => {
      const listenerProfiles = data.listenerProfiles.filter((p) => p.name !== name);
      removed = listenerProfiles.length !== data.listenerProfiles.length;
      return removed ? { ...data, listenerProfiles } : data;
    });
    return removed;
  }

  /** A JSON document of the named profiles (all when `names` is absent), for `importProfiles`. */
  exportProfiles(names?: readonly string[]): string {
    const all = this.listProfiles();
    let profiles = all;
    if (names) {
      profiles = names.map((name) => {
        const profile = all.find((p) => p.name === name);
        if (!profile) throw new StoreError('not-found', storeMessages.profileNotFound(name));
        return profile;
      });
    }
    const document: ProfileExport = {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: this.#stamp(),
      profiles,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }

  /**
   * Imports an export document. Every entry is judged on its own: invalid ones are reported with
   * the reason and left out, valid ones are imported; name clashes follow `onConflict`.
   */
  async importProfiles(json: string, options: { onConflict: ImportConflictPolicy }): Promise<ImportReport> {
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      return { ok: false, error: storeMessages.importNotJson(), entries: [] };
    }
    const doc = document as Partial<ProfileExport> | null;
    if (
      doc === null ||
      typeof doc !== 'object' ||
      doc.format !== EXPORT_FORMAT ||
      !Array.isArray(doc.profiles)
    ) {
      return { ok: false, error: storeMessages.importWrongFormat(), entries: [] };
    }
    const version = doc.formatVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, error: storeMessages.importWrongFormat(), entries: [] };
    }
    if (version > EXPORT_FORMAT_VERSION) {
      return {
        ok: false,
        error: storeMessages.importNewerFormat(version, EXPORT_FORMAT_VERSION),
        entries: [],
      };
    }
    const entries: ImportEntryResult[] = [];
    const candidates: { index: number; profile: z.infer<typeof importedProfileSchema> }[] = [];
    doc.profiles.forEach((entry: unknown, index) => {
      const rawName = (entry as { name?: unknown } | null)?.name;
      const name = typeof rawName === 'string' ? rawName : undefined;
      const parsed = importedProfileSchema.safeParse(entry);
      let problems: Localized[] = [];
      if (!parsed.success) problems = issuesToMessages(parsed.error);
      else {
        try {
          assertNoSecrets(parsed.data, this.#secrets, this.#profiles.fileName);
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          problems = [error.localized];
        }
      }
      if (problems.length > 0 || !parsed.success) {
        const message = storeMessages.importEntry(index, name, problems[0] ?? both('invalid', '无效'));
        entries.push({
          index,
          ...(name === undefined ? {} : { name }),
          status: 'invalid',
          message,
          problems,
        });
        return;
      }
      candidates.push({ index, profile: parsed.data });
    });
    await this.#profiles.update((data) => {
      const results: ImportEntryResult[] = [];
      if (candidates.length === 0) return data;
      const list = [...data.listenerProfiles];
      const now = this.#stamp();
      for (const { index, profile } of candidates) {
        const stored: ListenerProfile = {
          name: profile.name,
          description: profile.description,
          createdAt: profile.createdAt ?? now,
          updatedAt: profile.updatedAt ?? now,
          listener: profile.listener,
          hints: profile.hints,
          ...(profile.rules === undefined ? {} : { rules: profile.rules }),
        };
        const at = list.findIndex((p) => p.name === profile.name);
        if (at < 0) {
          list.push(stored);
          results.push({ index, name: profile.name, status: 'imported' });
        } else if (options.onConflict === 'replace') {
          list[at] = { ...stored, createdAt: list[at]!.createdAt, updatedAt: now };
          results.push({ index, name: profile.name, status: 'replaced' });
        } else if (options.onConflict === 'rename') {
          const newName = uniqueName(profile.name, (n) => list.some((p) => p.name === n));
          list.push({ ...stored, name: newName });
          results.push({ index, name: profile.name, status: 'renamed', newName });
        } else {
          results.push({
            index,
            name: profile.name,
            status: 'skipped',
            message: storeMessages.importSkipped(profile.name),
          });
        }
      }
      entries.push(...results);
      return { ...data, listenerProfiles: list };
    });
    entries.sort((a, b) => a.index - b.index);
    return { ok: true, entries };
  }

  // -------------------------------------------------------------------------------------------
  // Connection profiles

  /** The built-in local ALB first, then saved connections. */
  listConnections(): ConnectionProfile[] {
    return structuredClone([LOCAL_CONNECTION, ...this.#profiles.value.connections]);
  }

  getConnection(name: string): ConnectionProfile | undefined {
    return this.listConnections().find((c) => c.name === name);
  }

  /** Creates or replaces a connection. Refuses anything that carries or looks like a secret. */
  async saveConnection(input: ConnectionProfileInput): Promise<ConnectionProfile> {
    const parsed = connectionProfileSchema.safeParse(input);
    if (!parsed.success) {
      const error = invalid(parsed.error);
      const carriesSecret = parsed.error.issues.some(
        (issue) => issue.code === 'unrecognized_keys' && issue.keys.some(looksLikeSecretKey),
      );
      throw carriesSecret ? new StoreError('secret', error.localized, error.problems) : error;
    }
    const connection = parsed.data;
    if (connection.name === LOCAL_CONNECTION_NAME) {
      throw new StoreError('builtin', storeMessages.builtinConnection(connection.name));
    }
    const fields: [string, string | undefined][] = [
      ['name', connection.name],
      ['region', connection.region],
      ['description', connection.description],
    ];
    if (connection.kind === 'aliyun') {
      fields.push(['endpoint', connection.endpoint]);
      const c = connection.credentials;
      if (c.source === 'cli-profile') fields.push(['credentials.profile', c.profile]);
      if (c.source === 'credentials-file')
        fields.push(['credentials.path', c.path], ['credentials.section', c.section]);
      if (c.source === 'ecs-ram-role') fields.push(['credentials.roleName', c.roleName]);
    }
    for (const [field, value] of fields) {
      if (value !== undefined && looksLikeBareSecret(value)) {
        throw new StoreError('secret', storeMessages.secretRefused(field));
      }
    }
    await this.#profiles.update((data) => {
      const others = data.connections.filter((c) => c.name !== connection.name);
      const at = data.connections.findIndex((c) => c.name === connection.name);
      const connections =
        at < 0 ? [...others, connection] : data.connections.map((c, i) => (i === at ? connection : c));
      return { ...data, connections };
    });
    return connection;
  }

  /** Removes a saved connection; if it was active, the local ALB becomes active. */
  async deleteConnection(name: string): Promise<boolean> {
    if (name === LOCAL_CONNECTION_NAME)
      throw new StoreError('builtin', storeMessages.builtinConnection(name));
    let removed = false;
    await this.#profiles.update((data) => {
      const connections = data.connections.filter((c) => c.name !== name);
      removed = connections.length !== data.connections.length;
      if (!removed) return data;
      const activeConnection = data.activeConnection === name ? LOCAL_CONNECTION_NAME : data.activeConnection;
      return { ...data, connections, activeConnection };
    });
    return removed;
  }

  async setActiveConnection(name: string): Promise<ConnectionProfile> {
    let active: ConnectionProfile | undefined;
    await this.#profiles.update((data) => {
      active =
        name === LOCAL_CONNECTION_NAME ? LOCAL_CONNECTION : data.connections.find((c) => c.name === name);
      if (!active) throw new StoreError('not-found', storeMessages.connectionNotFound(name));
      return data.activeConnection === name ? data : { ...data, activeConnection: name };
    });
    return active!;
  }

  /** The connection the header shows; the local ALB when none was chosen. */
  getActiveConnection(): ConnectionProfile {
    const data = this.#profiles.value;
    return structuredClone(
      data.connections.find((c) => c.name === data.activeConnection) ?? LOCAL_CONNECTION,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Rule form drafts (rule-drafts.ts): one per listener and rule

  /** Keeps a half-filled rule form; `ruleId` undefined for a rule being made. */
  async saveRuleDraft(entry: Omit<SavedRuleDraft, 'savedAt'> & { savedAt?: string }): Promise<void> {
    const parsed = savedRuleDraftSchema.safeParse({ ...entry, savedAt: entry.savedAt ?? this.#stamp() });
    if (!parsed.success) throw invalid(parsed.error, 'ruleDraft');
    const saved = parsed.data;
    await this.#ruleDrafts.update((data) => withRuleDraft(data, saved));
  }

  loadRuleDraft(listenerId: string, ruleId?: string): SavedRuleDraft | undefined {
    const entry = this.#ruleDrafts.value.ruleDrafts[ruleDraftKey(listenerId, ruleId)];
    return entry && structuredClone(entry);
  }

  async clearRuleDraft(listenerId: string, ruleId?: string): Promise<void> {
    const key = ruleDraftKey(listenerId, ruleId);
    if (!Object.hasOwn(this.#ruleDrafts.value.ruleDrafts, key)) return;
    await this.#ruleDrafts.update((data) => {
      const ruleDrafts = { ...data.ruleDrafts };
      delete ruleDrafts[key];
      return { ruleDrafts };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Wizard drafts

  /**
   * Saves one of the wizard's drafts for an instance (an instance may hold several: one per listener
   * being made). Cheap enough to call on every keystroke.
   */
  async saveDraft(instanceId: string, draft: ListenerDraft, meta: DraftMetaInput): Promise<void> {
    const id = instanceIdSchema.safeParse(instanceId);
    if (!id.success) throw invalid(id.error, 'instanceId');
    const { draftId = instanceId, base, ...rest } = meta;
    const key = instanceIdSchema.safeParse(draftId);
    if (!key.success) throw invalid(key.error, 'draftId');
    const parsedDraft = listenerDraftSchema.safeParse(draft);
    if (!parsedDraft.success) throw invalid(parsedDraft.error, 'draft');
    const parsedBase = listenerDraftSchema.nullable().optional().safeParse(base);
    if (!parsedBase.success) throw invalid(parsedBase.error, 'base');
    const parsedMeta = draftMetaSchema.safeParse({ ...rest, savedAt: rest.savedAt ?? this.#stamp() });
    if (!parsedMeta.success) throw invalid(parsedMeta.error);
    const entry = {
      ...parsedMeta.data,
      instanceId,
      draft: parsedDraft.data,
      ...(parsedBase.data === undefined ? {} : { base: parsedBase.data }),
    };
    await this.#drafts.update((data) => {
      const drafts = { ...data.drafts, [draftId]: entry };
      const ids = Object.keys(drafts);
      if (ids.length > MAX_DRAFTS) {
        ids
          .sort((a, b) => Date.parse(drafts[a]!.savedAt) - Date.parse(drafts[b]!.savedAt))
          .slice(0, ids.length - MAX_DRAFTS)
          .forEach((old) => delete drafts[old]);
      }
      return { drafts };
    });
  }

  /** One draft of the instance by its ID; without an ID, the instance's newest draft. */
  loadDraft(instanceId: string, draftId?: string): SavedDraft | undefined {
    if (draftId === undefined) return this.listDrafts(instanceId)[0];
    const { drafts } = this.#drafts.value;
    const entry = Object.hasOwn(drafts, draftId) ? drafts[draftId]! : undefined;
    return entry && entry.instanceId === instanceId ? { ...structuredClone(entry), draftId } : undefined;
  }

  /** Removes one draft of the instance; without a draft ID, every draft of the instance. */
  async clearDraft(instanceId: string, draftId?: string): Promise<boolean> {
    let removed = false;
    await this.#drafts.update((data) => {
      const doomed = Object.keys(data.drafts).filter(
        (key) => data.drafts[key]!.instanceId === instanceId && (draftId === undefined || key === draftId),
      );
      if (doomed.length === 0) return data;
      removed = true;
      const drafts = { ...data.drafts };
      for (const key of doomed) delete drafts[key];
      return { drafts };
    });
    return removed;
  }

  /** Every saved draft (or every draft of one instance), newest first. */
  listDrafts(instanceId?: string): SavedDraft[] {
    return Object.entries(this.#drafts.value.drafts)
      .filter(([, entry]) => instanceId === undefined || entry.instanceId === instanceId)
      .map(([draftId, entry]) => ({ ...structuredClone(entry), draftId }))
      .sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt));
  }

  // -------------------------------------------------------------------------------------------
  // UI state

  getUiState(): UiState {
    return structuredClone(this.#state.value.ui);
  }

  /** Merges `patch` into the UI state; `null` removes an entry. */
  async updateUiState(patch: UiStatePatch): Promise<UiState> {
    let next: UiState | undefined;
    await this.#state.update((data) => {
      const merged: Record<string, unknown> = structuredClone(data.ui);
      if (patch.lastView !== undefined) merged['lastView'] = patch.lastView ?? undefined;
      if (patch.language !== undefined) merged['language'] = patch.language ?? undefined;
      for (const key of ['sort', 'columns'] as const) {
        const changes = patch[key];
        if (!changes) continue;
        const table = { ...(merged[key] as Record<string, unknown>) };
        for (const [list, value] of Object.entries(changes)) {
          if (value === null) delete table[list];
          else table[list] = value;
        }
        merged[key] = table;
      }
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      const parsed = uiStateSchema.safeParse(merged);
      if (!parsed.success) throw invalid(parsed.error, 'ui');
      next = parsed.data;
      return { ui: parsed.data };
    });
    return next!;
  }
}

/** Opens the store; see `Store.open`. */
export function openStore(options: StoreOptions = {}): Promise<Store> {
  return Store.open(options);
}
