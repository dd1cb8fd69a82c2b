// The shared batch flow (batch-state.ts) and its drawing (batch-render.ts), on a kind of its own:
// what apply-to-instances and update-listeners both rely on, tested once without either.
import { describe, expect, it } from 'vitest';
import type { Localized } from '../../source/domain/i18n.js';
import { lineText } from '../../source/ui/components/lines.js';
import { keyFromId } from '../../source/ui/keys.js';
import {
  detailTail,
  renderBatch,
  sharedVerdict,
  type RowWords,
} from '../../source/ui/profiles/batch-render.js';
import {
  batchKey,
  batchReducer,
  countConfirmKey,
  initBatch,
  type BatchAction,
  type BatchKind,
  type BatchState,
} from '../../source/ui/profiles/batch-state.js';

const say = (text: string): Localized => ({ en: text, 'zh-CN': `中${text}` });

interface ToyRow {
  target: string;
  clientToken: string;
  plan:
    | { status: 'loading' }
    | { status: 'unreadable'; message: Localized }
    | { status: 'planned'; kind: 'go' }
    | { status: 'planned'; kind: 'blocked'; problems: Localized[] };
  run?: { status: 'queued' | 'going' | 'went' | 'failed' | 'skipped'; message?: Localized };
}
type ToyEffect =
  { kind: 'plan'; targetIds: readonly string[] } | { kind: 'go'; targetId: string; token: string };
type ToyState = BatchState<ToyRow, ToyEffect>;

function kind(
  options: Partial<BatchKind<ToyRow, ToyEffect, 'targetId'>> = {},
): BatchKind<ToyRow, ToyEffect, 'targetId'> {
  const runnable = (row: ToyRow) => row.plan.status === 'planned' && row.plan.kind === 'go';
  return {
    idKey: 'targetId',
    id: (row) => row.target,
    runnable,
    runEffect: (row) => ({ kind: 'go', targetId: row.target, token: row.clientToken }),
    planEffect: (targetIds) => ({ kind: 'plan', targetIds }),
    skipReason: (plan) =>
      plan.status === 'unreadable'
        ? plan.message
        : plan.status === 'planned' && plan.kind === 'blocked'
          ? plan.problems[0]
          : undefined,
    succeeded: 'went',
    selectAfter: (row) =>
      row.run?.status === 'went' ? { loadBalancerId: 'alb-1', listenerId: row.target } : undefined,
    texts: {
      nothing: say('nothing'),
      enterDoesNotRun: (count) => say(`press ^S for ${count}`),
      readOnly: say('read-only'),
      wait: say('wait'),
      nothingToRetry: say('nothing to retry'),
    },
    ...options,
  };
}

const KIND = kind();
let tokens = 0;

function reduce(state: ToyState, ...actions: BatchAction<ToyRow, 'targetId'>[]): ToyState {
  return actions.reduce((s, action) => batchReducer(s, action, KIND), state);
}

function press(state: ToyState, ...ids: string[]): ToyState {
  return reduce(state, ...ids.map((id) => ({ type: 'key' as const, press: keyFromId(id) })));
}

function effects(state: ToyState) {
  return state.effects.map((queued) => queued.effect);
}

/** a: runnable, b: blocked, c: runnable. */
function reviewed(options: { readOnly?: boolean; production?: boolean } = {}): ToyState {
  const state = initBatch<string, ToyRow, ToyEffect>(
    {
      profileName: 'web',
      targets: ['a', 'b', 'c'],
      readOnly: false,
      newClientToken: () => `t${++tokens}`,
      ...options,
    },
    (target, clientToken) => ({ target, clientToken, plan: { status: 'loading' } }),
  );
  return reduce(
    state,
    { type: 'profile-loaded' },
    { type: 'planned', targetId: 'a', plan: { status: 'planned', kind: 'go' } },
    {
      type: 'planned',
      targetId: 'b',
      plan: { status: 'planned', kind: 'blocked', problems: [say('no cert')] },
    },
    { type: 'planned', targetId: 'c', plan: { status: 'planned', kind: 'go' } },
  );
}

