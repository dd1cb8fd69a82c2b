// What a request meets in the local ALB once a listener has accepted it: the listener's rules in
// priority order then its default action (the one matcher from `domain`), the actions in their order,
// the chosen server group's sticky session, scheduler and healthy servers, and the forwarding headers.
// dpnet's listeners call `handle` for every request (HTTP/1.1 and HTTP/2 compatibility objects alike).
import { ServerResponse, type IncomingMessage } from 'node:http';
import { compileRuleSet, findRule, type CompiledRuleSet } from '../../domain/rule-match.js';
import { describeActions, type ActionEffect } from '../../domain/rule-effects.js';
import type { KeyValue, MatchRequest, Rule, RuleAction } from '../../domain/rule-types.js';
import type { EmulatorState, StoredListener } from '../state.js';
import { BackendChooser, type Chosen } from './backend-choice.js';
import {
  addForwardedHeaders,
  applyHeaderEdits,
  clientAddress,
  copyRequestHeaders,
  forwardedHeaderEdits,
  plainAddress,
  scanRawHeaders,
  type ForwardContext,
} from './forward-headers.js';
import { rulesIn } from './group-usage.js';
import type { HealthChecker } from './health.js';
import type { ClientRequestLike, ClientResponseLike } from './http-shapes.js';
import type { RequestContext } from './request-context.js';
import { closeAgents, createAgents, errorPage, mirror, proxy, type ProxyRequest } from './proxy.js';
import { servedRedirect } from './redirect-port.js';
import { applyResponseRules, compileResponseRules, type ResponseRule } from './response-rules.js';
import { TrafficLimiter } from './traffic-limit.js';

export type { RequestContext };

export interface PipelineDeps {
  state: () => EmulatorState;
  health: HealthChecker;
  /** A listener's rules (any order); by default those in the state (`state.rules`). */
  rulesOf?: (listenerId: string) => readonly Rule[];
  /**
   * A number that changes whenever the state does (the core's change hook): with it, each listener's
   * rules and each group's servers are indexed once per change instead of searched per request.
   */
  revision?: () => number;
  now?: () => number;
}

export interface Pipeline {
  handle(req: ClientRequestLike, res: ClientResponseLike, context: RequestContext): void;
  close(): void;
}

interface CompiledListener {
  /** The state's revision it was checked against (undefined: none kept). */
  revision: number | undefined;
  rules: readonly Rule[];
  defaultActions: StoredListener['defaultActions'];
  set: CompiledRuleSet<Rule>;
  responseRules: ResponseRule[];
}

/** Whether two lists of rules are the same rules, unchanged (rules are replaced or edited in place). */
function sameRules(a: readonly Rule[], b: readonly Rule[], fingerprints: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i] || fingerprint(a[i]!) !== fingerprints[i]) return false;
  return true;
}

const fingerprintCache = new WeakMap<object, string>();
function fingerprint(rule: Rule): string {
  // Cheap: identity of the parts plus the scalars an in-place edit would change.
  let conditionsId = fingerprintCache.get(rule.ruleConditions);
  if (conditionsId === undefined)
    fingerprintCache.set(rule.ruleConditions, (conditionsId = String(Math.random())));
  let actionsId = fingerprintCache.get(rule.ruleActions);
  if (actionsId === undefined) fingerprintCache.set(rule.ruleActions, (actionsId = String(Math.random())));
  return `${rule.priority}/${rule.direction}/${conditionsId}/${actionsId}`;
}

function splitHost(authority: string | undefined): string {
  if (!authority) return '';
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function parsePairs(text: string, separator: string): KeyValue[] {
  const pairs: KeyValue[] = [];
  for (const part of text.split(separator)) {
    const item = separator === ';' ? part.trim() : part;
    if (item === '') continue;
    const equals = item.indexOf('=');
    pairs.push(
      equals < 0
        ? { key: decode(item), value: '' }
        : { key: decode(item.slice(0, equals)), value: decode(item.slice(equals + 1)) },
    );
  }
  return pairs;
}

/** A cookie's value from a `Cookie` header (undefined when absent). */
function cookieIn(cookies: string | undefined, name: string): string | undefined {
  if (!cookies) return undefined;
  return parsePairs(cookies, ';').find((pair) => pair.key === name)?.value;
}

function cookieHeader(req: ClientRequestLike): string {
  const raw = req.headers.cookie as string | string[] | undefined;
  return Array.isArray(raw) ? raw.join('; ') : (raw ?? '');
}

function matchRequestOf(
  req: ClientRequestLike,
  context: RequestContext,
  host: string,
  url: string,
  clientIp: string,
): MatchRequest {
  const question = url.indexOf('?');
  const headers: KeyValue[] = [];
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.startsWith(':') || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.push({ key, value: one });
  }
  return {
    method: req.method ?? 'GET',
    host,
    path: question < 0 ? url : url.slice(0, question),
    query: question < 0 ? [] : parsePairs(url.slice(question + 1), '&'),
    headers,
    cookies: parsePairs(cookieHeader(req), ';'),
    sourceIp: clientIp,
    protocol: context.listener.listenerProtocol === 'HTTPS' ? 'https' : 'http',
    port: context.listener.listenerPort,
  };
}

