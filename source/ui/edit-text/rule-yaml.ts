// A forwarding rule as YAML for "edit as text" (`E` on a rule): the fields of its CreateRules /
// UpdateRulesAttribute entry under the API's names, a comment over each naming its limits, and the
// way back — the saved text read with `yaml`, checked by the same validator as the form
// (domain/rule-validation.ts), turned into the form's draft. Errors go back into the file at the
// top (listener-yaml.ts's withErrors: the same machinery as the listener's). Pure.
import { Document, isMap, isScalar, parseDocument, type Pair } from 'yaml';
import { both, type Lang, type Localized } from '../../domain/i18n.js';
import { RULE_QUOTAS } from '../../domain/rule-limits.js';
import { validateRules, type RuleContext } from '../../domain/rule-validation.js';
import type { RuleDirection, RuleSpec } from '../../domain/rule-types.js';
import { draftToSpec, ruleToDraft, type RuleDraft } from '../rule-form/rule-draft.js';
import { textTable } from '../text-table.js';
import { fsay } from '../rule-form/rule-form-i18n.js';

const EDITION_NAMES = ['Basic', 'Standard', 'StandardWithWaf'];
import { tt as listenerText } from './edit-text-i18n.js';
import { withoutErrors } from './listener-yaml.js';

const TEXT = {
  headerNew: {
    en: 'New rule on {listener} ({id}) · {instance}. Save and quit to review it (diff and precheck); an empty or unchanged file cancels.',
    'zh-CN':
      '在 {listener}（{id}）· {instance} 上新建转发规则。保存并退出后将显示预览（变更与预检）；清空文件或不做修改则取消。',
  },
  headerEdit: {
    en: 'Rule {rule} on {listener} · {instance}. Save and quit to review the change; an empty or unchanged file cancels. Only the fields you change are sent.',
    'zh-CN':
      '{listener} · {instance} 上的转发规则 {rule}。保存并退出后将显示变更供审核；清空文件或不做修改则取消。只提交修改过的字段。',
  },
  headerResumed: {
    en: 'This is the unfinished form kept on {when}, not the rule as it is.',
    'zh-CN': '这是保存于 {when} 的未完成表单，而非规则当前配置。',
  },
  RuleName: {
    en: 'Rule name: 2–128 characters (letters, digits, Chinese, . _ -), starting with a letter or a Chinese character.',
    'zh-CN': '规则名称：2~128 个字符（字母、数字、中文、. _ -），须以字母或中文开头。',
  },
  Priority: {
    en: 'Priority: 1–10000, unique on the listener; lower numbers are tried first (first free: {free}).',
    'zh-CN': '优先级：1~10000，同一监听内唯一；数值越小越先匹配（首个可用：{free}）。',
  },
  Direction: {
    en: 'Direction: Request or Response{fixed}.',
    'zh-CN': '方向：Request（请求）或 Response（响应）{fixed}。',
  },
  RuleConditions: {
    en: 'Conditions, all must match: at most {conditions} on this {edition} instance; at most 10 values each (alternatives); Host 3–128 and Path 1–128 characters take * and ? (at most {wildcards} wildcards per rule).\nTypes: Host, Path, Header, QueryString, Method, Cookie, SourceIp; on Response rules ResponseHeader, ResponseStatusCode.',
    'zh-CN':
      '转发条件，须全部满足：本{edition}实例最多 {conditions} 个；每个最多 10 个取值（任一匹配即可）；域名 3~128、路径 1~128 个字符，可用 * 和 ?（每条规则最多 {wildcards} 个通配符）。\n类型：Host、Path、Header、QueryString、Method、Cookie、SourceIp；响应方向规则为 ResponseHeader、ResponseStatusCode。',
  },
  RuleActions: {
    en: 'Actions, run in the order listed (Order follows the list): at most {actions} on this {edition} instance; exactly one final action (ForwardGroup, Redirect or FixedResponse), last.\nForwardGroup: ServerGroupTuples (at most 5, Weight 0–100), ServerGroupStickySession (Enabled, Timeout 1–86400 s).\nRedirect: HttpCode 301/302/303/307/308; Host, Path, Port, Protocol, Query take ${host} ${path} ${port} ${protocol} ${query}.\nFixedResponse: HttpCode 2xx/4xx/5xx, ContentType, Content (at most 1 KB, ASCII). Rewrite (needs a ForwardGroup): Host, Path, Query.\nInsertHeader: Key (1–40 of a–z 0–9 _ -), Value, ValueType UserDefined/ReferenceHeader/SystemDefined. RemoveHeader: Key. TrafficLimit: QPS, PerIpQps 1–1000000.',
    'zh-CN':
      '转发动作，按列出的顺序执行（Order 随列表顺序）：本{edition}实例最多 {actions} 个；须有且仅有一个最终动作（ForwardGroup、Redirect 或 FixedResponse），且位于最后。\nForwardGroup：ServerGroupTuples（最多 5 个，权重 Weight 0~100），ServerGroupStickySession（Enabled，Timeout 1~86400 秒）。\nRedirect：HttpCode 301/302/303/307/308；Host、Path、Port、Protocol、Query 可用 ${host} ${path} ${port} ${protocol} ${query}。\nFixedResponse：HttpCode 2xx/4xx/5xx，ContentType，Content（最多 1 KB，ASCII）。Rewrite（须配合 ForwardGroup）：Host、Path、Query。\nInsertHeader：Key（1~40 个 a–z 0–9 _ - 字符），Value，ValueType UserDefined/ReferenceHeader/SystemDefined。RemoveHeader：Key。TrafficLimit：QPS，PerIpQps 1~1000000。',
  },
  directionFixed: { en: ' (cannot change on an existing rule)', 'zh-CN': '（已有规则不可修改）' },
  directionChanged: {
    en: 'Direction cannot change on an existing rule (it is {direction}).',
    'zh-CN': '已有规则的方向不可修改（当前为 {direction}）。',
  },
  unknownField: {
    en: '{field} is not a field of a rule (fields: RuleName, Priority, Direction, RuleConditions, RuleActions).',
    'zh-CN':
      '{field} 不是转发规则的字段（字段：RuleName、Priority、Direction、RuleConditions、RuleActions）。',
  },
  notAMap: {
    en: 'The file must be a map of the rule’s fields (Name: value).',
    'zh-CN': '文件内容必须是转发规则字段的映射（字段名: 值）。',
  },
} satisfies Record<string, Localized>;

