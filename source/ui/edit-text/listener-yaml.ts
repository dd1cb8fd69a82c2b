// A listener as YAML for "edit as text": the fields of its UpdateListenerAttribute request under the
// API's own names, each with a comment naming its limits, and the way back — the saved text read with
// the `yaml` package, checked by the same rules as the form (validateRequest, then validateDraft), and
// turned into the wizard's draft. Errors go back into the file as comments at the top, the user's text
// kept below them (the kubectl edit habit). Pure.
import { isMap, parseDocument, Document, isScalar, type Pair } from 'yaml';
import { modelName, wireName, type CreateListenerRequest } from '../../domain/create-request.js';
import { fieldSpec, type FieldId } from '../../domain/fields.js';
import { both, type Lang, type Localized } from '../../domain/i18n.js';
import {
  defaultListenerName,
  draftToRequest,
  requestToDraft,
  type ListenerDraft,
} from '../../domain/listener-draft.js';
import { blocking, validateDraft, validateRequest, type TargetContext } from '../../domain/listener-rules.js';
import type { ListenerProtocol } from '../../domain/resources.js';
import { tt, type EditTextTextKey } from './edit-text-i18n.js';

/** The request fields a listener of each protocol takes, in the order the file lists them. */
const FIELDS: readonly {
  wire: EditTextTextKey & string;
  field: FieldId | 'headers';
  protocols: readonly ListenerProtocol[];
}[] = [
  { wire: 'ListenerDescription', field: 'name', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
  { wire: 'IdleTimeout', field: 'idleTimeout', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
  { wire: 'RequestTimeout', field: 'requestTimeout', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
  { wire: 'GzipEnabled', field: 'gzip', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
  { wire: 'Http2Enabled', field: 'http2', protocols: ['HTTPS'] },
  { wire: 'SecurityPolicyId', field: 'securityPolicyId', protocols: ['HTTPS'] },
  { wire: 'Certificates', field: 'certificateId', protocols: ['HTTPS', 'QUIC'] },
  { wire: 'CaEnabled', field: 'mutualTls', protocols: ['HTTPS'] },
  { wire: 'CaCertificates', field: 'caCertificateId', protocols: ['HTTPS'] },
  { wire: 'DefaultActions', field: 'serverGroupId', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
  { wire: 'QuicConfig', field: 'quicUpgrade', protocols: ['HTTPS'] },
  { wire: 'XForwardedForConfig', field: 'headers', protocols: ['HTTP', 'HTTPS', 'QUIC'] },
];

const FIXED = ['ListenerId', 'ListenerProtocol', 'ListenerPort', 'LoadBalancerId'] as const;
const HEADERS_LABEL = both('HTTP headers', '附加HTTP头字段');

/** Lines the app writes at the top of the file for errors: dropped again when it is read back. */
const ERROR_MARK = '# ✗ ';

function fieldsFor(protocol: ListenerProtocol) {
  return FIELDS.filter((f) => f.protocols.includes(protocol));
}

function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wireName(k), toWire(v)]));
  return value;
}

function toModel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toModel);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [modelName(k), toModel(v)]));
  return value;
}

export interface ListenerTextTarget {
  listenerId: string;
  loadBalancerId: string;
  /** `HTTPS 443 “web”`, for the header. */
  label: string;
  instance: string;
  /** When the text starts from a kept edit rather than the listener as it is. */
  resumedAt?: string;
  /** A resumed edit: what changed on the listener meanwhile (one line each). */
  notes?: readonly string[];
}

function comment(text: string): string {
  // The yaml package writes each line of a comment after `#`; a leading space keeps `# text`.
  return text
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
}

