// `:groups`: runs the reducer's effects through the session's client (so each change lands in the
// operations log): reads groups, servers and the health of the listeners using the shown groups,
// prechecks a change with DryRun, sends it batch by batch with one ClientToken, follows every server.
import { useEffect, useMemo, useRef } from 'react';
import { collect, type AlbClient, type ListenerChange } from '../../alb/client.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import { useChangeTokens, useReducerView } from '../reducer-view.js';
import type { ChangeViewProps } from '../view-props.js';
import { renderGroups, shownGroupIds } from './groups-render.js';
import { groupsReducer, initGroups, type GroupListener, type GroupsEffect } from './groups-state.js';
import { batches, specsOf, type ServerChange } from './server-change.js';

export interface GroupsViewProps extends ChangeViewProps {
  client: AlbClient;
  /** The listeners the dashboard knows, for which groups are in use and whose health to read. */
  listeners: readonly GroupListener[];
  copy?: (text: string) => void;
  pollIntervalMs?: number;
}

/** One batch's call, by kind; a dry run when `dryRun`. */
function send(
  client: AlbClient,
  batch: ServerChange,
  options: { signal: AbortSignal; clientToken?: string; dryRun?: boolean },
) {
  const specs = specsOf(batch);
  if (batch.kind === 'add') return client.addServers(batch.serverGroupId, specs, options);
  if (batch.kind === 'remove') return client.removeServers(batch.serverGroupId, specs, options);
  return client.updateServers(batch.serverGroupId, specs, options);
}

/** The change, batch after batch (each its own job and token, derived from the change's), each followed to its end. */
async function apply(
  client: AlbClient,
  change: ServerChange,
  clientToken: string,
  onStatus: (key: string, status: string) => void,
  intervalMs: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const parts = batches(change);
  for (const [index, batch] of parts.entries()) {
    const token = index === 0 ? clientToken : `${clientToken.slice(0, 56)}-${index}`;
    const sent = (await send(client, batch, { signal, clientToken: token })) as ListenerChange;
    await client.waitForServers(batch.serverGroupId, specsOf(batch), {
      signal,
      until: batch.kind === 'remove' ? 'gone' : 'Available',
      jobId: sent.jobId,
      onStatus,
      ...(intervalMs === undefined ? {} : { intervalMs }),
    });
  }
}

export function GroupsView(props: GroupsViewProps) {
  const { client, lang, width, height, registerKeys } = props;
  const env = useRef(props);
  env.current = props;
  const tokenFor = useChangeTokens<ServerChange>();
  const { state, dispatch } = useReducerView({
    reducer: groupsReducer,
    init: () => ({
      state: initGroups({
        listeners: props.listeners,
        readOnly: props.readOnly,
        production: props.production,
      }),
      effects: [{ kind: 'load-groups' } as GroupsEffect],
    }),
    registerKeys,
    run: (effect, signal, dispatch) => {
      const failed = (then: (error: ReturnType<typeof errorInfo>) => void) => (error: unknown) => {
        if (!signal.aborted) then(errorInfo(error));
      };
      switch (effect.kind) {
        case 'load-groups':
          collect(client.listServerGroups({}, { signal })).then(
            (groups) => dispatch({ type: 'groups-loaded', groups }),
            failed((error) => dispatch({ type: 'groups-failed', error })),
          );
          break;
        case 'load-servers':
          client.listServerGroupServers(effect.groupId, { signal }).then(
            (servers) => dispatch({ type: 'servers-loaded', groupId: effect.groupId, servers }),
            failed((error) => dispatch({ type: 'servers-failed', groupId: effect.groupId, error })),
          );
          break;
        case 'load-health':
          for (const listenerId of effect.listenerIds)
            client.getListenerHealth(listenerId, { signal }).then(
              (health) => dispatch({ type: 'health-loaded', health }),
              failed(() => dispatch({ type: 'health-failed', listenerId })),
            );
          break;
        case 'precheck':
          Promise.all(
            batches(effect.change).map((batch) => send(client, batch, { signal, dryRun: true })),
          ).then(
            () => dispatch({ type: 'precheck', change: effect.change }),
            failed((error) => dispatch({ type: 'precheck', change: effect.change, error })),
          );
          break;
        case 'copy':
          env.current.copy?.(effect.text);
          break;
        case 'apply':
          apply(
            client,
            effect.change,
            tokenFor(effect.change),
            (key, status) => dispatch({ type: 'server-status', key, status }),
            env.current.pollIntervalMs,
            signal,
          ).then(
            () => dispatch({ type: 'applied' }),
            failed((error) => dispatch({ type: 'apply-failed', error })),
          );
          break;
      }
    },
  });

  // The health of the rows on screen is read once they show (never before the list itself).
  const shown = state.mode.kind === 'groups' ? shownGroupIds(state, height).join(' ') : '';
  useEffect(() => {
    if (shown) dispatch({ type: 'visible', groupIds: shown.split(' ') });
  }, [shown, dispatch]);

  const lines = useMemo(
    () => renderGroups(state, lang, width, height, props.target),
    [state, lang, width, height, props.target],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
