// The certificate view (`:certs`): runs the reducer's effects — reading the certificates and every
// listener's certificates, planning a rotation, the server's precheck of the plan, and running it
// through the rotation engine (alb/rotation.ts) — and paints the lines. Every call goes through the
// session's client, so each change of a rotation also lands in the operations log.
import { useMemo, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { precheckRotation, readRotationListeners, runRotation } from '../../alb/rotation.js';
import { planRotation } from '../../domain/rotation.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import { useReducerView } from '../reducer-view.js';
import type { ChangeViewProps } from '../view-props.js';
import { renderCerts } from './certs-render.js';
import { certsReducer, initCerts, type CertsEffect } from './certs-state.js';

export interface CertsViewProps extends ChangeViewProps {
  client: AlbClient;
  copy: (text: string) => void;
  /** Between polls while a rotation waits (tests make it short). */
  pollIntervalMs?: number;
  now?: () => number;
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
  const { state } = useReducerView({
    reducer: certsReducer,
    init: () => ({
      state: initCerts({ readOnly: props.readOnly, production: props.production }),
      effects: [{ kind: 'load' } as CertsEffect],
    }),
    registerKeys,
    run: (effect, signal, dispatch) => {
      const now = env.current.now ?? Date.now;
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
        case 'precheck':
          precheckRotation(client, effect.plan, { signal }).then(
            (refused) =>
              dispatch({
                type: 'prechecked',
                refused: new Map([...refused].map(([id, error]) => [id, errorInfo(error)])),
              }),
            () => undefined,
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
    },
  });

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
