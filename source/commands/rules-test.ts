// `alb-tui rules test LISTENER --url URL …`: which rule of the listener takes this request, why (each
// rule tried, each condition ticked or not) and what its actions do, by the domain's matcher — the one
// the local ALB's data plane serves with.
import { parseIp } from '../domain/ip-cidr.js';
import type { Lang } from '../domain/i18n.js';
import type { Listener } from '../domain/resources.js';
import type { GroupNames } from '../domain/rule-summary.js';
import { encodeQuery } from '../domain/rule-effects.js';
import { compileRules, type RuleMatch } from '../domain/rule-match.js';
import { compileResponseRules, matchResponse, type ResponseMatch } from '../domain/rule-response.js';
import type { KeyValue, MatchRequest, Rule } from '../domain/rule-types.js';
import { flag, listOption, stringOption, type ParsedArgs } from './args.js';
import { EXIT, printJson, printLines, usageError, type CommandContext } from './context.js';
import { rulesMessages as m } from './rules-messages.js';
import { effectText, verdictText } from './rules-text.js';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Where a tested request comes from unless `--source-ip` says otherwise. */
export const DEFAULT_SOURCE_IP = '127.0.0.1';

/** The request the options describe, for a listener of this protocol and port. Usage errors on bad input. */
export function requestFromOptions(
  args: ParsedArgs,
  listener: Pick<Listener, 'listenerProtocol' | 'listenerPort'>,
): MatchRequest {
  const rawUrl = stringOption(args, 'url');
  if (rawUrl === undefined || rawUrl.trim() === '') throw usageError(m.needUrl);
  let url: URL;
  try {
    url = new URL(rawUrl.trim());
  } catch {
    throw usageError(m.badUrl(rawUrl));
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    throw usageError(m.badUrl(rawUrl));

  const method = (stringOption(args, 'method') ?? 'GET').trim().toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) throw usageError(m.badMethod(method));

  const headers: KeyValue[] = listOption(args, 'header').map((text) => {
    const colon = text.indexOf(':');
    const key = colon < 0 ? '' : text.slice(0, colon).trim().toLowerCase();
    if (key === '' || /\s/.test(key)) throw usageError(m.badHeader(text));
    return { key, value: text.slice(colon + 1).trim() };
  });
  const cookies: KeyValue[] = listOption(args, 'cookie').map((text) => {
    const equals = text.indexOf('=');
    const key = equals < 0 ? '' : text.slice(0, equals).trim();
    if (key === '') throw usageError(m.badCookie(text));
    return { key, value: text.slice(equals + 1).trim() };
  });
  // A `Cookie:` header counts too, as it does on the wire.
  for (const header of headers.filter((h) => h.key === 'cookie')) {
    for (const part of header.value.split(';')) {
      const equals = part.indexOf('=');
      if (equals > 0)
        cookies.push({ key: part.slice(0, equals).trim(), value: part.slice(equals + 1).trim() });
    }
  }
  const sourceIp = (stringOption(args, 'source-ip') ?? DEFAULT_SOURCE_IP).trim();
  if (parseIp(sourceIp) === undefined) throw usageError(m.badSourceIp(sourceIp));

  // The Host header, when given, is what ALB matches; else the URL's host (without port or brackets).
  const hostHeader = headers.find((h) => h.key === 'host')?.value.replace(/:\d+$/, '');
  const host = hostHeader ?? url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    method,
    host,
    path: url.pathname,
    query: [...url.searchParams].map(([key, value]) => ({ key, value })),
    headers,
    cookies,
    sourceIp,
    protocol: listener.listenerProtocol === 'HTTP' ? 'http' : 'https',
    port: listener.listenerPort,
  };
}

/** What the Response rules make of the backend's answer (`--response-status`, `--response-header`). */
export interface ResponseOutcome {
  status: number;
  /** How many Response rules the listener has (0: nothing to show). */
  rules: number;
  match: ResponseMatch<Rule>;
}

/** The answer the options describe: `--response-status` (default 200) and `--response-header` pairs. */
export function responseFromOptions(args: ParsedArgs): { status: number; headers: KeyValue[] } {
  const text = (stringOption(args, 'response-status') ?? '200').trim();
  const status = /^\d{3}$/.test(text) ? Number(text) : NaN;
  if (!(status >= 100 && status <= 599)) throw usageError(m.badResponseStatus(text));
  const headers = listOption(args, 'response-header').map((pair) => {
    const colon = pair.indexOf(':');
    const key = colon < 0 ? '' : pair.slice(0, colon).trim();
    if (key === '' || /\s/.test(key)) throw usageError(m.badResponseHeader(pair));
    return { key, value: pair.slice(colon + 1).trim() };
  });
  return { status, headers };
}

