// What the apply-to-many view (apply-view.tsx) and the apply-to-existing-listeners view
// (update-view.tsx) do alike around their reducers: keep the state current for effects that run
// between renders, take the keys the reducer wants, run each queued effect once (reading the profile
// and leaving here, the kind's own effects in the view), spin while busy, stop their calls on leaving,
// run work a few at a time, and draw their lines.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AlbClient } from '../../alb/client.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import type { ListenerProfile, Store } from '../../store/index.js';
import type { Line } from '../components/lines.js';
import type { ChangeTarget } from '../connections/change-target.js';
import type { KeyPress } from '../keys.js';
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';
import type { BatchRenderOptions } from './batch-render.js';
import type { BatchClose, BatchEffect, BatchPhase, BatchSelect } from './batch-state.js';

const SPINNER_MS = 100;

/** Runs `work` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface BatchReducer<State, Action> {
  state: State;
  /** The state after every action dispatched so far (effects read it between renders). */
  current: { readonly current: State };
  dispatch: (action: Action) => void;
  /** Aborted when the view goes: its calls stop. */
  signal: AbortSignal;
}

export function useBatchReducer<State, Action>(
  reducer: (state: State, action: Action) => State,
  init: () => State,
  keyAction: (state: State, press: KeyPress) => { used: boolean },
  toAction: (press: KeyPress) => Action,
  registerKeys: (handler: ViewKeyHandler | undefined) => void,
): BatchReducer<State, Action> {
  const [state, dispatchRaw] = useReducer(reducer, undefined, init);
  const current = useRef(state);
  current.current = state;
  const dispatch = useCallback(
    (action: Action) => {
      current.current = reducer(current.current, action);
      dispatchRaw(action);
    },
    [reducer],
  );
  const onKey = useCallback(
    (press: KeyPress) => {
      const { used } = keyAction(current.current, press);
      if (used) dispatch(toAction(press));
      return used;
    },
    [dispatch, keyAction, toAction],
  );
  useViewKeys(registerKeys, onKey);
  const controller = useRef(new AbortController());
  useEffect(() => () => controller.current.abort(), []);
  return { state, current, dispatch, signal: controller.current.signal };
}

/** A frame count that moves while `busy`, for the spinner. */
export function useSpinnerFrame(busy: boolean): number {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setFrame((f) => f + 1), SPINNER_MS);
    return () => clearInterval(timer);
  }, [busy]);
  return frame;
}

/** The props both views take; each adds its targets. */
export interface BatchViewProps {
  client: AlbClient;
  store: Pick<Store, 'getProfile'> | undefined;
  profileName: string;
  readOnly: boolean;
  /** The connections the changes go to, named under the tally. */
  target?: readonly ChangeTarget[];
  /** A production connection: running asks for a typed confirmation. */
  production?: boolean;
  lang: Lang;
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  /**
   * Leave: to the profiles view (`to: 'profiles'`) or to the listeners, the first one made or changed
   * selected. `applied`: changes were sent, so the marks that chose the targets are done with.
   */
  onClose: (select?: BatchSelect, how?: Omit<BatchClose, 'kind' | 'select'>) => void;
  /** Between polls while a listener provisions or is Configuring. */
  pollIntervalMs?: number;
  newClientToken?: () => string;
}

/** What the first state takes from the props (the targets aside). */
export function batchInit(props: BatchViewProps) {
  return {
    profileName: props.profileName,
    readOnly: props.readOnly,
    ...(props.production ? { production: true } : {}),
    ...(props.newClientToken ? { newClientToken: props.newClientToken } : {}),
  };
}

/** The effects every batch has: read the profile, leave. */
type SharedEffect = BatchEffect<never>;

function isShared<Own extends { kind: string }>(effect: BatchEffect<Own>): effect is SharedEffect {
  return effect.kind === 'load-profile' || effect.kind === 'close';
}

/**
 * Runs each effect the reducer queued, once: reads the profile (or says it is gone), leaves, and hands
 * the kind's own effects (plan, run a row) to `run`, with the profile read.
 */
export function useBatchEffects<Own extends { kind: string }>(
  effects: readonly { seq: number; effect: BatchEffect<Own> }[],
  dispatch: (
    action:
      | { type: 'effects-taken'; upTo: number }
      | { type: 'profile-loaded' }
      | { type: 'profile-missing'; message: Localized },
  ) => void,
  env: { readonly current: Pick<BatchViewProps, 'store' | 'profileName' | 'onClose'> },
  missing: (name: string) => Localized,
  run: (effect: Own, profile: ListenerProfile | undefined) => void,
): void {
  const profile = useRef<ListenerProfile | undefined>(undefined);
  // The latest of each (they read the latest props), without running the effects again.
  const latest = useRef({ run, missing });
  latest.current = { run, missing };
  useEffect(() => {
    if (effects.length === 0) return;
    dispatch({ type: 'effects-taken', upTo: effects[effects.length - 1]!.seq });
    for (const { effect } of effects) {
      if (!isShared(effect)) latest.current.run(effect, profile.current);
      else if (effect.kind === 'close')
        env.current.onClose(effect.select, { to: effect.to, applied: effect.applied });
      else {
        const found = env.current.store?.getProfile(env.current.profileName);
        if (!found) {
          dispatch({ type: 'profile-missing', message: latest.current.missing(env.current.profileName) });
          continue;
        }
        profile.current = found;
        dispatch({ type: 'profile-loaded' });
      }
    }
  }, [effects, dispatch, env]);
}

/**
 * Work handed in while earlier work runs joins it: all of it runs `limit` at a time, in one drain at a
 * time. Gives the function that hands work in.
 */
export function useWorkQueue<Item>(limit: number): (item: Item, work: (item: Item) => Promise<void>) => void {
  const pending = useRef<Item[]>([]);
  const draining = useRef(false);
  return useCallback(
    (item: Item, work: (item: Item) => Promise<void>) => {
      pending.current.push(item);
      if (draining.current) return;
      draining.current = true;
      void (async () => {
        try {
          while (pending.current.length > 0) {
            const batch = pending.current.splice(0);
            await eachLimited(batch, limit, work);
          }
        } finally {
          draining.current = false;
        }
      })();
    },
    [limit],
  );
}

/** The view's lines, the spinner moving while it reads, plans or runs. */
export function useBatchLines<State extends { phase: BatchPhase }>(
  state: State,
  render: (state: State, options: BatchRenderOptions) => Line[],
  props: Pick<BatchViewProps, 'lang' | 'width' | 'height' | 'target'>,
): Line[] {
  const { lang, width, height, target } = props;
  const busy = state.phase === 'loading' || state.phase === 'planning' || state.phase === 'running';
  const frame = useSpinnerFrame(busy);
  return useMemo(
    () => render(state, { lang, width, height, spinner: frame, ...(target ? { target } : {}) }),
    [render, state, lang, width, height, frame, target],
  );
}
