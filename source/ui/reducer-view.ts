// The shell of the views that run a pure reducer's effects (`:certs`, a listener's certificates,
// `:groups`, the rules pane): each effect runs once, in order, as the reducer answers it; the calls in
// flight are aborted when the view closes; the keys the reducer takes are the view's, the rest go to
// the root; and a change the user confirmed keeps its ClientToken when it is retried.
import { randomUUID } from 'node:crypto';
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import type { KeyPress } from './keys.js';
import { useViewKeys, type ViewKeyHandler } from './view-keys.js';

export interface ReducerStep<State, Effect> {
  state: State;
  effects: readonly Effect[];
  /** Whether the key (for a key action) was the view's. */
  used: boolean;
}

type KeyAction = { type: 'key'; key: KeyPress };

interface Held<State, Effect> {
  state: State;
  effects: Effect[];
}

export interface ReducerView<State, Action> {
  state: State;
  dispatch: (action: Action) => void;
  /** The state as last drawn, for callbacks made before it changed. */
  latest: RefObject<State>;
  /** Aborted when the view closes. */
  signal: AbortSignal;
}

export function useReducerView<State, Action, Effect>(options: {
  reducer: (state: State, action: Action | KeyAction) => ReducerStep<State, Effect>;
  /** The first state, and the effects to run at once (the first read). */
  init: () => { state: State; effects: Effect[] };
  /** Runs one effect; it dispatches what comes of it (a failure only while `signal` is not aborted). */
  run: (effect: Effect, signal: AbortSignal, dispatch: (action: Action) => void) => void;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
}): ReducerView<State, Action> {
  const { reducer } = options;
  const [held, dispatch] = useReducer(
    (current: Held<State, Effect>, action: Action | KeyAction): Held<State, Effect> => {
      const next = reducer(current.state, action);
      return { state: next.state, effects: [...current.effects, ...next.effects] };
    },
    undefined,
    options.init,
  );
  const latest = useRef(held.state);
  latest.current = held.state;
  const run = useRef(options.run);
  run.current = options.run;
  const controller = useRef(new AbortController());
  useEffect(() => {
    const current = controller.current;
    return () => current.abort();
  }, []);

  const taken = useRef(0);
  useEffect(() => {
    const fresh = held.effects.slice(taken.current);
    taken.current = held.effects.length;
    for (const effect of fresh) run.current(effect, controller.current.signal, dispatch);
  }, [held.effects]);

  const onKey = useCallback(
    (press: KeyPress) => {
      // The reducer decides whether the key is the view's; computed here too so the root hears at once.
      const used = reducer(latest.current, { type: 'key', key: press }).used;
      if (used) dispatch({ type: 'key', key: press });
      return used;
    },
    [reducer],
  );
  useViewKeys(options.registerKeys, onKey);

  return { state: held.state, dispatch, latest, signal: controller.current.signal };
}

/** One ClientToken per change the user confirmed (by identity), the same when it is retried. */
export function useChangeTokens<Change extends object>(): (change: Change) => string {
  const tokens = useRef(new WeakMap<Change, string>());
  return useCallback((change: Change) => {
    let token = tokens.current.get(change);
    if (!token) {
      token = randomUUID();
      tokens.current.set(change, token);
    }
    return token;
  }, []);
}
