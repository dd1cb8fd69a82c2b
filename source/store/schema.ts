// The shapes of everything the store keeps, as zod schemas (current schema version). Objects are
// strict: an unknown key, such as `accessKeySecret`, is refused, never silently dropped or stored.
import { z } from 'zod';
import {
  CLIENT_CERT_HEADER_KEYS,
  HEADER_KEYS,
  WIZARD_STEPS,
  type ClientCertHeaderKey,
  type HeaderKey,
} from '../domain/fields.js';
import { LANGS, type Localized } from '../domain/i18n.js';
import { IDLE_TIMEOUT, PORT, REQUEST_TIMEOUT } from '../domain/limits.js';
import type { ListenerDraft } from '../domain/listener-draft.js';
import { messages } from '../domain/messages.js';
import { LISTENER_PROTOCOLS } from '../domain/resources.js';
import { headerAliasIsValid } from '../domain/text-rules.js';
import { LABELS, storeMessages } from './messages.js';
import { DEFAULT_REGION, LOCAL_CONNECTION_NAME } from './local-connection.js';
import { namePatternProblem } from './name-pattern.js';
import { profileRulesSchema } from './profile-rules.js';
import { looksLikeSecretKey } from './secrets.js';

export const PROFILE_NAME_MAX = 64;
export const DESCRIPTION_MAX = 256;

/** C0, DEL, C1, and the invisible direction and format controls that can disguise text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function addLocalized(ctx: z.core.$RefinementCtx, message: Localized): void {
  ctx.addIssue({ code: 'custom', message: message.en, params: { localized: message } });
}

/** A name: 1–max characters, no control characters, no blanks at either end. */
function nameText(label: Localized, max: number) {
  return z.string().superRefine((value, ctx) => {
    const length = [...value].length;
    if (length < 1 || length > max || CONTROL.test(value) || value.trim() !== value) {
      addLocalized(ctx, storeMessages.nameText(label, max));
    }
  });
}

/** Free text on one line: 0–max characters, no control characters. */
function plainText(label: Localized, max: number) {
  return z.string().superRefine((value, ctx) => {
    if ([...value].length > max || CONTROL.test(value))
      addLocalized(ctx, storeMessages.textField(label, max));
  });
}

function intBetween(min: number, max: number, message: (shown: string) => Localized) {
  return z.number().superRefine((value, ctx) => {
    if (!Number.isInteger(value) || value < min || value > max) addLocalized(ctx, message(String(value)));
  });
}

const isoTimestamp = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'an ISO 8601 timestamp');

const headersSchema = z.strictObject(
  Object.fromEntries(HEADER_KEYS.map((key) => [key, z.boolean()])) as Record<HeaderKey, z.ZodBoolean>,
);

const aliasSchema = z.string().superRefine((alias, ctx) => {
  if (alias !== '' && !headerAliasIsValid(alias)) addLocalized(ctx, messages.headerAlias());
});

const headerAliasesSchema = z.strictObject(
  Object.fromEntries(CLIENT_CERT_HEADER_KEYS.map((key) => [key, aliasSchema])) as Record<
    ClientCertHeaderKey,
    typeof aliasSchema
  >,
);

// ---------------------------------------------------------------------------------------------
// Listener profiles

/** The instance-independent answers of the wizard. */
export const listenerSettingsSchema = z
  .strictObject({
    protocol: z.enum(LISTENER_PROTOCOLS),
    port: intBetween(PORT.min, PORT.max, (shown) => messages.port(shown)),
    /** `''` means the default name (`HTTPS_443`); see name-pattern.ts. */
    namePattern: z.string().superRefine((pattern, ctx) => {
      const problem = namePatternProblem(pattern);
      if (problem) addLocalized(ctx, problem);
    }),
    http2: z.boolean(),
    idleTimeout: intBetween(IDLE_TIMEOUT.min, IDLE_TIMEOUT.max, (shown) =>
      messages.timeout('idleTimeout', shown),
    ),
    requestTimeout: intBetween(REQUEST_TIMEOUT.min, REQUEST_TIMEOUT.max, (shown) =>
      messages.timeout('requestTimeout', shown),
    ),
    gzip: z.boolean(),
    headers: headersSchema,
    headerAliases: headerAliasesSchema,
    /** System policy IDs are the same everywhere; custom ones (`spy-…`) are checked when applied. */
    securityPolicyId: plainText(LABELS.securityPolicy, 128),
    quicUpgrade: z.boolean(),
    mutualTls: z.boolean(),
  })
  .superRefine((settings, ctx) => {
    if (settings.protocol === 'HTTPS') return;
    if (settings.quicUpgrade) {
      const message = storeMessages.notForProtocol(LABELS.quicUpgrade, settings.protocol);
      ctx.addIssue({
        code: 'custom',
        path: ['quicUpgrade'],
        message: message.en,
        params: { localized: message },
      });
    }
    if (settings.mutualTls) {
      const message = storeMessages.notForProtocol(LABELS.mutualTls, settings.protocol);
      ctx.addIssue({
        code: 'custom',
        path: ['mutualTls'],
        message: message.en,
        params: { localized: message },
      });
    }
  });
