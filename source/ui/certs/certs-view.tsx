// The certificate view (`:certs`): runs the reducer's effects — reading the certificates and every
// listener's certificates, planning and running a rotation through the rotation engine
// (alb/rotation.ts) — and paints the lines. Every call goes through the session's client, so each
// change of a rotation also lands in the operations log.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { readRotationListeners, runRotation } from '../../alb/rotation.js';
import type { Lang } from '../../domain/i18n.js';
import { planRotation } from '../../domain/rotation.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import type { KeyPress } from '../keys.js';
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';
import { renderCerts } from './certs-render.js';
import type { ChangeTarget } from '../connections/change-target.js';
import {
  certsReducer,
  initCerts,
  type CertsAction,
  type CertsEffect,
  type CertsState,
} from './certs-state.js';

export interface CertsViewProps {
  client: AlbClient;
  lang: Lang;
  readOnly: boolean;
  production: boolean;
  /** Where a rotation goes, named on its plan. */
  target?: readonly ChangeTarget[];
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  copy: (text: string) => void;
  /** Between polls while a rotation waits (tests make it short). */
  pollIntervalMs?: number;
  now?: () => number;
}

interface Held {
  state: CertsState;
  effects: CertsEffect[];
  used: boolean;
}

function reduce(held: Held, action: CertsAction): Held {
  const next = certsReducer(held.state, action);
  return { state: next.state, effects: [...held.effects, ...next.effects], used: next.used };
}

/** Every listener of the account, as rotation reads them (each HTTPS/QUIC listener's certificates). */
async function readListeners(client: AlbClient, signal: AbortSignal) {
  const listing = await client.listLoadBalancersAndListeners({ signal });
  const listeners = [...listing.listenersByLoadBalancer.values()].flat();
  return readRotationListeners(client, listeners, { signal });
}

export function CertsView(props: CertsViewProps) {
  const { client, lang, width, height, registerKeys } = props;
  const env = useRef(props);
  env.current = props;
  const [held, dispatch] = useReducer(reduce, undefined, () => ({
    state: initCerts({ readOnly: props.readOnly, production: props.production }),
    effects: [{ kind: 'load' }] as CertsEffect[],
    used: false,
  }));
  const heldRef = useRef(held);
  heldRef.current = held;
  const controller = useRef(new AbortController());
  useEffect(() => {
    const current = controller.current;
    return () => current.abort();
  }, []);

  const taken = useRef(0);
  useEffect(() => {
    const fresh = held.effects.slice(taken.current);
    taken.current = held.effects.length;
    const { signal } = controller.current;
    const now = env.current.now ?? Date.now;
    for (const effect of fresh) {
      switch (effect.kind) {
        case 'load':
          Promise.all([client.listCertificates({ signal }), readListeners(client, signal)]).then(
            ([certificates, listeners]) => dispatch({ type: 'loaded', certificates, listeners, now: now() }),
            (error: unknown) => {
              if (!signal.aborted) dispatch({ type: 'load-failed', error: errorInfo(error) });
            },
          );
          break;
        case 'plan':
          // Always from what the listeners have now: a rerun continues where the last run stopped.
          readListeners(client, signal).then(
            (listeners) =>
              dispatch({
                type: 'planned',
                plan: planRotation(listeners, effect.from, effect.to, effect.concerned),
              }),
            (error: unknown) => {
              if (!signal.aborted) dispatch({ type: 'plan-failed', error: errorInfo(error) });
            },
          );
          break;
        case 'run': {
          const interval = env.current.pollIntervalMs;
          runRotation(client, effect.plan, {
            signal,
            ...(interval === undefined ? {} : { intervalMs: interval }),
            onEvent: (event) => dispatch({ type: 'event', event }),
          }).then(
            () => dispatch({ type: 'run-ended' }),
            () => {
              if (!signal.aborted) dispatch({ type: 'run-ended' });
            },
          );
          break;
        }
        case 'copy':
          env.current.copy(effect.text);
          break;
      }
    }
  }, [held.effects, client]);

  const onKey = useCallback((press: KeyPress) => {
    // The reducer decides whether the key is the view's; computed here too so the root hears at once.
    const used = certsReducer(heldRef.current.state, { type: 'key', key: press }).used;
    if (used) dispatch({ type: 'key', key: press });
    return used;
  }, []);
  useViewKeys(registerKeys, onKey);

  const state = held.state;
  const lines = useMemo(
    () =>
      renderCerts(state, {
        lang,
        width,
        height,
        ...(state.error ? { reason: state.error.message[lang] } : {}),
        ...(props.target ? { target: props.target } : {}),
      }),
    [state, lang, width, height, props.target],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
