// The store's public surface: what ui, commands and cli use.
export { StoreError, isStoreError, type StoreErrorCode } from './errors.js';
export { configDir, dataDir, APP_DIR_NAME } from './paths.js';
export {
  Store,
  openStore,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  MAX_DRAFTS,
  type StoreOptions,
  type StoreFileName,
  type ProfileExport,
  type ImportConflictPolicy,
  type ImportEntryResult,
  type ImportReport,
  type DraftMetaInput,
  type UiStatePatch,
} from './store.js';
export {
  CONNECTION_COLORS,
  LOCAL_CONNECTION,
  LOCAL_CONNECTION_NAME,
  connectionColor,
  formatCredentials,
  type ConnectionColor,
  type ConnectionProfile,
  type ConnectionProfileInput,
  type CredentialsSource,
  type DraftMeta,
  type ListenerProfile,
  type ListenerProfileInput,
  type ListenerSettings,
  type ProfileHints,
  type SavedDraft,
  type UiState,
} from './schema.js';
export {
  applyProfile,
  captureProfile,
  fieldStillNeeded,
  labelled,
  planProfile,
  type AppliedProfile,
  type ProfilePlan,
  type CapturedProfile,
  type HintCandidate,
  type HintKind,
  type HintResolution,
} from './profile-apply.js';
export {
  checkProfileRules,
  profileRulesToShow,
  resolveProfileRules,
  rulesToProfile,
  type ProfileRulesTarget,
  type ResolvedProfileRules,
} from './profile-rules.js';
export {
  expandNamePattern,
  namePatternProblem,
  NAME_PLACEHOLDERS,
  type NamePatternValues,
} from './name-pattern.js';
export { planProfileUpdate, profileUpdateMessages, type UpdatePlan } from './profile-update.js';
