// Read-only enforced where calls are made: a read-only connection's client refuses every change
// before any request leaves, whatever view, command or key asked for it. Reads pass through.
import type { Localized } from '../domain/listener-rules.js';
import { AlbError } from './errors.js';

export type MethodKind = 'read' | 'change';

/** Reads by their verb; `stats` is the SDK client's own request counter. */
const READ_METHOD = /^(list|get|describe|wait)[A-Z]/;
const READ_NAMES = new Set(['stats']);
/** Changes by their verb: listeners, certificates, rules, servers, tags, whatever the API adds. */
const CHANGE_METHOD =
  /^(create|update|delete|start|stop|associate|dissociate|add|remove|replace|apply|rotate|tag|untag|set|move|attach|detach|enable|disable|modify|cancel)[A-Z]/;

/**
 * Whether a client method reads or changes the account; undefined when its name says neither (the
 * wrapper refuses those too, and a test requires every method of the SDK client to be classified).
 */
export function methodKind(name: string): MethodKind | undefined {
  if (READ_METHOD.test(name) || READ_NAMES.has(name)) return 'read';
  if (CHANGE_METHOD.test(name)) return 'change';
  return undefined;
}

/** The changes whose options take `dryRun` (the port's CreateOptions / UpdateOptions): a dry run is a read. */
const DRY_RUN_METHODS: ReadonlySet<string> = new Set([
  'createListener',
  'updateListener',
  'associateCertificates',
  'dissociateCertificates',
  'createRules',
  'updateRules',
  'deleteRules',
  'addServers',
  'removeServers',
  'updateServers',
]);

function isDryRun(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { dryRun?: unknown }).dryRun === true;
}

export function readOnlyRefusal(connection: string, method: string): AlbError {
  const message: Localized = {
    en: `the connection "${connection}" is read-only: ${method} was refused and nothing was sent (make a change on a connection that is not read-only, or turn read-only off: r on it in :connections)`,
    'zh-CN': `连接“${connection}”为只读：已拒绝 ${method}，未发送任何请求（请在非只读连接上进行变更，或在 :connections 中对其按 r 关闭只读）`,
  };
  return new AlbError({ kind: 'read-only', message, noEffect: true });
}

/**
 * `client` as a read-only connection's: every method that is not a read (or the dry run of a change)
 * rejects with an AlbError of kind `read-only` naming the connection, without calling through; reads and plain values (endpoint,
 * region) pass through. Inner objects (the SDK objects, a fake's change helpers) are not handed out,
 * so nothing reaches the network around the refusal.
 */
export function readOnlyClient<T extends object>(client: T, connection: string): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof property === 'symbol') return value;
      // A change is refused even where the client underneath lacks it (a port that grew by it); its
      // dry run (the service's own check, which changes nothing) is let through where the port has one.
      if (methodKind(property) === 'change') {
        const refuse = () => Promise.reject(readOnlyRefusal(connection, property));
        if (typeof value !== 'function' || !DRY_RUN_METHODS.has(property)) return refuse;
        const change = (value as (...args: unknown[]) => Promise<unknown>).bind(target);
        return (...args: unknown[]) => (isDryRun(args.at(-1)) ? change(...args) : refuse());
      }
      if (typeof value === 'function') {
        if (methodKind(property) === 'read') return (value as (...args: unknown[]) => unknown).bind(target);
        return () => Promise.reject(readOnlyRefusal(connection, property));
      }
      if (value === null || typeof value !== 'object') return value;
      return undefined;
    },
    set() {
      return false;
    },
  });
}

/** Whether an error is a read-only connection's refusal of a change. */
export function isReadOnlyRefusal(error: unknown): error is AlbError {
  return error instanceof AlbError && error.kind === 'read-only';
}