function forwardContext(context: RequestContext, host: string): ForwardContext {
  const { listener } = context;
  const forwarding: ForwardContext = {
    remoteAddress: plainAddress(context.remoteAddress),
    remotePort: context.remotePort,
    listenerPort: listener.listenerPort,
    protocol: listener.listenerProtocol === 'HTTPS' ? 'https' : 'http',
    loadBalancerId: listener.loadBalancerId,
    host,
  };
  const clientCertificate = context.tls?.clientCertificate;
  if (clientCertificate) forwarding.clientCertificate = clientCertificate;
  return forwarding;
}

const NO_RULES: readonly Rule[] = [];
const NO_RESPONSE_RULES: readonly ResponseRule[] = [];

export function createPipeline(deps: PipelineDeps): Pipeline {
  const agents = createAgents();
  const chooser = new BackendChooser(deps.state, deps.health, deps.revision);
  const compiled = new Map<string, CompiledListener & { fingerprints: string[] }>();
  const limiters = new WeakMap<object, TrafficLimiter>();
  const now = deps.now ?? Date.now;
  let rulesIndex: { revision: number; byListener: Map<string, Rule[]> } | undefined;
  // A rule serves once created (`Provisioning` → `Available`); one being changed serves as it was.
  const servingRules = (listenerId: string): readonly Rule[] => {
    const revision = deps.revision?.();
    if (revision === undefined)
      return rulesIn(deps.state()).filter(
        (r) => r.listenerId === listenerId && r.ruleStatus !== 'Provisioning',
      );
    if (rulesIndex?.revision !== revision) {
      const byListener = new Map<string, Rule[]>();
      for (const rule of rulesIn(deps.state())) {
        if (rule.ruleStatus === 'Provisioning') continue;
        let list = byListener.get(rule.listenerId);
        if (!list) byListener.set(rule.listenerId, (list = []));
        list.push(rule);
      }
      rulesIndex = { revision, byListener };
    }
    return rulesIndex.byListener.get(listenerId) ?? NO_RULES;
  };
  const rulesOf = deps.rulesOf ?? servingRules;

  const compiledFor = (listener: StoredListener): CompiledListener => {
    const cached = compiled.get(listener.listenerId);
    const revision = deps.rulesOf ? undefined : deps.revision?.();
    if (
      revision !== undefined &&
      cached?.revision === revision &&
      cached.defaultActions === listener.defaultActions
    )
      return cached;
    const rules = rulesOf(listener.listenerId);
    if (
      cached &&
      cached.defaultActions === listener.defaultActions &&
      sameRules(cached.rules, rules, cached.fingerprints)
    ) {
      cached.revision = revision;
      return cached;
    }
    const entry = {
      revision,
      rules,
      defaultActions: listener.defaultActions,
      set: compileRuleSet(rules, listener.defaultActions),
      responseRules: compileResponseRules(rules),
      fingerprints: rules.map(fingerprint),
    };
    compiled.set(listener.listenerId, entry);
    return entry;
  };

  /**
   * A listener with no rules whose default action forwards, on HTTP/1.1: the request's header object
   * is never built, the backend gets the raw header list edited in place.
   */
  const forwardPlain = (
    req: IncomingMessage,
    res: ServerResponse,
    context: RequestContext,
    action: Extract<RuleAction, { type: 'ForwardGroup' }>,
  ): void => {
    const listener = context.listener;
    const scanned = scanRawHeaders(req.rawHeaders);
    const authority = scanned.host;
    const host = splitHost(authority).toLowerCase();
    const config = listener.XForwardedForConfig;
    const clientIp = clientAddress(context.remoteAddress, scanned.forwardedFor, config);
    const chosen = chooser.choose(
      action,
      action.forwardGroupConfig.serverGroupTuples,
      action.forwardGroupConfig.serverGroupStickySession,
      (name) => cookieIn(scanned.cookie, name),
      clientIp,
    );
    if (!('choice' in chosen)) {
      errorPage(res, 503, 'Service Temporarily Unavailable');
      req.resume();
      return;
    }
    const hostHeader = authority ?? host;
    const headers = scanned.pairs;
    applyHeaderEdits(
      headers,
      forwardedHeaderEdits(config, forwardContext(context, hostHeader), scanned.forwardedFor),
    );
    headers.push('host', hostHeader);
    send(req, res, context, chosen, {
      headers,
      path: req.url || '/',
      hasBody: scanned.hasBody,
      acceptEncoding: scanned.acceptEncoding,
      responseRules: NO_RESPONSE_RULES,
    });
  };

  const handle = (req: ClientRequestLike, res: ClientResponseLike, context: RequestContext): void => {
    const listener = context.listener;
    const entry = compiledFor(listener);
    const plain = entry.set.rules.length === 0 ? entry.set.defaultActions : undefined;
    if (plain?.length === 1 && plain[0]!.type === 'ForwardGroup' && res instanceof ServerResponse)
      return forwardPlain(req as IncomingMessage, res, context, plain[0]!);
    const url = req.url || '/';
    const authority = (req.headers[':authority'] as string | undefined) ?? req.headers.host;
    const host = splitHost(authority).toLowerCase();
    const clientIp = clientAddress(
      context.remoteAddress,
      req.headers['x-forwarded-for'],
      listener.XForwardedForConfig,
    );
    let match: MatchRequest | undefined;
    const matchOf = (): MatchRequest => (match ??= matchRequestOf(req, context, host, url, clientIp));

    let actions: readonly RuleAction[] = entry.set.defaultActions;
    if (entry.set.rules.length > 0) {
      const rule = findRule(entry.set, matchOf());
      if (rule) actions = [...rule.ruleActions].sort((a, b) => a.order - b.order);
    }
    // Only rules need the effects worked out; the default action is a plain ForwardGroup.
    const effects: readonly ActionEffect[] | undefined =
      actions === entry.set.defaultActions ? undefined : describeActions(actions, matchOf());

    const headers = copyRequestHeaders(req.headers);
    let path = url;
    let hostHeader = authority ?? host;
    const responseHeaders: Record<string, string | string[]> = {};

    for (let index = 0; index < actions.length; index++) {
      const action = actions[index]!;
      const effect = effects?.[index];
      switch (action.type) {
        case 'TrafficLimit': {
          let limiter = limiters.get(action);
          if (!limiter)
            limiters.set(
              action,
              (limiter = new TrafficLimiter(
                action.trafficLimitConfig.qps,
                action.trafficLimitConfig.perIpQps,
              )),
            );
          if (!limiter.admit(clientIp, now())) {
            errorPage(res, 503, 'Service Temporarily Unavailable');
            return;
          }
          break;
        }
        case 'Rewrite': {
          if (effect?.type !== 'Rewrite') break;
          path = effect.query === '' ? effect.path : `${effect.path}?${effect.query}`;
          hostHeader = effect.host;
          break;
        }
        case 'InsertHeader': {
          if (effect?.type !== 'InsertHeader') break;
          const config = action.insertHeaderConfig;
          headers[config.key.toLowerCase()] =
            config.valueType === 'SystemDefined' && config.value === 'ClientSrcPort'
              ? String(context.remotePort)
              : config.valueType === 'SystemDefined' && config.value === 'SLBId'
                ? listener.loadBalancerId
                : effect.value;
          break;
        }
        case 'RemoveHeader':
          delete headers[action.removeHeaderConfig.key.toLowerCase()];
          break;
        case 'Cors': {
          const origin = req.headers.origin;
          const config = action.corsConfig;
          if (
            typeof origin !== 'string' ||
            !(config.allowOrigin.includes('*') || config.allowOrigin.includes(origin))
          )
            break;
          responseHeaders['access-control-allow-origin'] = config.allowOrigin.includes('*') ? '*' : origin;
          if (config.allowCredentials === 'on') responseHeaders['access-control-allow-credentials'] = 'true';
          if (config.exposeHeaders?.length)
            responseHeaders['access-control-expose-headers'] = config.exposeHeaders.join(',');
          if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
            res.writeHead(204, {
              ...responseHeaders,
              ...(config.allowMethods?.length
                ? { 'access-control-allow-methods': config.allowMethods.join(',') }
                : {}),
              ...(config.allowHeaders?.length
                ? { 'access-control-allow-headers': config.allowHeaders.join(',') }
                : {}),
              ...(config.maxAge !== undefined ? { 'access-control-max-age': String(config.maxAge) } : {}),
            });
            res.end();
            return;
          }
          break;
        }
        case 'Redirect': {
          if (effect?.type !== 'Redirect') break;
          res.writeHead(Number(effect.httpCode), {
            ...responseHeaders,
            location: servedRedirect(effect.url, host, context),
            'content-length': 0,
          });
          res.end();
          req.resume();
          return;
        }
        case 'FixedResponse': {
          const config = action.fixedResponseConfig;
          const body = config.content ?? '';
          res.writeHead(Number(config.httpCode), {
            ...responseHeaders,
            'content-type': config.contentType ?? 'text/plain',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
          req.resume();
          return;
        }
        case 'ForwardGroup': {
          const config = action.forwardGroupConfig;
          const cookies = cookieHeader(req);
          const cookie = (name: string): string | undefined => {
            if (cookies === '') return undefined;
            return parsePairs(cookies, ';').find((pair) => pair.key === name)?.value;
          };
          const chosen = chooser.choose(
            action,
            config.serverGroupTuples,
            config.serverGroupStickySession,
            cookie,
            clientIp,
          );
          if (!('choice' in chosen)) {
            errorPage(res, 503, 'Service Temporarily Unavailable');
            req.resume();
            return;
          }
          forward(req, res, context, chosen, {
            headers,
            path,
            hostHeader,
            responseHeaders,
            responseRules: entry.responseRules,
          });
          return;
        }
        case 'TrafficMirror': {
          // Requests with a body are not mirrored (the copy would need the body held twice).
          if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
            break;
          const tuples = action.trafficMirrorConfig.mirrorGroupConfig.serverGroupTuples;
          const target = chooser.choose(action, tuples, undefined, () => undefined, clientIp);
          if (!('choice' in target)) break;
          const copyHeaders = { ...headers, host: hostHeader };
          addForwardedHeaders(copyHeaders, listener.XForwardedForConfig, forwardContext(context, hostHeader));
          const key = target.choice.key;
          chooser.acquire(key);
          mirror(
            agents,
            target.choice,
            req.method ?? 'GET',
            path,
            copyHeaders,
            listener.requestTimeout * 1000,
            () => chooser.release(key),
          );
          break;
        }
      }
    }
    // Rules always end in a final action; a listener without a default action has nowhere to send.
    errorPage(res, 503, 'Service Temporarily Unavailable');
    req.resume();
  };

  const forward = (
    req: ClientRequestLike,
    res: ClientResponseLike,
    context: RequestContext,
    chosen: Chosen,
    request: {
      headers: ReturnType<typeof copyRequestHeaders>;
      path: string;
      hostHeader: string;
      responseHeaders: Record<string, string | string[]>;
      responseRules: readonly ResponseRule[];
    },
  ): void => {
    const headers = request.headers;
    headers.host = request.hostHeader;
    addForwardedHeaders(
      headers,
      context.listener.XForwardedForConfig,
      forwardContext(context, request.hostHeader),
    );
    for (const name in request.responseHeaders) res.setHeader(name, request.responseHeaders[name]!);
    const encoding = req.headers['accept-encoding'];
    send(req, res, context, chosen, {
      headers,
      path: request.path,
      hasBody: req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined,
      acceptEncoding: Array.isArray(encoding) ? encoding.join(', ') : encoding,
      responseRules: request.responseRules,
    });
  };

  const send = (
    req: ClientRequestLike,
    res: ClientResponseLike,
    context: RequestContext,
    chosen: Chosen,
    request: {
      headers: ProxyRequest['headers'];
      path: string;
      hasBody: boolean;
      acceptEncoding: string | undefined;
      responseRules: readonly ResponseRule[];
    },
  ): void => {
    const { listener } = context;
    const key = chosen.choice.key;
    chooser.acquire(key);
    const learnCookie = chosen.learnCookie;
    proxy(agents, req, res, {
      choice: chosen.choice,
      method: req.method ?? 'GET',
      path: request.path,
      headers: request.headers,
      hasBody: request.hasBody,
      acceptEncoding: request.acceptEncoding,
      requestTimeoutMs: listener.requestTimeout * 1000,
      gzip: listener.gzipEnabled,
      setCookies: chosen.setCookies,
      ...(request.responseRules.length > 0
        ? {
            onHeaders: (status, incoming, outgoing) =>
              applyResponseRules(request.responseRules, status, incoming, outgoing),
          }
        : {}),
      ...(learnCookie
        ? {
            onResponse: (headers) => {
              const set = headers['set-cookie'];
              for (const line of set ?? []) {
                const first = line.split(';', 1)[0] ?? '';
                const equals = first.indexOf('=');
                if (equals > 0 && first.slice(0, equals).trim() === learnCookie)
                  chooser.learn(chosen.choice.group.serverGroupId, first.slice(equals + 1).trim(), key);
              }
            },
          }
        : {}),
      onDone: () => chooser.release(key),
    });
  };

  return {
    handle,
    close() {
      closeAgents(agents);
      compiled.clear();
    },
  };
}

/**
 * A listener's IdleTimeout on the server that serves it: a connection with no request for that long is
 * closed (HTTP/1.1; ALB does not apply it to HTTP/2 either). Call again when the listener changes.
 */
export function applyIdleTimeout(
  server: { keepAliveTimeout: number; headersTimeout: number },
  listener: Pick<StoredListener, 'idleTimeout'>,
): void {
  const ms = listener.idleTimeout * 1000;
  server.keepAliveTimeout = ms;
  // A connection that never sends a request is idle too.
  server.headersTimeout = ms;
}
