import { describe, expect, it } from 'vitest';
import {
  activeBindings,
  appReducer,
  displayKey,
  GLOBAL_BINDINGS,
  helpBindings,
  hintBindings,
  initialAppState,
  OVERLAY_BINDINGS,
  VIEW_BINDINGS,
  type AppState,
} from '../../source/ui/app-state.js';
import { keyFromId } from '../../source/ui/keys.js';

function press(state: AppState, ...ids: string[]): AppState {
  return ids.reduce((current, id) => appReducer(current, { type: 'key', key: keyFromId(id) }), state);
}

describe('appReducer', () => {
  const start = initialAppState('en');

  it('starts on the dashboard with nothing over it', () => {
    expect(start).toEqual({ lang: 'en', view: 'dashboard', overlay: 'none', exitRequested: false });
  });

  it('asks to exit on q and on Ctrl-C', () => {
    expect(press(start, 'q').exitRequested).toBe(true);
    expect(press(start, 'ctrl+c').exitRequested).toBe(true);
  });

  it('ignores keys it has no binding for, leaving the state object as it was', () => {
    for (const id of ['x', 'Q', 'ctrl+q', 'meta+q', 'down', 'enter', '中'])
      expect(press(start, id)).toBe(start);
    expect(appReducer(start, { type: 'key', key: { kind: 'paste', text: 'qqq' } })).toBe(start);
  });

  it('opens help on ? and closes it with Esc, ? or q, without quitting', () => {
    const help = press(start, '?');
    expect(help.overlay).toBe('help');
    for (const id of ['escape', '?', 'q']) {
      const closed = press(help, id);
      expect(closed.overlay).toBe('none');
      expect(closed.exitRequested).toBe(false);
    }
  });

  it('still quits on Ctrl-C while help is open', () => {
    expect(press(start, '?', 'ctrl+c').exitRequested).toBe(true);
  });

  it('switches language, and keeps the same object when it is already set', () => {
    expect(appReducer(start, { type: 'set-lang', lang: 'zh-CN' }).lang).toBe('zh-CN');
    expect(appReducer(start, { type: 'set-lang', lang: 'en' })).toBe(start);
  });

  it('exits on request', () => {
    expect(appReducer(start, { type: 'request-exit' }).exitRequested).toBe(true);
  });
});

describe('bindings', () => {
  const start = initialAppState('en');

  it('puts the global keys first, and hides the view keys while an overlay is open', () => {
    expect(activeBindings(start).slice(0, GLOBAL_BINDINGS.length)).toEqual(GLOBAL_BINDINGS);
    const help = { ...start, overlay: 'help' as const };
    expect(activeBindings(help)).toEqual([...GLOBAL_BINDINGS, ...OVERLAY_BINDINGS.help]);
  });

  it('hints the keys of what is on top', () => {
    expect(hintBindings(start).map((b) => b.keys[0])).toEqual(['?', 'q']);
    expect(hintBindings({ ...start, overlay: 'help' }).map((b) => b.keys[0])).toEqual(['escape']);
  });

  it('lists in help the keys of the view under it and the global keys', () => {
    expect(helpBindings({ ...start, overlay: 'help' })).toEqual([
      ...VIEW_BINDINGS.dashboard,
      ...GLOBAL_BINDINGS,
    ]);
  });

  it('never binds one key twice in the same layer', () => {
    const layers = [GLOBAL_BINDINGS, ...Object.values(OVERLAY_BINDINGS), ...Object.values(VIEW_BINDINGS)];
    for (const layer of layers) {
      const ids = layer.flatMap((binding) => binding.keys);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('displayKey', () => {
  it('writes keys the way the footer shows them', () => {
    expect(displayKey('q')).toBe('q');
    expect(displayKey('ctrl+c')).toBe('^c');
    expect(displayKey('escape')).toBe('esc');
    expect(displayKey('enter')).toBe('⏎');
    expect(displayKey('ctrl+r')).toBe('^r');
    expect(displayKey('+')).toBe('+');
  });
});