describe('the shared batch flow', () => {
  it('reads the profile, plans every target, and reviews once each is planned', () => {
    const start = initBatch<string, ToyRow, ToyEffect>(
      { profileName: 'web', targets: ['a', 'b'], readOnly: false, newClientToken: () => `t${++tokens}` },
      (target, clientToken) => ({ target, clientToken, plan: { status: 'loading' } }),
    );
    expect(effects(start)).toEqual([{ kind: 'load-profile' }]);
    expect(new Set(start.rows.map((row) => row.clientToken)).size).toBe(2);
    const planning = reduce(start, { type: 'profile-loaded' });
    expect(planning.phase).toBe('planning');
    expect(effects(planning)).toContainEqual({ kind: 'plan', targetIds: ['a', 'b'] });
    const half = reduce(planning, {
      type: 'planned',
      targetId: 'a',
      plan: { status: 'planned', kind: 'go' },
    });
    expect(half.phase).toBe('planning');
    expect(
      reduce(half, { type: 'planned', targetId: 'b', plan: { status: 'unreadable', message: say('gone') } })
        .phase,
    ).toBe('review');
  });

  it('a missing profile ends it; effects taken are dropped', () => {
    const gone = reduce(reviewed(), { type: 'profile-missing', message: say('gone') });
    expect(gone).toMatchObject({ phase: 'done', problem: say('gone') });
    const taken = reduce(gone, { type: 'effects-taken', upTo: gone.nextEffectSeq - 1 });
    expect(taken.effects).toEqual([]);
  });

  it('never runs on Enter; Ctrl-S runs the runnable rows with their tokens and skips the rest with the reason', () => {
    const state = reviewed();
    const entered = press(state, 'enter');
    expect(entered.phase).toBe('review');
    expect(entered.notice?.message).toEqual(say('press ^S for 2'));
    const running = press(state, 'ctrl+s');
    expect(running.phase).toBe('running');
    expect(effects(running).filter((e) => e.kind === 'go')).toEqual([
      { kind: 'go', targetId: 'a', token: state.rows[0]!.clientToken },
      { kind: 'go', targetId: 'c', token: state.rows[2]!.clientToken },
    ]);
    expect(running.rows[1]!.run).toEqual({ status: 'skipped', message: say('no cert') });
    expect(press(running, 'escape').notice?.message).toEqual(say('wait'));
  });

  it('refuses on a read-only connection and when nothing can run', () => {
    const readOnly = press(reviewed({ readOnly: true }), 'ctrl+s');
    expect(readOnly.phase).toBe('review');
    expect(readOnly.notice).toEqual({ message: say('read-only'), tone: 'danger' });
    const nothing = reduce(reviewed(), {
      type: 'planned',
      targetId: 'a',
      plan: { status: 'unreadable', message: say('x') },
    });
    const none = reduce(nothing, {
      type: 'planned',
      targetId: 'c',
      plan: { status: 'unreadable', message: say('x') },
    });
    expect(press(none, 'ctrl+s').notice?.message).toEqual(say('nothing'));
  });

  it('on production runs only once the number of rows to run is typed', () => {
    const asked = press(reviewed({ production: true }), 'ctrl+s');
    expect(asked.confirm).toEqual({ text: '', wrong: false });
    const wrong = press(asked, '3', 'enter');
    expect(wrong.confirm).toEqual({ text: '3', wrong: true });
    expect(wrong.phase).toBe('review');
    const right = press(wrong, 'backspace', '2', 'enter');
    expect(right.phase).toBe('running');
    expect(right.confirm).toBeUndefined();
    expect(press(asked, 'escape')).toMatchObject({ phase: 'review', confirm: undefined });
  });

  it('ends when every row has ended; r retries only the failed ones, with the token a failed job replaced', () => {
    const running = press(reviewed(), 'ctrl+s');
    const ended = reduce(
      running,
      { type: 'run-status', targetId: 'a', run: { status: 'went' } },
      { type: 'run-status', targetId: 'c', run: { status: 'going' } },
    );
    expect(ended.phase).toBe('running');
    const done = reduce(ended, {
      type: 'run-status',
      targetId: 'c',
      run: { status: 'failed', message: say('boom') },
      nextClientToken: 'fresh',
    });
    expect(done.phase).toBe('done');
    expect(done.rows[2]!.clientToken).toBe('fresh');
    const retried = press(done, 'r');
    expect(effects(retried).slice(-1)).toEqual([{ kind: 'go', targetId: 'c', token: 'fresh' }]);
    expect(retried.rows.map((row) => row.run?.status)).toEqual(['went', 'skipped', 'queued']);
  });

  it('Enter on the results leads to the first row done; Esc to the profiles; both say changes were sent', () => {
    const running = press(reviewed(), 'ctrl+s');
    const done = reduce(
      running,
      { type: 'run-status', targetId: 'a', run: { status: 'failed' } },
      { type: 'run-status', targetId: 'c', run: { status: 'went' } },
    );
    expect(effects(press(done, 'enter')).slice(-1)).toEqual([
      { kind: 'close', to: 'listeners', applied: true, select: { loadBalancerId: 'alb-1', listenerId: 'c' } },
    ]);
    expect(effects(press(done, 'escape')).slice(-1)).toEqual([
      { kind: 'close', to: 'profiles', applied: true },
    ]);
    expect(effects(press(reviewed(), 'q')).slice(-1)).toEqual([
      { kind: 'close', to: 'profiles', applied: false },
    ]);
  });

  it('keeps each kind its own cursor while the count is typed; a problem page goes back on ⏎ as it says', () => {
    const asked = press(reviewed({ production: true }), 'ctrl+s');
    expect(batchKey(asked, keyFromId('down'), KIND).state.cursor).toBe(0);
    expect(batchKey(asked, keyFromId('down'), kind({ cursorWhileConfirming: true })).state.cursor).toBe(1);
    const gone = reduce(reviewed(), { type: 'profile-missing', message: say('gone') });
    for (const key of ['enter', 'escape', 'q'])
      expect(batchKey(gone, keyFromId(key), KIND).state.effects.at(-1)?.effect).toEqual({
        kind: 'close',
        to: 'profiles',
        applied: false,
      });
    expect(batchKey(gone, keyFromId('r'), KIND).used).toBe(false);
  });

  it('the count confirmation takes digits only, at most six', () => {
    const typed = countConfirmKey({ text: '', wrong: false }, 2, keyFromId('x'));
    expect(typed.kind).toBe('ignored');
    expect(countConfirmKey({ text: '123456', wrong: false }, 2, keyFromId('7')).kind).toBe('ignored');
    expect(countConfirmKey({ text: '2', wrong: false }, 2, keyFromId('enter')).kind).toBe('confirmed');
  });
});

