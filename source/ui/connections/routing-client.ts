// One client over several open connections, as the views get it in a mixed view: a call about a
// resource (an instance, a listener, a server group, rules of a listener) goes to the connection
// whose listing showed that resource; any other call (the certificates, policies and server groups a
// wizard offers) to the connection of the row under the cursor. A read-only connection refuses every
// change here, before it is sent, naming itself.
import type { AlbClient } from '../../alb/client.js';
import { AlbError } from '../../alb/errors.js';
import { both } from '../../domain/i18n.js';

/** Calls that change the account: create, update, delete, start, stop, (dis)associate, add, remove … */
const MUTATING =
  /^(create|update|delete|start|stop|associate|dissociate|add|remove|replace|apply|move|tag|untag|set)/;

export function isMutatingCall(name: string): boolean {
  return MUTATING.test(name) && !name.startsWith('settle');
}

export function readOnlyRefusal(connectionLabel: string, action: string): AlbError {
  return new AlbError({
    kind: 'forbidden',
    code: 'ReadOnlyConnection',
    action,
    noEffect: true,
    message: both(
      `connection ${connectionLabel} is read-only: ${action} was not sent`,
      `连接 ${connectionLabel} 为只读：未发送 ${action}`,
    ),
  });
}

/** The client with every change refused before it is sent (the connection is read-only). */
export function refusingChanges(client: AlbClient, connectionLabel: string): AlbClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function' || !isMutatingCall(prop)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      // Every change returns a promise: refused before anything is sent.
      return () =>
        Promise.reject(
          readOnlyRefusal(
            connectionLabel,
            prop.replace(/^./, (c) => c.toUpperCase()),
          ),
        );
    },
  });
}

/** The resource IDs a call is about: its first argument, or the IDs inside a request or filter. */
export function resourceIdsOf(args: readonly unknown[]): string[] {
  const first = args[0];
  if (typeof first === 'string') return [first];
  if (Array.isArray(first)) return first.filter((value): value is string => typeof value === 'string');
  if (first && typeof first === 'object') {
    const record = first as Record<string, unknown>;
    const ids: string[] = [];
    for (const field of ['listenerId', 'loadBalancerId', 'serverGroupId', 'ruleId']) {
      const value = record[field];
      if (typeof value === 'string') ids.push(value);
    }
    for (const field of ['listenerIds', 'loadBalancerIds', 'serverGroupIds', 'ruleIds']) {
      const value = record[field];
      if (Array.isArray(value)) ids.push(...value.filter((id): id is string => typeof id === 'string'));
    }
    return ids;
  }
  return [];
}

export interface RoutingTargets {
  /** The client of the connection that owns a resource ID, if a listing showed it. */
  owner(id: string): AlbClient | undefined;
  /** The client of the row under the cursor (or the first connection). */
  focused(): AlbClient;
}

/** One AlbClient that sends each call to the connection it concerns. */
export function routingClient(targets: RoutingTargets): AlbClient {
  const pick = (args: readonly unknown[]): AlbClient => {
    for (const id of resourceIdsOf(args)) {
      const owner = targets.owner(id);
      if (owner) return owner;
    }
    return targets.focused();
  };
  return new Proxy({} as AlbClient, {
    get(_target, prop) {
      const focused = targets.focused();
      const value: unknown = Reflect.get(focused, prop);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const client = pick(args);
        const method = Reflect.get(client, prop) as (...callArgs: unknown[]) => unknown;
        return method.apply(client, args);
      };
    },
    has(_target, prop) {
      return prop in targets.focused();
    },
  });
}
