// What the apply-to-many view (apply-view.tsx) and the apply-to-existing-listeners view
// (update-view.tsx) do alike around their reducers: keep the state current for effects that run
// between renders, take the keys the reducer wants, spin while busy, stop their calls on leaving,
// and run work a few at a time.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { KeyPress } from '../keys.js';
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';

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