describe('the shared batch page', () => {
  const words: RowWords = (key, params) => `${key}${params ? ` ${JSON.stringify(params)}` : ''}`;

  function draw(state: ToyState, lang: 'en' | 'zh-CN' = 'en'): string {
    return renderBatch(
      state,
      { lang, width: 100, height: 20, target: [{ profile: 'prod', region: 'cn-shanghai' }] },
      {
        words: {
          title: 'Toy title',
          progress: {
            loading: 'loading',
            planning: (done, count) => `planned ${done}/${count}`,
            review: 'review tally',
            run: 'run tally',
          },
          confirm: { prompt: 'type the count', wrong: 'wrong count' },
          keys: {
            confirm: 'confirm keys',
            review: 'review keys',
            running: 'running keys',
            done: 'done keys',
            back: 'back keys',
          },
        },
        failed: 0,
        row: (row, spin) => ({ label: row.target, verdict: sharedVerdict(row, lang, spin, words) }),
        labelWidth: { min: 4, max: 10 },
        detail: (row) => detailTail(row, row.target !== 'b', lang, 100, words),
      },
    )
      .map(lineText)
      .join('\n');
  }

  it('draws the tally and the keys of each phase, the target, and the confirmation', () => {
    expect(draw(reviewed())).toContain('review tally');
    expect(draw(reviewed())).toContain('review keys');
    expect(draw(reviewed())).toContain('prod');
    const asked = press(reviewed({ production: true }), 'ctrl+s', '9', 'enter');
    expect(draw(asked)).toContain('type the count');
    expect(draw(asked)).toContain('wrong count');
    expect(draw(asked)).toContain('confirm keys');
    const running = press(reviewed(), 'ctrl+s');
    expect(draw(running)).toContain('run tally');
    expect(draw(running)).toContain('running keys');
  });

  it('a problem ends the page with the way back', () => {
    const gone = draw(reduce(reviewed(), { type: 'profile-missing', message: say('gone') }), 'zh-CN');
    expect(gone).toContain('中gone');
    expect(gone).toContain('back keys');
    expect(gone).not.toContain('review tally');
  });

  it('gives the verdicts both pages share, and the detail of why a row did not run', () => {
    const state = press(reviewed(), 'down');
    expect(draw(state)).toContain('planBlocked {"reason":"no cert"}');
    expect(draw(state)).toContain('detailProblems');
    expect(draw(state)).not.toContain('detailToken');
    const running = press(reviewed(), 'ctrl+s');
    const failed = reduce(running, {
      type: 'run-status',
      targetId: 'a',
      run: { status: 'failed', message: say('boom') },
    });
    expect(draw(failed)).toContain('runFailed {"reason":"boom"}');
    expect(draw(failed)).toContain('runSkipped {"reason":"no cert"}');
    expect(draw(failed)).toContain(`detailToken {"token":"${failed.rows[0]!.clientToken}"}`);
  });
});