const table = textTable(TEXT);
type Key = keyof typeof TEXT;
const both2 = (key: Key, params: Record<string, string | number> = {}): Localized => table.text(key, params);

/** Domain names to the API's (`hostConfig` → `HostConfig`, `qps` → `QPS`) and back. */
function wire(name: string): string {
  return name === 'qps' ? 'QPS' : name.charAt(0).toUpperCase() + name.slice(1);
}
function model(name: string): string {
  return name === 'QPS' ? 'qps' : name.charAt(0).toLowerCase() + name.slice(1);
}
function convert(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, rename));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), convert(v, rename)]));
  return value;
}

export interface RuleTextTarget {
  listenerId: string;
  ruleId?: string;
  /** `HTTPS 443 “web”`. */
  listener: string;
  instance: string;
  edition: string;
  /** The first free priority, for the comment. */
  freePriority: number;
  resumedAt?: string;
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

/** The draft as the YAML file the editor opens, comments in the user's language. */
export function ruleToYaml(draft: RuleDraft, target: RuleTextTarget, lang: Lang): string {
  const spec = draftToSpec(draft, (text) =>
    /^\s*-?\d+\s*$/.test(text) ? Number(text) : (text as unknown as number),
  );
  const body = {
    RuleName: spec.ruleName,
    Priority: spec.priority,
    Direction: spec.direction,
    RuleConditions: convert(spec.ruleConditions, wire),
    RuleActions: convert(
      spec.ruleActions.map(({ order: _order, ...rest }) => rest),
      wire,
    ),
  };
  const doc = new Document(body);
  const edition = target.edition;
  const quota = RULE_QUOTAS[edition as 'Basic'] ?? RULE_QUOTAS.Standard;
  const params = {
    listener: target.listener,
    id: target.listenerId,
    instance: target.instance,
    rule: target.ruleId ?? '',
    free: target.freePriority,
    edition: EDITION_NAMES.includes(edition) ? fsay(lang, edition as 'Basic') : edition,
    conditions: quota.conditions,
    actions: quota.actions,
    wildcards: quota.wildcards,
    fixed: target.ruleId ? table.say(lang, 'directionFixed') : '',
    when: target.resumedAt ?? '',
  };
  const header = [
    table.say(lang, target.ruleId ? 'headerEdit' : 'headerNew', params),
    ...(target.resumedAt ? [table.say(lang, 'headerResumed', params)] : []),
  ];
  doc.commentBefore = comment(header.join('\n'));
  if (isMap(doc.contents)) {
    const items = doc.contents.items as Pair[];
    for (const pair of items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value) as Key;
      pair.key.spaceBefore = pair !== items[0];
      pair.key.commentBefore = comment(table.say(lang, key, params));
    }
  }
  return doc.toString({ lineWidth: 0 });
}

