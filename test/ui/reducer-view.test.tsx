// The shell of the effect-running views: each effect runs once, in order; keys the reducer takes are
// the view's; calls in flight are aborted when the view closes; a change keeps its ClientToken.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { expect, it } from 'vitest';
import { keyFromId, keyId, type KeyPress } from '../../source/ui/keys.js';
import { useChangeTokens, useReducerView, type ReducerStep } from '../../source/ui/reducer-view.js';
import type { ViewKeyHandler } from '../../source/ui/view-keys.js';
import { settle } from '../helpers/ink.js';

type Action = { type: 'key'; key: KeyPress } | { type: 'loaded'; count: number };
type Effect = { kind: 'load' } | { kind: 'save'; count: number };

function reducer(state: number, action: Action): ReducerStep<number, Effect> {
  if (action.type === 'loaded') return { state: action.count, effects: [], used: false };
  if (keyId(action.key) === '+')
    return { state: state + 1, effects: [{ kind: 'save', count: state + 1 }], used: true };
  return { state, effects: [], used: false };
}

function harness() {
  const ran: Effect[] = [];
  const signals: AbortSignal[] = [];
  let handler: ViewKeyHandler | undefined;
  function View() {
    const { state } = useReducerView({
      reducer,
      init: () => ({ state: 0, effects: [{ kind: 'load' } as Effect] }),
      registerKeys: (next) => {
        handler = next;
      },
      run: (effect, signal, dispatch) => {
        ran.push(effect);
        signals.push(signal);
        if (effect.kind === 'load') void Promise.resolve().then(() => dispatch({ type: 'loaded', count: 5 }));
      },
    });
    return <Text>count {state}</Text>;
  }
  const app = render(<View />);
  return { app, ran, signals, press: (id: string) => handler?.(keyFromId(id)), handler: () => handler };
}

it('runs the first effects once, then each new effect once and in order, as the reducer answers them', async () => {
  const { app, ran, press } = harness();
  await settle();
  expect(app.lastFrame()).toContain('count 5');
  expect(ran).toEqual([{ kind: 'load' }]);
  press('+');
  await settle();
  press('+');
  await settle();
  expect(app.lastFrame()).toContain('count 7');
  expect(ran).toEqual([{ kind: 'load' }, { kind: 'save', count: 6 }, { kind: 'save', count: 7 }]);
  app.unmount();
});

it('takes only the keys its reducer uses; the others are left to the root', async () => {
  const { app, press } = harness();
  await settle();
  expect(press('+')).toBe(true);
  expect(press('x')).toBe(false);
  await settle();
  expect(app.lastFrame()).toContain('count 6');
  app.unmount();
});

it('aborts what is in flight and drops its key handler when the view closes', async () => {
  const { app, signals, handler } = harness();
  await settle();
  expect(signals[0]?.aborted).toBe(false);
  app.unmount();
  expect(signals[0]?.aborted).toBe(true);
  expect(handler()).toBeUndefined();
});

it('gives a change the same ClientToken each time it is sent, and another change another', async () => {
  let tokenFor: ((change: object) => string) | undefined;
  function Tokens() {
    tokenFor = useChangeTokens<object>();
    return <Text>tokens</Text>;
  }
  const app = render(<Tokens />);
  await settle();
  const change = { kind: 'add' };
  const first = tokenFor!(change);
  expect(first).toMatch(/^[0-9a-f-]{36}$/);
  expect(tokenFor!(change)).toBe(first);
  expect(tokenFor!({ kind: 'add' })).not.toBe(first);
  app.unmount();
});
