// A listener's certificates: runs the reducer's effects through the session's client (so each change
// lands in the operations log) and follows every association to Associated / gone.
import { useMemo, useRef } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import { useChangeTokens, useReducerView } from '../reducer-view.js';
import type { ChangeViewProps } from '../view-props.js';
import { renderListenerCerts } from './listener-certs-render.js';
import {
  initListenerCerts,
  listenerCertsReducer,
  type CertChange,
  type ListenerCertsEffect,
} from './listener-certs-state.js';

export interface ListenerCertsViewProps extends ChangeViewProps {
  client: AlbClient;
  listenerId: string;
  port: number;
  pollIntervalMs?: number;
}

/** One change, sent with one ClientToken per attempt's change, then followed to its end state. */
async function apply(
  client: AlbClient,
  listenerId: string,
  change: CertChange,
  clientToken: string,
  onStatus: (status: string) => void,
  intervalMs: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const wait = { signal, ...(intervalMs === undefined ? {} : { intervalMs }) };
  if (change.kind === 'replace-default') {
    await client.updateListener(
      { listenerId, certificates: [{ certificateId: change.to }] },
      { signal, clientToken },
    );
    await client.waitForListener(listenerId, {
      ...wait,
      until: 'Running',
      onStatus: (s) => onStatus(String(s)),
    });
    return;
  }
  // At most 15 a call (the API's limit); each batch followed before the next.
  for (let at = 0; at < change.certificateIds.length; at += 15) {
    const batch = change.certificateIds.slice(at, at + 15);
    const token = at === 0 ? clientToken : `${clientToken.slice(0, 56)}-${at / 15}`;
    if (change.kind === 'add')
      await client.associateCertificates(listenerId, batch, { signal, clientToken: token });
    else await client.dissociateCertificates(listenerId, batch, { signal, clientToken: token });
    await client.waitForCertificates(listenerId, batch, {
      ...wait,
      until: change.kind === 'add' ? 'Associated' : 'gone',
      onStatus: (_id, status) => onStatus(status),
    });
  }
}

export function ListenerCertsView(props: ListenerCertsViewProps) {
  const { client, listenerId, lang, width, height, registerKeys } = props;
  const env = useRef(props);
  env.current = props;
  const tokenFor = useChangeTokens<CertChange>();
  const { state } = useReducerView({
    reducer: listenerCertsReducer,
    init: () => ({
      state: initListenerCerts({
        listenerId,
        port: props.port,
        readOnly: props.readOnly,
        production: props.production,
        now: Date.now(),
      }),
      effects: [{ kind: 'load' } as ListenerCertsEffect],
    }),
    registerKeys,
    run: (effect, signal, dispatch) => {
      if (effect.kind === 'load') {
        Promise.all([
          client.listListenerCertificates(listenerId, { signal }),
          client.listCertificates({ signal }),
        ]).then(
          ([bound, certificates]) => dispatch({ type: 'loaded', bound, certificates }),
          (error: unknown) => {
            if (!signal.aborted) dispatch({ type: 'load-failed', error: errorInfo(error) });
          },
        );
        return;
      }
      apply(
        client,
        listenerId,
        effect.change,
        tokenFor(effect.change),
        (status) => dispatch({ type: 'status', status }),
        env.current.pollIntervalMs,
        signal,
      ).then(
        () => dispatch({ type: 'applied' }),
        (error: unknown) => {
          if (!signal.aborted) dispatch({ type: 'apply-failed', error: errorInfo(error) });
        },
      );
    },
  });

  const lines = useMemo(
    () => renderListenerCerts(state, lang, width, height, props.target),
    [state, lang, width, height, props.target],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