export type RuleTextOutcome =
  { kind: 'cancel' } | { kind: 'invalid'; errors: Localized[] } | { kind: 'ok'; draft: RuleDraft };

const FIELDS = ['RuleName', 'Priority', 'Direction', 'RuleConditions', 'RuleActions'];

function isEmpty(text: string): boolean {
  return text.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#'));
}

function prefixed(where: string, message: Localized): Localized {
  return where === '' ? message : { en: `${where}: ${message.en}`, 'zh-CN': `${where}：${message['zh-CN']}` };
}

/**
 * Reads the saved file. `shown` is the text the editor was given (saved unchanged or emptied: the
 * edit is cancelled); `base` the draft it was made from (a field left out keeps its value). Checked
 * by the domain's validator in `context`, as the form is.
 */
export function readRuleYaml(
  saved: string,
  shown: string,
  base: RuleDraft,
  context: RuleContext,
  fixedDirection?: RuleDirection,
): RuleTextOutcome {
  const text = withoutErrors(saved);
  if (isEmpty(text) || text.trim() === withoutErrors(shown).trim()) return { kind: 'cancel' };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      kind: 'invalid',
      errors: doc.errors.slice(0, 5).map((error) => {
        const line = error.linePos?.[0]?.line ?? 0;
        const reason = error.message.split('\n')[0] ?? error.code;
        return both(
          listenerText('en', 'yamlError', { line, reason }),
          listenerText('zh-CN', 'yamlError', { line, reason }),
        );
      }),
    };
  const value: unknown = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'invalid', errors: [both2('notAMap')] };
  const fields = value as Record<string, unknown>;
  const errors: Localized[] = [];
  for (const key of Object.keys(fields))
    if (!FIELDS.includes(key)) errors.push(both2('unknownField', { field: key.slice(0, 60) }));
  const current = draftToSpec(base);
  const spec: Record<string, unknown> = {
    ruleName: 'RuleName' in fields ? fields['RuleName'] : current.ruleName,
    priority: 'Priority' in fields ? fields['Priority'] : current.priority,
    direction: 'Direction' in fields ? fields['Direction'] : current.direction,
    ruleConditions:
      'RuleConditions' in fields ? convert(fields['RuleConditions'], model) : current.ruleConditions,
    ruleActions:
      'RuleActions' in fields ? numbered(convert(fields['RuleActions'], model)) : current.ruleActions,
  };
  if (fixedDirection && spec['direction'] !== fixedDirection)
    errors.push(both2('directionChanged', { direction: fixedDirection }));
  if (errors.length > 0) return { kind: 'invalid', errors };
  const problems = validateRules([spec], context).filter((i) => i.severity === 'error');
  if (problems.length > 0)
    return {
      kind: 'invalid',
      errors: problems.slice(0, 20).map((p) => prefixed(wirePath(p.path), p.message)),
    };
  return { kind: 'ok', draft: ruleToDraft(spec as unknown as RuleSpec) };
}

/** Actions take their Order from the list (an Order written in the file is replaced). */
function numbered(actions: unknown): unknown {
  if (!Array.isArray(actions)) return actions;
  return actions.map((action, index) =>
    action && typeof action === 'object' && !Array.isArray(action)
      ? { ...(action as object), order: index + 1 }
      : action,
  );
}

/** `ruleConditions[0].hostConfig.values[1]` as the file names it: `RuleConditions[0].HostConfig.Values[1]`. */
function wirePath(path: string): string {
  return path.replace(
    /(^|\.)([a-z][A-Za-z]*)/g,
    (_whole, dot: string, name: string) => `${dot}${wire(name)}`,
  );
}
