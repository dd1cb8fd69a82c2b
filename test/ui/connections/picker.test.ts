import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../source/ui/cli-args.js';
import {
  initPicker,
  pickerKey,
  type PickerEntry,
  type PickerState,
} from '../../../source/ui/connections/connections-state.js';

const NAMES = ['local', 'audit', 'prod', 'staging'];

function keys(state: PickerState, ...ids: string[]) {
  let step = { state, handled: true } as ReturnType<typeof pickerKey>;
  for (const id of ids) step = pickerKey(step.state, id, NAMES);
  return step;
}

describe('the :ctx picker', () => {
  it('opens the one under the cursor when nothing is marked', () => {
    expect(keys(initPicker(NAMES, 'local'), 'j', 'j', 'enter').open).toBe('prod');
  });

  it('marks with Space (moving on) and opens the marked ones together, in list order', () => {
    const step = keys(initPicker(NAMES, 'local'), 'G', ' ', 'g', ' ', 'enter');
    expect(step.state.marked).toEqual(new Set(['staging', 'local']));
    expect(step.open).toBe('local,staging');
  });

  it('marks all with *, and none with * again', () => {
    expect(keys(initPicker(NAMES, 'local'), '*', 'enter').open).toBe('local,audit,prod,staging');
    expect(keys(initPicker(NAMES, 'local'), '*', '*', 'enter').open).toBe('local');
  });

  it('starts with the open ones marked when several are open', () => {
    const state = initPicker(NAMES, 'audit,prod');
    expect(state.cursor).toBe(1);
    expect(keys(state, 'enter').open).toBe('audit,prod');
  });

  it('leaves other keys to the root', () => {
    expect(pickerKey(initPicker(NAMES, 'local'), 'escape', NAMES).handled).toBe(false);
  });
});

describe('changing the saved connections in the picker', () => {
  const ENTRIES: Record<string, PickerEntry> = {
    local: { readOnly: false, builtin: true, open: true },
    audit: { readOnly: true, builtin: false, open: false },
    prod: { readOnly: false, builtin: false, open: true },
    staging: { readOnly: false, builtin: false, open: false },
  };
  const press = (state: PickerState, ...ids: string[]) => {
    let step = { state, handled: true } as ReturnType<typeof pickerKey>;
    for (const id of ids) step = pickerKey(step.state, id, NAMES, (name) => ENTRIES[name]);
    return step;
  };

  it('turns read-only on at once, and off only after y', () => {
    expect(press(initPicker(NAMES, 'local'), 'j', 'j', 'r').change).toEqual({
      kind: 'read-only',
      name: 'prod',
      readOnly: true,
    });
    const asked = press(initPicker(NAMES, 'local'), 'j', 'r');
    expect(asked.change).toBeUndefined();
    expect(asked.state.asking).toEqual({ kind: 'writable', name: 'audit' });
    expect(press(asked.state, 'y').change).toEqual({ kind: 'read-only', name: 'audit', readOnly: false });
    const declined = press(asked.state, 'n');
    expect(declined.change).toBeUndefined();
    expect(declined.state.asking).toBeUndefined();
  });

  it('removes a saved connection after y, never one open now nor the local ALB', () => {
    const asked = press(initPicker(NAMES, 'local'), 'G', 'ctrl+d');
    expect(asked.state.asking).toEqual({ kind: 'remove', name: 'staging' });
    expect(press(asked.state, 'y').change).toEqual({ kind: 'remove', name: 'staging' });
    // Enter while asked answers no: it neither removes nor opens.
    const entered = press(asked.state, 'enter');
    expect([entered.change, entered.open]).toEqual([undefined, undefined]);
    expect(press(initPicker(NAMES, 'local'), 'j', 'j', 'ctrl+d')).toMatchObject({ notice: 'removeOpen' });
    expect(press(initPicker(NAMES, 'local'), 'ctrl+d')).toMatchObject({ notice: 'builtinFixed' });
    expect(press(initPicker(NAMES, 'local'), 'r')).toMatchObject({ notice: 'builtinFixed' });
  });

  it('leaves r and Ctrl-D to the root when the store cannot save', () => {
    expect(pickerKey(initPicker(NAMES, 'local'), 'r', NAMES).handled).toBe(false);
  });
});

describe('--connection with several names', () => {
  it('takes a list and all', () => {
    const list = parseCommandLine(['--connection', 'local,prod'], {});
    expect(list.kind === 'dashboard' && list.connectionName).toBe('local,prod');
    const all = parseCommandLine(['--connection', 'all'], {});
    expect(all.kind === 'dashboard' && all.connectionName).toBe('all');
  });

  it('refuses an empty list and a list with --endpoint, in the user’s language', () => {
    const empty = parseCommandLine(['--connection', ' , '], {});
    expect(empty.kind).toBe('error');
    const en = parseCommandLine(['--connection', 'a,b', '--endpoint', 'http://127.0.0.1:1'], {});
    expect(en.kind === 'error' && en.message).toContain('--endpoint takes one connection');
    const zh = parseCommandLine(
      ['--lang', 'zh-CN', '--connection', 'all', '--endpoint', 'http://127.0.0.1:1'],
      {},
    );
    expect(zh.kind === 'error' && zh.message).toContain('--endpoint 只能用于单个连接');
  });
});

describe('the words of several connections', () => {
  it('are in both languages with the same placeholders', async () => {
    const { CONNECTIONS_TEXT_ENTRIES } = await import('../../../source/ui/connections/connections-i18n.js');
    for (const [key, entry] of Object.entries(CONNECTIONS_TEXT_ENTRIES)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(entry['zh-CN'], key).not.toBe('');
      expect(names(entry['zh-CN']), key).toEqual(names(entry.en));
    }
  });
});
