// "Which rule takes this request?" (`t` in the rules pane): a small form (method, URL, headers,
// cookies, source IP) and, after every key, the rule that takes the request, each of its conditions
// ticked or not, and what its actions would do — from the one matcher in domain (rule-match.ts) that
// the local ALB's data plane uses too. Pure.
import type { Localized } from '../../domain/i18n.js';
import { parseIp } from '../../domain/ip-cidr.js';
import type { DefaultAction } from '../../domain/resources.js';
import { compileRules, type RuleMatch, type RuleMatcher } from '../../domain/rule-match.js';
import {
  compileResponseRules,
  matchResponse,
  type CompiledResponseRule,
  type ResponseMatch,
} from '../../domain/rule-response.js';
import type { KeyValue, MatchRequest, Rule } from '../../domain/rule-types.js';
import { keyId, type KeyPress } from '../keys.js';
import { edit } from '../line-edit.js';
import { RULES_TEXT } from './rules-i18n.js';

export const TESTER_FIELDS = [
  'method',
  'url',
  'headers',
  'cookies',
  'sourceIp',
  'responseStatus',
  'responseHeaders',
] as const;
export type TesterField = (typeof TESTER_FIELDS)[number];

export interface TesterListener {
  protocol: string;
  port: number;
  defaultGroupIds: readonly string[];
}

export interface TesterState {
  listener: TesterListener;
  values: Record<TesterField, string>;
  focus: number;
  /** Per field, what is wrong with what was typed. */
  errors: Partial<Record<TesterField, Localized>>;
  /** The answer for the last request that could be read. */
  result?: { ruleId?: string; match: RuleMatch<Rule>; response: TesterResponse };
}

/** The backend's answer the Response rules are tried on, and which of them applies. */
export interface TesterResponse {
  status: number;
  /** How many Response rules the listener has (0: nothing to show). */
  rules: number;
  match: ResponseMatch<Rule>;
}

/** A response status as typed: three digits, 100–599. */
export function parseStatus(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{3}$/.test(trimmed)) return undefined;
  const status = Number(trimmed);
  return status >= 100 && status <= 599 ? status : undefined;
}

export function initTester(
  listener: { protocol?: string; port?: number; defaultGroupIds?: readonly string[] },
  rules: readonly Rule[] = [],
): TesterState {
  const state: TesterState = {
    listener: {
      protocol: listener.protocol ?? 'HTTP',
      port: listener.port ?? 80,
      defaultGroupIds: listener.defaultGroupIds ?? [],
    },
    values: {
      method: 'GET',
      url: '/',
      headers: '',
      cookies: '',
      sourceIp: '192.0.2.10',
      responseStatus: '200',
      responseHeaders: '',
    },
    focus: 1,
    errors: {},
  };
  return evaluate(state, rules);
}

/** `name: value; name: value` → pairs (names lower-cased, as the matcher takes headers). */
export function parseHeaders(text: string): KeyValue[] | undefined {
  const pairs: KeyValue[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    if (colon <= 0) return undefined;
    const key = part.slice(0, colon).trim().toLowerCase();
    if (key === '' || /\s/.test(key)) return undefined;
    pairs.push({ key, value: part.slice(colon + 1).trim() });
  }
  return pairs;
}

/** `name=value; name=value` → pairs. */
export function parseCookies(text: string): KeyValue[] | undefined {
  const pairs: KeyValue[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals <= 0) return undefined;
    pairs.push({ key: part.slice(0, equals).trim(), value: part.slice(equals + 1).trim() });
  }
  return pairs;
}

interface ParsedUrl {
  host: string;
  path: string;
  query: KeyValue[];
  protocol?: 'http' | 'https';
  port?: number;
}

/**
 * `https://api.example.com:8443/v2/x?a=1`, `api.example.com/v2`, or `/v2?a=1` (the host then comes
 * from a Host header, if one is given).
 */