/** The draft as the YAML file the editor opens, in the user's language for the comments. */
export function draftToYaml(draft: ListenerDraft, target: ListenerTextTarget, lang: Lang): string {
  const request = draftToRequest(draft, target.loadBalancerId);
  const port = request.listenerPort;
  const body: Record<string, unknown> = {};
  for (const { wire } of fieldsFor(draft.protocol)) {
    const value = request[modelName(wire) as keyof CreateListenerRequest];
    if (value !== undefined) body[wire] = toWire(value);
  }
  const doc = new Document(body);
  const header = [
    tt(lang, 'header', { listener: target.label, id: target.listenerId, instance: target.instance }),
    tt(lang, 'headerFixed', { protocol: draft.protocol, port }),
    ...(target.resumedAt ? [tt(lang, 'headerResumed', { when: target.resumedAt })] : []),
    ...(target.notes ?? []),
  ];
  doc.commentBefore = comment(header.join('\n'));
  const map = doc.contents;
  if (isMap(map)) {
    for (const pair of map.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const spec = FIELDS.find((f) => f.wire === key);
      if (!spec || !isScalar(pair.key)) continue;
      const label = spec.field === 'headers' ? HEADERS_LABEL[lang] : fieldSpec(spec.field).label[lang];
      pair.key.spaceBefore = pair !== map.items[0];
      pair.key.commentBefore = comment(
        tt(
          lang,
          spec.wire === 'XForwardedForConfig' && draft.protocol !== 'HTTPS'
            ? 'XForwardedForConfigPlain'
            : spec.wire,
          {
            label,
            default: defaultListenerName(draft.protocol, port),
            examples: 'tls_cipher_policy_1_0, tls_cipher_policy_1_2, tls_cipher_policy_1_2_strict_with_1_3',
          },
        ),
      );
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** The text without the error comments the app put at its top. */
export function withoutErrors(text: string): string {
  const lines = text.split('\n');
  let start = 0;
  while (
    start < lines.length &&
    (lines[start]!.startsWith(ERROR_MARK) ||
      (start > 0 && lines[start] === '#' && lines[start - 1]!.startsWith(ERROR_MARK)))
  )
    start++;
  return lines.slice(start).join('\n');
}

/** The user's text again, the errors written as comments at the top (earlier ones replaced). */
export function withErrors(text: string, errors: readonly Localized[], lang: Lang): string {
  const lines = [tt(lang, 'errorsTitle'), ...errors.map((e) => e[lang])].flatMap((l) => l.split('\n'));
  return `${lines.map((l) => ERROR_MARK + l).join('\n')}\n#\n${withoutErrors(text)}`;
}

export type TextOutcome =
  { kind: 'cancel' } | { kind: 'invalid'; errors: Localized[] } | { kind: 'ok'; draft: ListenerDraft };

/** Whether the text holds anything but comments and blanks. */
function isEmpty(text: string): boolean {
  return text.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#'));
}

/**
 * Reads the saved file. `shown` is the text the editor was given: saved unchanged (or emptied), the
 * edit is cancelled. `base` is the draft the text was made from: a field left out keeps its value.
 */
export function readListenerYaml(
  saved: string,
  shown: string,
  base: ListenerDraft,
  loadBalancerId: string,
  context: TargetContext | undefined,
): TextOutcome {
  const text = withoutErrors(saved);
  if (isEmpty(text) || text.trim() === withoutErrors(shown).trim()) return { kind: 'cancel' };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      kind: 'invalid',
      errors: doc.errors.slice(0, 5).map((error) => {
        const line = error.linePos?.[0]?.line ?? 0;
        const reason = error.message.split('\n')[0] ?? error.code;
        return both(tt('en', 'yamlError', { line, reason }), tt('zh-CN', 'yamlError', { line, reason }));
      }),
    };
  }
  const value: unknown = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'invalid', errors: [both(tt('en', 'notAMap'), tt('zh-CN', 'notAMap'))] };
  const baseRequest = draftToRequest(base, loadBalancerId);
  const allowed = fieldsFor(base.protocol).map((f) => f.wire as string);
  const errors: Localized[] = [];
  const changes: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value as Record<string, unknown>)) {
    if ((FIXED as readonly string[]).includes(key)) {
      const current = {
        ListenerId: undefined,
        LoadBalancerId: loadBalancerId,
        ListenerProtocol: base.protocol,
        ListenerPort: baseRequest.listenerPort,
      }[key as (typeof FIXED)[number]];
      if (current !== undefined && String(fieldValue) !== String(current))
        errors.push(
          both(
            tt('en', 'fixedField', { field: key, value: String(current) }),
            tt('zh-CN', 'fixedField', { field: key, value: String(current) }),
          ),
        );
      continue;
    }
    if (!allowed.includes(key)) {
      const params = { field: key.slice(0, 60), fields: allowed.join(', ') };
      errors.push(both(tt('en', 'unknownField', params), tt('zh-CN', 'unknownField', params)));
      continue;
    }
    changes[modelName(key)] = toModel(fieldValue);
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  const merged = { ...baseRequest, ...changes };
  // Mutual TLS turned off: its CA is not part of the request any more.
  if (merged.caEnabled === false && !('caCertificates' in changes)) delete merged.caCertificates;
  const check = validateRequest(merged, context);
  if (!check.ok)
    return { kind: 'invalid', errors: check.violations.map((v) => prefixed(v.parameter, v.message)) };
  const draft = requestToDraft(check.request);
  const problems = blocking(validateDraft(draft, context));
  if (problems.length > 0)
    return { kind: 'invalid', errors: problems.map((v) => prefixed(v.parameter, v.message)) };
  return { kind: 'ok', draft };
}

function prefixed(parameter: string, message: Localized): Localized {
  return { en: `${parameter}: ${message.en}`, 'zh-CN': `${parameter}：${message['zh-CN']}` };
}