export type ListenerSettings = z.infer<typeof listenerSettingsSchema>;

const domainSchema = nameText(LABELS.domain, 253);

/** Instance-specific picks, kept as facts that hold on any instance and resolved when applied. */
export const profileHintsSchema = z.strictObject({
  /** Server certificate by domain: its common name or a SAN, e.g. `*.example.com` or `www.example.com`. */
  certificate: z.strictObject({ domain: domainSchema }).optional(),
  /** CA certificate (mutual TLS) by its common name, SAN or certificate name. */
  caCertificate: z.strictObject({ domain: domainSchema }).optional(),
  serverGroup: z.strictObject({ name: nameText(LABELS.serverGroupName, 256) }).optional(),
  /** The QUIC listener an HTTPS listener upgrades to, by its port on the target instance. */
  quicListener: z
    .strictObject({ port: intBetween(PORT.min, PORT.max, (shown) => messages.port(shown)) })
    .optional(),
});
export type ProfileHints = z.infer<typeof profileHintsSchema>;

const profileNameSchema = nameText(LABELS.profileName, PROFILE_NAME_MAX);

/** What a caller saves; the store stamps the times. */
export const listenerProfileInputSchema = z.strictObject({
  name: profileNameSchema,
  description: plainText(LABELS.description, DESCRIPTION_MAX).default(''),
  listener: listenerSettingsSchema,
  hints: profileHintsSchema.default({}),
  /** The listener's forwarding rules, server groups by name; absent in profiles saved before rules. */
  rules: profileRulesSchema.optional(),
});
export type ListenerProfileInput = z.input<typeof listenerProfileInputSchema>;

export const listenerProfileSchema = z.strictObject({
  name: profileNameSchema,
  description: plainText(LABELS.description, DESCRIPTION_MAX),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  listener: listenerSettingsSchema,
  hints: profileHintsSchema,
  rules: profileRulesSchema.optional(),
});
export type ListenerProfile = z.infer<typeof listenerProfileSchema>;

/** An entry of an export document: timestamps are kept when present. */
export const importedProfileSchema = listenerProfileInputSchema.extend({
  createdAt: isoTimestamp.optional(),
  updatedAt: isoTimestamp.optional(),
});

// ---------------------------------------------------------------------------------------------
// Connection profiles: where the dashboard talks to and where credentials come from — never a secret.

export const CONNECTION_COLORS = [
  'red',
  'yellow',
  'green',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
] as const;
export type ConnectionColor = (typeof CONNECTION_COLORS)[number];

export { LOCAL_CONNECTION_NAME, DEFAULT_REGION } from './local-connection.js';

const regionSchema = z.string().superRefine((region, ctx) => {
  if (!/^[a-z]{2,}(-[a-z0-9]+){1,5}$/.test(region) || region.length > 64) {
    addLocalized(ctx, storeMessages.invalidField('region', 'e.g. cn-hangzhou, ap-southeast-1'));
  }
});

/** `host`, `host:port`, `http(s)://host[:port]` — no user info, path or query that could carry a secret. */
const endpointSchema = z.string().superRefine((endpoint, ctx) => {
  const host = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])`;
  if (endpoint.length > 256 || !new RegExp(`^(?:https?://)?${host}(?::\\d{1,5})?/?$`).test(endpoint)) {
    addLocalized(
      ctx,
      storeMessages.invalidField(
        'endpoint',
        'host, host:port or http(s)://host[:port], without user, path or query',
      ),
    );
  }
});

const shortName = (label: Localized) => nameText(label, 128);

export const credentialsSourceSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('cli-profile'), profile: shortName(LABELS.credentialsProfile) }),
  z.strictObject({ source: z.literal('environment') }),
  z.strictObject({
    source: z.literal('credentials-file'),
    path: nameText(LABELS.credentialsPath, 1024).optional(),
    section: shortName(LABELS.credentialsSection).optional(),
  }),
  z.strictObject({ source: z.literal('ecs-ram-role'), roleName: shortName(LABELS.roleName).optional() }),
]);
export type CredentialsSource = z.infer<typeof credentialsSourceSchema>;

/**
 * The source as `--credentials` takes it, so what is shown can be typed back
 * (`alb-tui connections add --credentials`); it names where credentials are, never a secret. */
export function formatCredentials(source: CredentialsSource): string {
  switch (source.source) {
    case 'cli-profile':
      return `cli-profile:${source.profile}`;
    case 'environment':
      return 'environment';
    case 'credentials-file':
      return `credentials-file${source.path === undefined ? '' : `:${source.path}`}${source.section === undefined ? '' : `#${source.section}`}`;
    case 'ecs-ram-role':
      return `ecs-ram-role${source.roleName === undefined ? '' : `:${source.roleName}`}`;
  }
}