export function parseTestUrl(text: string): ParsedUrl | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  const source = absolute
    ? trimmed
    : trimmed.startsWith('/')
      ? `http://placeholder${trimmed}`
      : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const query = [...url.searchParams].map(([key, value]) => ({ key, value }));
  return {
    host: trimmed.startsWith('/') ? '' : url.hostname,
    path: url.pathname,
    query,
    ...(absolute ? { protocol: url.protocol === 'https:' ? ('https' as const) : ('http' as const) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
  };
}

/** The request the form describes, or the field errors that keep it from being one. */
export function testRequest(
  state: Pick<TesterState, 'values' | 'listener'>,
):
  | { request: MatchRequest; status: number; responseHeaders: KeyValue[] }
  | { errors: Partial<Record<TesterField, Localized>> } {
  const errors: Partial<Record<TesterField, Localized>> = {};
  const url = parseTestUrl(state.values.url);
  if (!url) errors.url = RULES_TEXT.text('testBadUrl');
  const headers = parseHeaders(state.values.headers);
  if (!headers) errors.headers = RULES_TEXT.text('testBadHeader');
  const cookies = parseCookies(state.values.cookies);
  if (!cookies) errors.cookies = RULES_TEXT.text('testBadCookie');
  const sourceIp = state.values.sourceIp.trim();
  if (sourceIp !== '' && !parseIp(sourceIp)) errors.sourceIp = RULES_TEXT.text('testBadIp');
  const status = parseStatus(state.values.responseStatus);
  if (status === undefined) errors.responseStatus = RULES_TEXT.text('testBadStatus');
  const responseHeaders = parseHeaders(state.values.responseHeaders);
  if (!responseHeaders) errors.responseHeaders = RULES_TEXT.text('testBadHeader');
  if (!url || !headers || !cookies || errors.sourceIp || status === undefined || !responseHeaders)
    return { errors };
  const listenerProtocol = state.listener.protocol === 'HTTP' ? 'http' : 'https';
  const hostHeader = headers.find((header) => header.key === 'host')?.value.replace(/:\d+$/, '') ?? '';
  const host = url.host || hostHeader;
  return {
    request: {
      method: state.values.method.trim().toUpperCase() || 'GET',
      host,
      path: url.path,
      query: url.query,
      // The Host header the request would carry, as a client sends it.
      headers: host && !hostHeader ? [{ key: 'host', value: host }, ...headers] : headers,
      cookies,
      sourceIp,
      protocol: url.protocol ?? listenerProtocol,
      port: url.port ?? state.listener.port,
    },
    status,
    responseHeaders,
  };
}

function defaultActions(listener: TesterListener): DefaultAction[] {
  if (listener.defaultGroupIds.length === 0) return [];
  return [
    {
      type: 'ForwardGroup',
      forwardGroupConfig: {
        serverGroupTuples: listener.defaultGroupIds.map((serverGroupId) => ({ serverGroupId })),
      },
    },
  ];
}

/**
 * The listener's rules compiled once per rules change (the reducer replaces the array when they
 * change), not once per key typed into the form.
 */
interface Compiled {
  listener: TesterListener;
  matcher: RuleMatcher<Rule>;
  response: CompiledResponseRule<Rule>[];
}
const compiled = new WeakMap<readonly Rule[], Compiled>();

function compiledFor(rules: readonly Rule[], listener: TesterListener): Compiled {
  const held = compiled.get(rules);
  if (held && held.listener === listener) return held;
  const fresh = {
    listener,
    matcher: compileRules(rules, defaultActions(listener)),
    response: compileResponseRules(rules),
  };
  compiled.set(rules, fresh);
  return fresh;
}

/** The form's answer, worked out again from the values and the listener's rules. */
export function evaluate(state: TesterState, rules: readonly Rule[]): TesterState {
  const parsed = testRequest(state);
  if ('errors' in parsed) {
    const { result: _kept, ...rest } = state;
    // The last answer stays while a field is half typed, dimmed by the view; it is dropped when none was.
    return _kept ? { ...rest, errors: parsed.errors, result: _kept } : { ...rest, errors: parsed.errors };
  }
  const { matcher, response: responseRules } = compiledFor(rules, state.listener);
  const match = matcher.match(parsed.request);
  const response: TesterResponse = {
    status: parsed.status,
    rules: responseRules.length,
    match: matchResponse(responseRules, { status: parsed.status, headers: parsed.responseHeaders }),
  };
  return {
    ...state,
    errors: {},
    result: { ...(match.rule ? { ruleId: match.rule.ruleId } : {}), match, response },
  };
}

export function testerKey(state: TesterState, press: KeyPress, rules: readonly Rule[]): TesterState {
  const id = keyId(press);
  const count = TESTER_FIELDS.length;
  if (id === 'tab' || id === 'down') return { ...state, focus: (state.focus + 1) % count };
  if (id === 'backtab' || id === 'up') return { ...state, focus: (state.focus + count - 1) % count };
  const field = TESTER_FIELDS[state.focus]!;
  const text = edit(state.values[field], press);
  if (text === undefined || text === state.values[field]) return state;
  return evaluate({ ...state, values: { ...state.values, [field]: text } }, rules);
}