function responseLines(outcome: ResponseOutcome, lang: Lang): string[] {
  const { match, status } = outcome;
  const taking = match.rule ? match.tried[match.tried.length - 1] : undefined;
  const lines = [
    '',
    match.rule
      ? m.responseApplies(status, match.rule.priority, match.rule.ruleName, match.rule.ruleId)[lang]
      : m.responseNone(status, outcome.rules)[lang],
  ];
  for (const trial of match.tried) lines.push(trialLine(trial, lang));
  if (taking) lines.push(...match.edits.map((edit) => `  ${effectText(edit, lang)}`));
  return lines;
}

export function requestLine(request: MatchRequest, lang: Lang): string {
  const query = request.query.length > 0 ? `?${encodeQuery(request.query)}` : '';
  return `${m.request[lang]}${lang === 'en' ? ': ' : '：'}${request.method} ${request.protocol}://${request.host}:${request.port}${request.path}${query} ${m.from[lang]} ${request.sourceIp}`;
}

/** The explanation as lines: the verdict, every rule tried with each condition ticked, what it does. */
export function matchLines(
  result: RuleMatch<Rule>,
  request: MatchRequest,
  lang: Lang,
  all = false,
  response?: ResponseOutcome,
  names: GroupNames = new Map(),
): string[] {
  const lines = [requestLine(request, lang)];
  lines.push(
    result.rule
      ? m.takenBy(result.rule.priority, result.rule.ruleName, result.rule.ruleId)[lang]
      : m.takenByDefault[lang],
  );
  if (result.tried.length > 0) {
    lines.push('', m.why(result.tried.length)[lang]);
    // Rules no condition of which matched say little one by one: counted, unless --all asks for each.
    let unrelated = 0;
    for (const trial of result.tried) {
      if (!all && !trial.partlyMatched) {
        unrelated += 1;
        continue;
      }
      lines.push(trialLine(trial, lang));
    }
    if (unrelated > 0) lines.push(`  ${m.unrelatedRules(unrelated)[lang]}`);
  }
  if (result.responseRulesSkipped > 0)
    lines.push(`  ${m.responseRulesSkipped(result.responseRulesSkipped)[lang]}`);
  lines.push('', m.does[lang], ...result.effects.map((effect) => `  ${effectText(effect, lang, names)}`));
  if (response && response.rules > 0) lines.push(...responseLines(response, lang));
  return lines;
}

/** What `rules test --json` prints: the request, the taking rule (null: the default action), why, what. */
export function matchJson(
  result: RuleMatch<Rule>,
  request: MatchRequest,
  listenerId: string,
  response?: ResponseOutcome,
): unknown {
  return {
    listenerId,
    request,
    rule: result.rule
      ? { ruleId: result.rule.ruleId, ruleName: result.rule.ruleName, priority: result.rule.priority }
      : null,
    defaultAction: result.rule === undefined,
    tried: result.tried.map((trial) => ({
      ruleId: trial.rule.ruleId,
      ruleName: trial.rule.ruleName,
      priority: trial.rule.priority,
      matched: trial.matched,
      conditions: trial.conditions,
    })),
    responseRulesSkipped: result.responseRulesSkipped,
    effects: result.effects,
    ...(response
      ? {
          response: {
            status: response.status,
            rule: response.match.rule
              ? {
                  ruleId: response.match.rule.ruleId,
                  ruleName: response.match.rule.ruleName,
                  priority: response.match.rule.priority,
                }
              : null,
            tried: response.match.tried.map((trial) => ({
              ruleId: trial.rule.ruleId,
              ruleName: trial.rule.ruleName,
              priority: trial.rule.priority,
              matched: trial.matched,
              conditions: trial.conditions,
            })),
            edits: response.match.edits,
          },
        }
      : {}),
  };
}

export async function testRequest(
  context: CommandContext,
  args: ParsedArgs,
  listener: Listener,
  rules: readonly Rule[],
  names: GroupNames = new Map(),
): Promise<number> {
  const request = requestFromOptions(args, listener);
  const answer = responseFromOptions(args);
  const result = compileRules(rules, listener.defaultActions).match(request);
  const responseRules = compileResponseRules(rules);
  const response: ResponseOutcome = {
    status: answer.status,
    rules: responseRules.length,
    match: matchResponse(responseRules, answer),
  };
  if (context.json) await printJson(context, matchJson(result, request, listener.listenerId, response));
  else
    await printLines(
      context.io.stdout,
      matchLines(result, request, context.lang, flag(args, 'all'), response, names),
    );
  return EXIT.ok;
}

/** One rule tried: ticked or not, its priority and name, and each condition's verdict. */
function trialLine(
  trial: {
    matched: boolean;
    rule: { priority: number; ruleName: string };
    conditions: readonly Parameters<typeof verdictText>[0][];
  },
  lang: Lang,
): string {
  const conditions =
    trial.conditions.length === 0
      ? m.anyRequest[lang]
      : trial.conditions.map((verdict) => verdictText(verdict, lang)).join(' · ');
  return `  ${trial.matched ? '✓' : '✗'} ${String(trial.rule.priority).padStart(5)}  ${trial.rule.ruleName}: ${conditions}`;
}
