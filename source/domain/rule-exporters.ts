// A listener's forwarding rules as something people run elsewhere: `aliyun alb CreateRules` commands
// (10 rules a call, the wire parameters of the API) and Terraform `alicloud_alb_rule` blocks (the
// provider's arguments are the API's fields in snake_case: rule_conditions { host_config { values } }).
import { aliyunEndpoint, shellQuote } from './aliyun-cli.js';
import { RULES_PER_CALL } from './rule-limits.js';
import type { RuleSpec } from './rule-types.js';
import { rulesToWire } from './rule-wire.js';

export interface RuleExportOptions {
  region: string;
  endpoint?: string;
  /**
   * The listener the rules go on: its ID, or (aliyun) a shell expression such as `"$LISTENER_ID"` /
   * (Terraform) an HCL reference such as `alicloud_alb_listener.https_443.id`, written as given.
   */
  listener: { id: string } | { expression: string };
}

/** One `aliyun alb CreateRules` command per 10 rules. */
export function rulesToAliyunCli(rules: readonly RuleSpec[], options: RuleExportOptions): string {
  if (rules.length === 0) return '';
  const { host, http } = aliyunEndpoint(options);
  const listener = 'id' in options.listener ? shellQuote(options.listener.id) : options.listener.expression;
  const commands: string[] = [];
  for (let start = 0; start < rules.length; start += RULES_PER_CALL) {
    const batch = rules.slice(start, start + RULES_PER_CALL).map(withoutTags);
    const parts = [
      'aliyun alb CreateRules',
      `--region ${shellQuote(options.region)}`,
      `--endpoint ${shellQuote(host)}`,
    ];
    if (http) parts.push('--insecure');
    parts.push(`--ListenerId ${listener}`);
    for (const [key, value] of Object.entries(rulesToWire(batch)))
      parts.push(`--${key} ${shellQuote(value)}`);
    parts.push('--method POST', '--force');
    commands.push(parts.join(' \\\n  '));
  }
  return `${commands.join('\n')}\n`;
}

function withoutTags(rule: RuleSpec): RuleSpec {
  const { tags, ...rest } = rule;
  return tags && tags.length > 0 ? { ...rest, tags } : rest;
}

/** `api-v2 canary` → `api_v2_canary`; a name Terraform takes (letters, digits, `_`, `-`, not a digit first). */
export function terraformName(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `rule_${cleaned}`;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`);
}

function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

function hclScalar(value: unknown): string {
  return typeof value === 'string' ? hclString(value) : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object's fields as HCL: scalars and scalar lists as attributes, objects and object lists as blocks. */
function hclBody(value: Record<string, unknown>, indent: string, lines: string[]): void {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const attributes = entries.filter(([, v]) => !isRecord(v) && !(Array.isArray(v) && v.some(isRecord)));
  const width = Math.max(0, ...attributes.map(([k]) => snake(k).length));
  for (const [key, field] of attributes) {
    const text = Array.isArray(field) ? `[${field.map(hclScalar).join(', ')}]` : hclScalar(field);
    lines.push(`${indent}${snake(key).padEnd(width)} = ${text}`);
  }
  for (const [key, field] of entries) {
    const blocks = isRecord(field)
      ? [field]
      : Array.isArray(field) && field.some(isRecord)
        ? field.filter(isRecord)
        : [];
    for (const block of blocks) {
      lines.push(`${indent}${snake(key)} {`);
      hclBody(block, `${indent}  `, lines);
      lines.push(`${indent}}`);
    }
  }
}

/** One `alicloud_alb_rule` block per rule, named after the listener's resource and the rule. */
export function rulesToTerraform(
  rules: readonly RuleSpec[],
  options: RuleExportOptions & { resourcePrefix?: string },
): string {
  const listenerId = 'id' in options.listener ? hclString(options.listener.id) : options.listener.expression;
  const used = new Set<string>();
  const blocks = rules.map((rule) => {
    let name = terraformName(`${options.resourcePrefix ? `${options.resourcePrefix}_` : ''}${rule.ruleName}`);
    for (let n = 2; used.has(name); n += 1) name = `${name}_${n}`;
    used.add(name);
    const lines = [`resource "alicloud_alb_rule" ${hclString(name)} {`, `  listener_id = ${listenerId}`];
    const { tags, ruleConditions, ruleActions, ...scalars } = rule;
    hclBody({ ...scalars }, '  ', lines);
    for (const condition of ruleConditions) {
      lines.push('', '  rule_conditions {');
      hclBody(condition as unknown as Record<string, unknown>, '    ', lines);
      lines.push('  }');
    }
    for (const action of [...ruleActions].sort((a, b) => a.order - b.order)) {
      lines.push('', '  rule_actions {');
      hclBody(action as unknown as Record<string, unknown>, '    ', lines);
      lines.push('  }');
    }
    if (tags && tags.length > 0) {
      lines.push('', '  tags = {');
      for (const tag of tags) lines.push(`    ${hclString(tag.key)} = ${hclString(tag.value)}`);
      lines.push('  }');
    }
    lines.push('}');
    return lines.join('\n');
  });
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
