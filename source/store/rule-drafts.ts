// Half-filled rule forms (rule-drafts.json, written as the user types, like the wizard's drafts):
// keyed by listener and rule (`lsn-…/new` for a rule being made, `lsn-…/rule-…` for an edit), so a
// quit or a crash loses nothing. Validated entry by entry on read; written atomically, 0600.
import { z } from 'zod';
import type { Localized } from '../domain/i18n.js';
import { both } from '../domain/i18n.js';
import { RULE_CONDITION_TYPES } from '../domain/rule-types.js';
import type { FileCodec } from './files.js';
import type { MigrationChain } from './migrations.js';
import { issuesToMessages } from './schema.js';

const text = z.string().max(4096);
const id = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

export const ruleFormDraftSchema = z.strictObject({
  ruleName: text,
  priority: text,
  direction: z.enum(['Request', 'Response']),
  conditions: z
    .array(
      z.strictObject({
        type: z.enum(RULE_CONDITION_TYPES as [string, ...string[]]),
        key: text,
        values: z.array(text).max(50),
      }),
    )
    .max(50),
  actions: z
    .array(
      z.strictObject({
        type: z.string().max(32),
        fields: z.record(z.string().max(32), text),
        groups: z.array(z.strictObject({ serverGroupId: text, weight: text })).max(50),
      }),
    )
    .max(50),
});

export const savedRuleDraftSchema = z.strictObject({
  listenerId: id,
  ruleId: id.optional(),
  clientToken: z.string().max(64),
  savedAt: z.string().max(40),
  draft: ruleFormDraftSchema,
});
export type SavedRuleDraft = z.infer<typeof savedRuleDraftSchema>;

export interface RuleDraftsData {
  ruleDrafts: Record<string, SavedRuleDraft>;
}

/** Rule drafts kept at most; the oldest go first. */
export const MAX_RULE_DRAFTS = 50;

export function ruleDraftKey(listenerId: string, ruleId: string | undefined): string {
  return `${listenerId}/${ruleId ?? 'new'}`;
}

const ruleDraftsMigrations: MigrationChain = { first: 1, current: 1, steps: {} };

export const ruleDraftsCodec: FileCodec<RuleDraftsData> = {
  fileName: 'rule-drafts.json',
  chain: ruleDraftsMigrations,
  empty: () => ({ ruleDrafts: {} }),
  decode(data) {
    const ruleDrafts: Record<string, SavedRuleDraft> = {};
    const dropped: Localized[] = Object.keys(data)
      .filter((key) => key !== 'schemaVersion' && key !== 'ruleDrafts')
      .map((key) => both(`unknown field ${key}`, `未知字段 ${key}`));
    const raw = data['ruleDrafts'];
    const entries = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw) : [];
    for (const [key, entry] of entries) {
      const parsed = savedRuleDraftSchema.safeParse(entry);
      if (parsed.success && key === ruleDraftKey(parsed.data.listenerId, parsed.data.ruleId))
        ruleDrafts[key] = parsed.data;
      else {
        const first = parsed.success ? undefined : issuesToMessages(parsed.error)[0];
        dropped.push(
          both(
            `ruleDrafts.${key}: ${first?.en ?? 'key mismatch'}`,
            `ruleDrafts.${key}：${first?.['zh-CN'] ?? '键不匹配'}`,
          ),
        );
      }
    }
    return { value: { ruleDrafts }, dropped };
  },
  encode: (value) => ({ schemaVersion: ruleDraftsMigrations.current, ...value }),
};

/** The data with one draft set, the oldest dropped beyond the cap. */
export function withRuleDraft(data: RuleDraftsData, entry: SavedRuleDraft): RuleDraftsData {
  const ruleDrafts = { ...data.ruleDrafts, [ruleDraftKey(entry.listenerId, entry.ruleId)]: entry };
  const keys = Object.keys(ruleDrafts);
  if (keys.length > MAX_RULE_DRAFTS)
    keys
      .sort((a, b) => Date.parse(ruleDrafts[a]!.savedAt) - Date.parse(ruleDrafts[b]!.savedAt))
      .slice(0, keys.length - MAX_RULE_DRAFTS)
      .forEach((old) => delete ruleDrafts[old]);
  return { ruleDrafts };
}
