// The local ALB's behaviour: the ALB and CAS actions over the in-memory state, asynchronous listener
// creation and deletion, and ClientToken idempotency. No HTTP here (server.ts) and no files (index.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { checkCreateListener, type TargetContext } from '../domain/listener-rules.js';
import { deleteListenerRefusal } from '../domain/listener-usage.js';
import type { ListenerMention } from '../domain/messages.js';
import {
  LISTENER_PROTOCOLS,
  LOAD_BALANCER_STATUSES,
  type AsyncJob,
  type LoadBalancer,
  type XForwardedForConfig,
} from '../domain/resources.js';
import { DEFAULT_SECURITY_POLICY_ID, SYSTEM_TLS_POLICIES } from '../domain/tls-policies.js';
import type { WireParams } from '../domain/wire.js';
import { Args, matchesTags, paginate } from './args.js';
import {
  ApiError,
  actionNotFound,
  dryRunPassed,
  invalidParameter,
  missingParameter,
  notFound,
} from './errors.js';
import {
  certificateStatus,
  renderCasCertificate,
  renderCustomPolicy,
  renderJob,
  renderListener,
  renderLoadBalancer,
  renderServer,
  renderServerGroup,
  RawJsonArray,
} from './render.js';
import type { AsyncFailure } from './faults.js';
import { apiTime, defaultXForwardedFor } from './seed.js';
import { DEFAULT_RESOURCE_GROUP_ID, type EmulatorState, type StoredListener } from './state.js';
import { listenerActions, settleListenerChange, type ListenerChangeHost } from './listener-actions.js';
import { listenerCertificateActions, settleCertificateChange } from './listener-certificates.js';
import { tagActions } from './tags.js';
import { dropListenerRules, isRuleTransition, ruleActions, RULE_ACTIONS, settleRuleChange } from './rules.js';
import {
  serverGroupActions,
  settleServerChange,
  type HealthSource,
  type ServerGroupHost,
} from './server-groups.js';
import { regionActions, type ServedRegion } from './regions.js';

export const ALB_VERSION = '2020-06-16';
export const CAS_VERSION = '2020-04-07';

type Json = Record<string, unknown>;
type Handler = (args: Args) => Json;

export interface CoreOptions {
  now: () => number;
  provisioningDelayMs: number;
  /** Called after every change of the state (the caller persists it). */
  onChange: () => void;
  /** Keep listeners' and instances' rendered list JSON until they change (see `EmulatorOptions`). */
  keepRenderedItems?: boolean;
  /** Decides, when a job starts, whether it will end `Failed` (fault injection). */
  asyncFailure?: (action: string) => AsyncFailure | undefined;
  /** Servers' health for GetListenerHealthStatus (the data plane's checker); none: no checks run. */
  health?: HealthSource;
  /** The regions the local ALB serves (DescribeRegions); unless given, this core's own region alone. */
  regions?: () => readonly ServedRegion[];
}

const MAX_JOBS = 1000;
const CLIENT_TOKEN_TTL_MS = 24 * 3_600_000;
/** Actions that change state: faults can strike after their work is done. */
export const MUTATING_ACTIONS: ReadonlySet<string> = new Set([
  'CreateListener',
  'DeleteListener',
  'UpdateListenerAttribute',
  'StartListener',
  'StopListener',
  'AssociateAdditionalCertificatesWithListener',
  'DissociateAdditionalCertificatesFromListener',
  'TagResources',
  'UnTagResources',
  ...RULE_ACTIONS.filter((a) => a !== 'ListRules'),
  'AddServersToServerGroup',
  'RemoveServersFromServerGroup',
  'UpdateServerGroupServersAttribute',
]);

export class AlbCore {
  private readonly alb: Record<string, Handler>;
  private readonly cas: Record<string, Handler>;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** `<Action>:<ClientToken>` of the changes being processed right now. */
  private readonly inFlight = new Set<string>();
  /** Positions of each instance's listeners; dropped whenever the list of listeners changes. */
  private listenerIndex:
    { listeners: readonly StoredListener[]; length: number; positions: Map<string, number[]> } | undefined;
  /**
   * Each listener as ListListeners renders it, until it changes (`changed`), and each instance as
   * ListLoadBalancers does, when `keepRenderedItems`. Rendering and serialising every item of every
   * page was most of the local ALB's time in a large listing.
   */
  private readonly renderedListeners = new WeakMap<StoredListener, Buffer>();
  private readonly renderedLoadBalancers = new WeakMap<LoadBalancer, Buffer>();
  private healthSource: HealthSource | undefined;
  /** Told the ID of every listener created, changed or removed (the data plane); never waited on. */
  private readonly listenerObservers = new Set<(listenerId: string) => void>();