const connectionBase = {
  name: nameText(LABELS.connectionName, PROFILE_NAME_MAX),
  region: regionSchema,
  readOnly: z.boolean().default(false),
  color: z.enum(CONNECTION_COLORS).optional(),
  /** Production connections are marked in red unless a colour is chosen. */
  production: z.boolean().default(false),
  description: plainText(LABELS.description, DESCRIPTION_MAX).optional(),
};

export const connectionProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local'), ...connectionBase }),
  z.strictObject({
    kind: z.literal('aliyun'),
    ...connectionBase,
    endpoint: endpointSchema.optional(),
    credentials: credentialsSourceSchema,
  }),
]);
export type ConnectionProfile = z.infer<typeof connectionProfileSchema>;
export type ConnectionProfileInput = z.input<typeof connectionProfileSchema>;

export const LOCAL_CONNECTION: ConnectionProfile = Object.freeze({
  kind: 'local',
  name: LOCAL_CONNECTION_NAME,
  region: DEFAULT_REGION,
  readOnly: false,
  production: false,
}) as ConnectionProfile;

/** The colour a connection is shown in: its own, else red for production, else none. */
export function connectionColor(connection: ConnectionProfile): ConnectionColor | undefined {
  return connection.color ?? (connection.production ? 'red' : undefined);
}

// ---------------------------------------------------------------------------------------------
// Wizard drafts and UI state: written by the app, kept apart from what users edit.

const draftText = z.string().max(1024);

export const listenerDraftSchema = z.strictObject({
  protocol: z.enum(LISTENER_PROTOCOLS),
  port: draftText,
  name: draftText,
  http2: z.boolean(),
  idleTimeout: draftText,
  requestTimeout: draftText,
  gzip: z.boolean(),
  headers: headersSchema,
  headerAliases: z.strictObject(
    Object.fromEntries(CLIENT_CERT_HEADER_KEYS.map((key) => [key, draftText])) as Record<
      ClientCertHeaderKey,
      typeof draftText
    >,
  ),
  quicUpgrade: z.boolean(),
  quicListenerId: draftText,
  certificateId: draftText,
  securityPolicyId: draftText,
  mutualTls: z.boolean(),
  caCertificateId: draftText,
  serverGroupId: draftText,
}) satisfies z.ZodType<ListenerDraft>;

export const draftMetaSchema = z.strictObject({
  step: z.enum(WIZARD_STEPS),
  /** The idempotency token of the create call, so a retried submit cannot create twice. */
  clientToken: z.string().max(64),
  savedAt: isoTimestamp,
});
export type DraftMeta = z.infer<typeof draftMetaSchema>;

/** A stored draft: keyed by its draft ID, naming the instance it is for. */
export const savedDraftSchema = draftMetaSchema.extend({
  instanceId: z
    .string()
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/),
  draft: listenerDraftSchema,
  /**
   * An edit of a listener: its updatable fields as they were when the edit began (what the listener
   * said, never a secret), to tell on resume what changed on the server meanwhile. `null`: unknown
   * (an edit kept before bases were); absent: a draft of a new listener.
   */
  base: listenerDraftSchema.nullable().optional(),
});
export type SavedDraft = z.infer<typeof savedDraftSchema> & { draftId: string };

const uiKey = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

export const uiStateSchema = z.strictObject({
  lastView: uiKey.optional(),
  /** Per list (e.g. `instances`, `listeners`): the column sorted on and the direction. */
  sort: z.record(uiKey, z.strictObject({ key: uiKey, direction: z.enum(['asc', 'desc']) })),
  /** Per list: the columns shown, in order. */
  columns: z.record(uiKey, z.array(uiKey).max(64)),
  language: z.enum(LANGS).optional(),
});
export type UiState = z.infer<typeof uiStateSchema>;

export const INSTANCE_ID_MAX = 128;
export const instanceIdSchema = z
  .string()
  .max(INSTANCE_ID_MAX)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

// ---------------------------------------------------------------------------------------------
// From zod issues to messages.

function pathText(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment))).join('.');
}

/** Every problem of a failed parse, in both languages, in a form a user can act on. */
export function issuesToMessages(error: z.ZodError, prefix = ''): Localized[] {
  const out: Localized[] = [];
  for (const issue of error.issues) {
    const where = [prefix, pathText(issue.path)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const message = looksLikeSecretKey(key)
          ? storeMessages.secretField(key)
          : storeMessages.unknownField(key);
        out.push(
          where ? { en: `${where}: ${message.en}`, 'zh-CN': `${where}：${message['zh-CN']}` } : message,
        );
      }
      continue;
    }
    const localized = (issue as { params?: { localized?: Localized } }).params?.localized;
    if (localized) {
      out.push(
        where ? { en: `${where}: ${localized.en}`, 'zh-CN': `${where}：${localized['zh-CN']}` } : localized,
      );
      continue;
    }
    out.push(storeMessages.invalidField(where || '(root)', issue.message));
  }
  return out;
}