  constructor(
    readonly state: EmulatorState,
    private readonly options: CoreOptions,
  ) {
    this.healthSource = options.health;
    this.alb = {
      ListLoadBalancers: (a) => this.listLoadBalancers(a),
      GetLoadBalancerAttribute: (a) => this.getLoadBalancerAttribute(a),
      ListListeners: (a) => this.listListeners(a),
      GetListenerAttribute: (a) => this.getListenerAttribute(a),
      CreateListener: (a) => this.createListener(a),
      DeleteListener: (a) => this.deleteListener(a),
      ListServerGroups: (a) => this.listServerGroups(a),
      ListServerGroupServers: (a) => this.listServerGroupServers(a),
      ListSecurityPolicies: (a) => this.listSecurityPolicies(a),
      ListSystemSecurityPolicies: () => this.listSystemSecurityPolicies(),
      ListAsynJobs: (a) => this.listAsynJobs(a),
      ...regionActions(
        () =>
          this.options.regions?.() ?? [
            { regionId: this.region, endpoint: `alb.${this.region}.aliyuncs.com` },
          ],
      ),
      ...listenerActions(this.changeHost()),
      ...listenerCertificateActions(this.changeHost()),
      ...ruleActions(this.changeHost()),
      ...serverGroupActions(this.serverGroupHost()),
      ...tagActions({
        state: this.state,
        tagsChanged: (kind, resource) => {
          // Server groups and policies are rendered per reply; listeners and instances may be kept.
          if (kind === 'listener') this.changed(resource as StoredListener);
          if (kind === 'loadbalancer') this.renderedLoadBalancers.delete(resource as LoadBalancer);
          this.options.onChange();
        },
      }),
    };
    this.cas = {
      ListUserCertificateOrder: (a) => this.listUserCertificateOrder(a),
    };
    this.scheduleSettle();
  }

  get region(): string {
    return this.state.region;
  }

  /** Every action this local ALB answers, per product (for the conformance suite and coverage table). */
  actions(): { alb: string[]; cas: string[] } {
    return { alb: Object.keys(this.alb).sort(), cas: Object.keys(this.cas).sort() };
  }

  /** The product an action belongs to, by API version; undefined when there is no such action. */
  productOf(action: string, version: string): 'alb' | 'cas' | undefined {
    if (version === ALB_VERSION && Object.hasOwn(this.alb, action)) return 'alb';
    if (version === CAS_VERSION && Object.hasOwn(this.cas, action)) return 'cas';
    return undefined;
  }

  dispatch(action: string, version: string, params: WireParams): Json {
    this.settle();
    const product = this.productOf(action, version);
    const handler = product === 'alb' ? this.alb[action] : product === 'cas' ? this.cas[action] : undefined;
    if (!handler) throw actionNotFound();
    return handler(new Args(params));
  }

  /** Completes every asynchronous change that is due. */
  settle(): void {
    const now = this.options.now();
    const due = this.state.pending.filter((p) => p.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    if (due.length === 0) return;
    this.state.pending = this.state.pending.filter((p) => p.dueAt > now);
    for (const transition of due) {
      const index = this.state.listeners.findIndex((l) => l.listenerId === transition.listenerId);
      const listener = this.state.listeners[index];
      const failed = transition.failure !== undefined;
      if (isRuleTransition(transition)) {
        settleRuleChange(this.state, transition);
      } else if (transition.kind === 'servers') {
        settleServerChange(this.state, transition);
      } else if (transition.kind === 'associate' || transition.kind === 'dissociate') {
        if (listener) settleCertificateChange(transition, listener);
        if (listener) this.changed(listener);
      } else if (transition.kind === 'update' || transition.kind === 'start' || transition.kind === 'stop') {
        if (listener) settleListenerChange(transition, listener);
        if (listener) this.changed(listener);
      } else if (transition.kind === 'create' && !failed) {
        if (listener && listener.listenerStatus === 'Provisioning') {
          listener.listenerStatus = 'Running';
          this.changed(listener);
        }
      } else if (transition.kind === 'delete' && failed) {
        // A deletion that fails leaves the listener as it was.
        if (listener && listener.listenerStatus === 'Configuring') {
          listener.listenerStatus = 'Running';
          this.changed(listener);
        }
      } else if (index >= 0) {
        // Deleted, or a creation that failed: ALB rolls the listener back (no status says "failed").
        this.removeListener(index);
      }
      const job = this.state.jobs.find((j) => j.id === transition.jobId);
      if (job) {
        job.status = failed ? 'Failed' : 'Succeeded';
        if (transition.failure) {
          job.errorCode = transition.failure.code;
          job.errorMessage = transition.failure.message;
        }
        job.modifyTime = transition.dueAt;
      }
    }
    this.options.onChange();
    this.scheduleSettle();
  }

  /** A QUIC listener in use is never deleted (DeleteListener refuses it), so no HTTPS listener loses its upgrade here. */
  private removeListener(index: number): void {
    dropListenerRules(this.state, this.state.listeners[index]!.listenerId);
    const [removed] = this.state.listeners.splice(index, 1);
    this.listenerIndex = undefined;
    if (removed) this.notifyListener(removed.listenerId);
  }

  /** Calls `observer` with the ID of each listener created, changed or removed; returns the unsubscribe. */
  observeListeners(observer: (listenerId: string) => void): () => void {
    this.listenerObservers.add(observer);
    return () => this.listenerObservers.delete(observer);
  }

  private notifyListener(listenerId: string): void {
    for (const observer of this.listenerObservers) observer(listenerId);
  }

  /**
   * Marks a change carrying a ClientToken as under way until `release` is called (when its answer
   * is sent): the same call again before the first has done its work is answered
   * `IdempotenceProcessing`, as ALB does; once the work is done it is replayed.
   */
  claimClientToken(action: string, params: WireParams): () => void {
    const token = params['ClientToken'];
    if (!MUTATING_ACTIONS.has(action) || !token || params['DryRun'] === 'true') return () => undefined;
    const key = `${action}:${token}`;
    if (this.inFlight.has(key) && !Object.hasOwn(this.state.clientTokens, key)) {
      throw new ApiError(
        'IdempotenceProcessing',
        400,
        'The request with the same ClientToken is being processed. Please try again later.',
      );
    }
    if (this.inFlight.has(key)) return () => undefined;
    this.inFlight.add(key);
    return () => this.inFlight.delete(key);
  }

  /** The data plane's health checker, once it runs (it starts after the first frame). */
  useHealthSource(source: HealthSource | undefined): void {
    this.healthSource = source;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleSettle(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.state.pending.length === 0) return;
    const next = Math.min(...this.state.pending.map((p) => p.dueAt));
    this.timer = setTimeout(() => this.settle(), Math.max(0, next - this.options.now()) + 5);
    this.timer.unref();
  }

  // ---- ALB: reads ----------------------------------------------------------------------------

  private listLoadBalancers(args: Args): Json {
    const ids = args.list('LoadBalancerIds', 20);
    const names = args.list('LoadBalancerNames', 10);
    const vpcIds = args.list('VpcIds', 10);
    const status = args.oneOf('LoadBalancerStatus', LOAD_BALANCER_STATUSES);
    const business = args.oneOf('LoadBalancerBussinessStatus', ['Normal', 'Abnormal'] as const);
    const addressType = args.oneOf('AddressType', ['Internet', 'Intranet'] as const);
    const ipVersion = args.oneOf('AddressIpVersion', ['IPv4', 'DualStack'] as const);
    const ipv6Type = args.oneOf('Ipv6AddressType', ['Internet', 'Intranet'] as const);
    const zoneId = args.string('ZoneId');
    const dnsName = args.string('DNSName');
    const payType = args.string('PayType');
    const resourceGroupId = args.string('ResourceGroupId');
    const tags = args.tags();
    const matching = this.state.loadBalancers.filter(
      (lb) =>
        (ids.length === 0 || ids.includes(lb.loadBalancerId)) &&
        (names.length === 0 || names.includes(lb.loadBalancerName)) &&
        (vpcIds.length === 0 || vpcIds.includes(lb.vpcId)) &&
        (!status || lb.loadBalancerStatus === status) &&
        (!business || lb.loadBalancerBussinessStatus === business) &&
        (!addressType || lb.addressType === addressType) &&
        (!ipVersion || lb.addressIpVersion === ipVersion) &&
        (!ipv6Type ||
          (lb.addressIpVersion === 'DualStack' && (lb.ipv6AddressType ?? 'Intranet') === ipv6Type)) &&
        (!zoneId || lb.zoneMappings.some((z) => z.zoneId === zoneId)) &&
        (!dnsName || lb.dnsName === dnsName) &&
        (!payType || lb.payType === payType) &&
        (!resourceGroupId || lb.resourceGroupId === resourceGroupId) &&
        matchesTags(lb.tags, tags),
    );
    const page = paginate(matching, args, 'ListLoadBalancers');
    return {
      LoadBalancers: new RawJsonArray(page.items.map((lb) => this.renderedLoadBalancer(lb))),
      ...page.paging,
    };
  }

  private getLoadBalancerAttribute(args: Args): Json {
    const id = args.required('LoadBalancerId');
    const lb = this.state.loadBalancers.find((l) => l.loadBalancerId === id);
    if (!lb) throw notFound('LoadBalancer', id);
    return renderLoadBalancer(lb, true, this.region);
  }

  private listListeners(args: Args): Json {
    const listenerIds = args.list('ListenerIds', 20);
    const loadBalancerIds = args.list('LoadBalancerIds', 20);
    const protocol = args.oneOf('ListenerProtocol', LISTENER_PROTOCOLS);
    const tags = args.tags();
    const wantedListeners = new Set(listenerIds);
    const candidates =
      loadBalancerIds.length > 0 ? this.listenersOf(new Set(loadBalancerIds)) : this.state.listeners;
    const unfiltered = wantedListeners.size === 0 && !protocol && tags.length === 0;
    const matching = unfiltered
      ? candidates
      : candidates.filter(
          (l) =>
            (wantedListeners.size === 0 || wantedListeners.has(l.listenerId)) &&
            (!protocol || l.listenerProtocol === protocol) &&
            matchesTags(l.tags, tags),
        );
    const page = paginate(matching, args, 'ListListeners');
    const rendered = page.items.map((l) => this.renderedListener(l));
    return { Listeners: new RawJsonArray(rendered), ...page.paging };
  }

  /** An instance as ListLoadBalancers renders it; instances change in place only by their tags. */
  private renderedLoadBalancer(lb: LoadBalancer): Buffer {
    return this.rendered(this.renderedLoadBalancers, lb, () => renderLoadBalancer(lb, false, this.region));
  }

  private renderedListener(listener: StoredListener): Buffer {
    return this.rendered(this.renderedListeners, listener, () => renderListener(listener, false));
  }

  /** `item` as JSON, from `kept` or rendered now (and kept, when `keepRenderedItems`). */
  private rendered<T extends object>(kept: WeakMap<T, Buffer>, item: T, render: () => unknown): Buffer {
    let json = kept.get(item);
    if (json === undefined) {
      json = Buffer.from(JSON.stringify(render()));
      if (this.options.keepRenderedItems) kept.set(item, json);
    }
    return json;
  }

  /** Forgets what was rendered of a listener changed in place. */
  private changed(listener: StoredListener): void {
    this.renderedListeners.delete(listener);
    this.notifyListener(listener.listenerId);
  }

  /**
   * The listeners of some instances, in the order of the whole list (so pages stay stable). A scan of
   * every listener per call was most of the local ALB's time in a 10,000-listener listing.
   */
  private listenersOf(loadBalancerIds: ReadonlySet<string>): StoredListener[] {
    const listeners = this.state.listeners;
    let index = this.listenerIndex;
    if (!index || index.listeners !== listeners || index.length !== listeners.length) {
      const positions = new Map<string, number[]>();
      listeners.forEach((listener, position) => {
        const list = positions.get(listener.loadBalancerId);
        if (list) list.push(position);
        else positions.set(listener.loadBalancerId, [position]);
      });
      index = { listeners, length: listeners.length, positions };
      this.listenerIndex = index;
    }
    const found: number[] = [];
    for (const id of loadBalancerIds) found.push(...(index.positions.get(id) ?? []));
    return found.sort((a, b) => a - b).map((position) => listeners[position]!);
  }

  private getListenerAttribute(args: Args): Json {
    return renderListener(this.findListener(args.required('ListenerId')), true);
  }

  private findListener(id: string): StoredListener {
    const listener = this.state.listeners.find((l) => l.listenerId === id);
    if (!listener) throw notFound('Listener', id);
    return listener;
  }

  private listServerGroups(args: Args): Json {
    const ids = args.list('ServerGroupIds', 20);
    const names = args.list('ServerGroupNames', 10);
    const type = args.oneOf('ServerGroupType', ['Instance', 'Ip', 'Fc'] as const);
    const vpcId = args.string('VpcId');
    const resourceGroupId = args.string('ResourceGroupId');
    const tags = args.tags();
    const matching = this.state.serverGroups.filter(
      (g) =>
        (ids.length === 0 || ids.includes(g.serverGroupId)) &&
        (names.length === 0 || names.includes(g.serverGroupName)) &&
        (!type || g.serverGroupType === type) &&
        (!vpcId || g.vpcId === vpcId) &&
        (!resourceGroupId || (g.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID) === resourceGroupId) &&
        matchesTags(g.tags ?? [], tags),
    );
    const page = paginate(matching, args, 'ListServerGroups');
    const related = this.relatedLoadBalancers();
    return {
      ServerGroups: page.items.map((g) => renderServerGroup(g, [...(related.get(g.serverGroupId) ?? [])])),
      ...page.paging,
    };
  }

  private relatedLoadBalancers(): Map<string, Set<string>> {
    const related = new Map<string, Set<string>>();
    for (const listener of this.state.listeners) {
      for (const action of listener.defaultActions) {
        for (const tuple of action.forwardGroupConfig.serverGroupTuples) {
          const set = related.get(tuple.serverGroupId) ?? new Set<string>();
          set.add(listener.loadBalancerId);
          related.set(tuple.serverGroupId, set);
        }
      }
    }
    return related;
  }

  private listServerGroupServers(args: Args): Json {
    const groupId = args.string('ServerGroupId');
    const serverIds = args.list('ServerIds', 40);
    const tags = args.tags();
    // `Tag` selects by the tags of the servers' group. An unknown group is a filter that matches nothing:
    // the action lists no ResourceNotFound code (only Forbidden.ServerGroup).
    const groups = new Set(
      this.state.serverGroups
        .filter((g) => (!groupId || g.serverGroupId === groupId) && matchesTags(g.tags ?? [], tags))
        .map((g) => g.serverGroupId),
    );
    const matching = this.state.servers.filter(
      (s) => groups.has(s.serverGroupId) && (serverIds.length === 0 || serverIds.includes(s.serverId)),
    );
    const page = paginate(matching, args, 'ListServerGroupServers');
    return { Servers: page.items.map(renderServer), ...page.paging };
  }

  private listSecurityPolicies(args: Args): Json {
    const ids = args.list('SecurityPolicyIds', 20);
    const names = args.list('SecurityPolicyNames', 10);
    const resourceGroupId = args.string('ResourceGroupId');
    const tags = args.tags();
    const matching = this.state.customPolicies.filter(
      (p) =>
        (ids.length === 0 || ids.includes(p.securityPolicyId)) &&
        (names.length === 0 || names.includes(p.securityPolicyName)) &&
        (!resourceGroupId || (p.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID) === resourceGroupId) &&
        matchesTags(p.tags ?? [], tags),
    );
    const page = paginate(matching, args, 'ListSecurityPolicies');
    return { SecurityPolicies: page.items.map(renderCustomPolicy), ...page.paging };
  }

  private listSystemSecurityPolicies(): Json {
    return {
      SecurityPolicies: SYSTEM_TLS_POLICIES.map((p) => ({
        SecurityPolicyId: p.securityPolicyId,
        TLSVersions: [...p.tlsVersions],
        Ciphers: [...p.ciphers],
      })),
    };
  }

  private listAsynJobs(args: Args): Json {
    const jobIds = args.list('JobIds', 20);
    const resourceIds = args.list('ResourceIds', 20);
    const resourceType = args.oneOf('ResourceType', [
      'loadbalancer',
      'listener',
      'rule',
      'acl',
      'securitypolicy',
      'servergroup',
    ] as const);
    const apiName = args.string('ApiName');
    const begin = args.integer('BeginTime', 0, Number.MAX_SAFE_INTEGER);
    const end = args.integer('EndTime', 0, Number.MAX_SAFE_INTEGER);
    const matching = this.state.jobs.filter(
      (j) =>
        (jobIds.length === 0 || jobIds.includes(j.id)) &&
        (resourceIds.length === 0 || resourceIds.includes(j.resourceId)) &&
        (!resourceType || j.resourceType === resourceType) &&
        (!apiName || j.apiName === apiName) &&
        (begin === undefined || j.createTime >= begin) &&
        (end === undefined || j.createTime <= end),
    );
    const page = paginate(matching, args, 'ListAsynJobs');
    return { Jobs: page.items.map(renderJob), ...page.paging };
  }

  /** The shared machinery the listener-change families (listener-actions.ts, listener-certificates.ts) use. */
  private changeHost(): ListenerChangeHost {
    return {
      state: this.state,
      now: () => this.options.now(),
      delayMs: this.options.provisioningDelayMs,
      findListener: (id) => this.findListener(id),
      targetContext: (loadBalancerId, params) => this.targetContext(loadBalancerId, params),
      replay: (action, args) => {
        const token = clientToken(args);
        return token ? this.replay(action, token, args.params) : undefined;
      },
      remember: (action, args, response) => {
        const token = clientToken(args);
        if (token) this.remember(action, token, args.params, response, this.options.now());
      },
      startJob: (apiName, operateType, resourceId) =>
        this.startJob(apiName, operateType, resourceId, this.options.now()),
      asyncOutcome: (action) => this.asyncOutcome(action),
      changed: (listener) => this.changed(listener),
      committed: () => {
        this.options.onChange();
        this.scheduleSettle();
      },
    };
  }

  /** The shared machinery of the server-group actions (server-groups.ts). */
  private serverGroupHost(): ServerGroupHost {
    const listenerHost = this.changeHost();
    return {
      state: this.state,
      now: () => this.options.now(),
      delayMs: this.options.provisioningDelayMs,
      findListener: (id) => this.findListener(id),
      replay: listenerHost.replay,
      remember: listenerHost.remember,
      startJob: (apiName, operateType, resourceId, resourceType) =>
        this.startJob(apiName, operateType, resourceId, this.options.now(), resourceType),
      asyncOutcome: (action) => this.asyncOutcome(action),
      health: () => this.healthSource,
      committed: listenerHost.committed,
    };
  }

  // ---- ALB: writes ---------------------------------------------------------------------------

  private createListener(args: Args): Json {
    const dryRun = args.boolean('DryRun') === true;
    const token = clientToken(args);
    const replay = !dryRun && token ? this.replay('CreateListener', token, args.params) : undefined;
    if (replay) return replay;

    const target = this.state.loadBalancers.find((l) => l.loadBalancerId === args.string('LoadBalancerId'));
    if (target?.loadBalancerBussinessStatus === 'Abnormal') {
      throw new ApiError(
        'IncorrectBusinessStatus.LoadBalancer',
        400,
        `The business status of ${target.loadBalancerId} [Abnormal]  is incorrect.`,
      );
    }
    const check = checkCreateListener(args.params, (id) => this.targetContext(id, args.params));
    if (!check.ok) {
      const { code, httpStatus, parameter, message } = check.violation;
      // Like the cloud, parameter errors name the parameter, so a client can tell which field it concerns.
      if (code === 'MissingParameter') throw missingParameter(parameter);
      if (code === 'InvalidParameter') throw invalidParameter(parameter, message.en);
      throw new ApiError(code, httpStatus, message.en);
    }
    if (dryRun) throw dryRunPassed();

    const request = check.request;
    const now = this.options.now();
    const listenerId = this.newListenerId();
    const https = request.listenerProtocol === 'HTTPS';
    const quicUpgrade = https && request.quicConfig?.quicUpgradeEnabled === true;
    const listener: StoredListener = {
      listenerId,
      loadBalancerId: request.loadBalancerId,
      listenerProtocol: request.listenerProtocol,
      listenerPort: request.listenerPort,
      listenerDescription:
        request.listenerDescription ?? `${request.listenerProtocol}_${request.listenerPort}`,
      listenerStatus: 'Provisioning',
      defaultActions: request.defaultActions.map((a) => ({
        type: a.type,
        forwardGroupConfig: {
          serverGroupTuples: a.forwardGroupConfig.serverGroupTuples.map((t) => ({
            serverGroupId: t.serverGroupId,
          })),
        },
      })),
      gzipEnabled: request.gzipEnabled ?? true,
      http2Enabled: https ? (request.http2Enabled ?? true) : false,
      idleTimeout: request.idleTimeout ?? 15,
      requestTimeout: request.requestTimeout ?? 60,
      ...(https ? { securityPolicyId: request.securityPolicyId ?? DEFAULT_SECURITY_POLICY_ID } : {}),
      quicConfig: https
        ? {
            quicUpgradeEnabled: quicUpgrade,
            ...(quicUpgrade && request.quicConfig?.quicListenerId
              ? { quicListenerId: request.quicConfig.quicListenerId }
              : {}),
          }
        : {},
      XForwardedForConfig: {
        ...defaultXForwardedFor(),
        ...definedOnly(request.XForwardedForConfig ?? {}),
      },
      ...(request.listenerProtocol !== 'HTTP'
        ? { certificates: (request.certificates ?? []).map((c) => ({ certificateId: c.certificateId })) }
        : {}),
      ...(https
        ? {
            caEnabled: request.caEnabled === true,
            caCertificates:
              request.caEnabled === true
                ? (request.caCertificates ?? []).map((c) => ({
                    certificateId: c.certificateId,
                    isDefault: true,
                    status: 'Associated',
                  }))
                : [],
          }
        : {}),
      tags: (request.tag ?? []).map((t) => ({ key: t.key, value: t.value ?? '' })),
      createTime: apiTime(now),
    };
    this.state.listeners.push(listener);
    this.listenerIndex = undefined;
    this.notifyListener(listenerId);
    const jobId = this.startJob('CreateListener', 'Create', listenerId, now);
    this.state.pending.push({
      kind: 'create',
      listenerId,
      jobId,
      dueAt: now + this.options.provisioningDelayMs,
      ...this.asyncOutcome('CreateListener'),
    });
    const response = { ListenerId: listenerId, JobId: jobId };
    if (token) this.remember('CreateListener', token, args.params, response, now);
    this.options.onChange();
    this.scheduleSettle();
    return response;
  }

  private deleteListener(args: Args): Json {
    const dryRun = args.boolean('DryRun') === true;
    const token = clientToken(args);
    const replay = !dryRun && token ? this.replay('DeleteListener', token, args.params) : undefined;
    if (replay) return replay;

    const listener = this.findListener(args.required('ListenerId'));
    if (listener.listenerStatus === 'Configuring') {
      throw new ApiError(
        'ResourceInConfiguring.Listener',
        400,
        `The specified resource of listener ${listener.listenerId} is being configured, please try again later.`,
      );
    }
    if (listener.listenerStatus === 'Provisioning') {
      throw new ApiError(
        'IncorrectStatus.Listener',
        400,
        `The status of listener ${listener.listenerId} [${listener.listenerStatus}] is incorrect.`,
      );
    }
    const lb = this.state.loadBalancers.find((l) => l.loadBalancerId === listener.loadBalancerId);
    if (lb && lb.loadBalancerStatus !== 'Active' && lb.loadBalancerStatus !== 'Inactive') {
      throw new ApiError(
        'IncorrectStatus.LoadBalancer',
        400,
        `The status of loadbalancer ${lb.loadBalancerId} [${lb.loadBalancerStatus}] is incorrect.`,
      );
    }
    const inUse = deleteListenerRefusal(
      listenerMention(listener),
      this.listenersOf(new Set([listener.loadBalancerId])),
      listenerMention,
      true,
    );
    if (inUse) throw new ApiError(inUse.code, inUse.httpStatus, inUse.message.en);
    if (dryRun) throw dryRunPassed();

    const now = this.options.now();
    listener.listenerStatus = 'Configuring';
    this.changed(listener);
    const jobId = this.startJob('DeleteListener', 'Delete', listener.listenerId, now);
    this.state.pending.push({
      kind: 'delete',
      listenerId: listener.listenerId,
      jobId,
      dueAt: now + this.options.provisioningDelayMs,
      ...this.asyncOutcome('DeleteListener'),
    });
    const response = { JobId: jobId };
    if (token) this.remember('DeleteListener', token, args.params, response, now);
    this.options.onChange();
    this.scheduleSettle();
    return response;
  }

  /** What the listener rules need to know about an instance, taken from the current state. */
  private targetContext(loadBalancerId: string, params: WireParams): TargetContext | undefined {
    const lb = this.state.loadBalancers.find((l) => l.loadBalancerId === loadBalancerId);
    if (!lb) return undefined;
    const namedQuic = params['QuicConfig.QuicListenerId'];
    return {
      instance: {
        loadBalancerId: lb.loadBalancerId,
        status: lb.loadBalancerStatus,
        edition: lb.loadBalancerEdition,
        vpcId: lb.vpcId,
      },
      listeners: this.state.listeners
        .filter((l) => l.loadBalancerId === loadBalancerId || l.listenerId === namedQuic)
        .map((l) => ({
          listenerId: l.listenerId,
          loadBalancerId: l.loadBalancerId,
          protocol: l.listenerProtocol,
          port: l.listenerPort,
          name: l.listenerDescription,
          ...(l.quicConfig.quicUpgradeEnabled && l.quicConfig.quicListenerId
            ? { associatedQuicListenerId: l.quicConfig.quicListenerId }
            : {}),
        })),
      certificates: this.state.certificates,
      securityPolicies: [...SYSTEM_TLS_POLICIES, ...this.state.customPolicies],
      serverGroups: this.state.serverGroups,
      now: this.options.now(),
    };
  }

  private replay(action: string, token: string, params: WireParams): Json | undefined {
    const record = this.state.clientTokens[`${action}:${token}`];
    if (!record) return undefined;
    if (record.fingerprint !== fingerprint(params)) {
      throw new ApiError(
        'IdempotentParameterMismatch',
        400,
        'The request uses the same ClientToken as a previous request but with different parameters. Use a new ClientToken for a different request.',
      );
    }
    return { ...record.response };
  }

  private remember(
    action: string,
    token: string,
    params: WireParams,
    response: Record<string, string>,
    now: number,
  ): void {
    for (const [key, record] of Object.entries(this.state.clientTokens)) {
      if (now - record.at > CLIENT_TOKEN_TTL_MS) delete this.state.clientTokens[key];
    }
    this.state.clientTokens[`${action}:${token}`] = { fingerprint: fingerprint(params), response, at: now };
  }

  private asyncOutcome(action: string): { failure?: AsyncFailure } {
    const failure = this.options.asyncFailure?.(action);
    return failure ? { failure } : {};
  }

  private startJob(
    apiName: string,
    operateType: AsyncJob['operateType'],
    resourceId: string,
    now: number,
    resourceType: AsyncJob['resourceType'] = 'listener',
  ): string {
    const id = randomUUID();
    this.state.jobs.push({
      id,
      apiName,
      operateType,
      resourceId,
      resourceType,
      status: 'Processing',
      createTime: now,
      modifyTime: now,
    });
    if (this.state.jobs.length > MAX_JOBS) {
      const pendingJobs = new Set(this.state.pending.map((p) => p.jobId));
      let excess = this.state.jobs.length - MAX_JOBS;
      this.state.jobs = this.state.jobs.filter((job) => {
        if (excess > 0 && job.id !== id && !pendingJobs.has(job.id)) {
          excess--;
          return false;
        }
        return true;
      });
    }
    return id;
  }

  private newListenerId(): string {
    for (;;) {
      const id = `lsn-${randomAlnum(20)}`;
      if (!this.state.listeners.some((l) => l.listenerId === id)) return id;
    }
  }

  // ---- CAS -------------------------------------------------------------------------------------

  private listUserCertificateOrder(args: Args): Json {
    const orderType = args.oneOf('OrderType', ['CPACK', 'BUY', 'UPLOAD', 'CERT'] as const) ?? 'CPACK';
    const status = args.oneOf('Status', [
      'PAYED',
      'CHECKING',
      'CHECKED_FAIL',
      'ISSUED',
      'WILLEXPIRED',
      'EXPIRED',
      'NOTACTIVATED',
      'REVOKED',
    ] as const);
    const keyword = args.string('Keyword')?.trim().toLowerCase();
    const resourceGroupId = args.string('ResourceGroupId');
    const currentPage = args.integer('CurrentPage', 1, 1_000_000) ?? 1;
    const showSize = args.integer('ShowSize', 1, 100) ?? 50;
    const now = this.options.now();
    // This account holds certificates only, no orders: CPACK/BUY list nothing.
    const certificates = orderType === 'CERT' || orderType === 'UPLOAD' ? this.state.certificates : [];
    const matching = certificates.filter((cert) => {
      const state = certificateStatus(cert, now);
      const statusOk = status ? state === status : state !== 'EXPIRED';
      const keywordOk =
        !keyword ||
        cert.name.toLowerCase().includes(keyword) ||
        cert.commonName.toLowerCase().includes(keyword) ||
        cert.sans.some((s) => s.toLowerCase().includes(keyword));
      const groupOk =
        !resourceGroupId || (cert.resourceGroupId ?? DEFAULT_RESOURCE_GROUP_ID) === resourceGroupId;
      return statusOk && keywordOk && groupOk;
    });
    const start = (currentPage - 1) * showSize;
    return {
      CertificateOrderList: matching
        .slice(start, start + showSize)
        .map((cert) => renderCasCertificate(cert, now)),
      TotalCount: matching.length,
      CurrentPage: currentPage,
      ShowSize: showSize,
    };
  }
}

function clientToken(args: Args): string | undefined {
  const token = args.string('ClientToken');
  if (token === undefined || token === '') return undefined;
  if (token.length > 64 || !/^[\x21-\x7e]+$/.test(token))
    throw invalidParameter('ClientToken', 'printable ASCII, at most 64 characters');
  return token;
}

/** Identifies "the same request" for ClientToken purposes: every parameter but the token and DryRun. */
function fingerprint(params: WireParams): string {
  const entries = Object.entries(params)
    .filter(([key]) => key !== 'ClientToken' && key !== 'DryRun')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function listenerMention(listener: StoredListener): ListenerMention & { listenerId: string } {
  return {
    listenerId: listener.listenerId,
    protocol: listener.listenerProtocol,
    port: listener.listenerPort,
    name: listener.listenerDescription,
  };
}

function definedOnly(config: XForwardedForConfig): XForwardedForConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as XForwardedForConfig;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // 252 = 7 × 36: rejecting bytes above it keeps the alphabet uniform.
  for (const byte of bytes) {
    if (byte < 252) out += ALNUM[byte % 36];
    if (out.length === length) return out;
  }
  return out + randomAlnum(length - out.length);
}
