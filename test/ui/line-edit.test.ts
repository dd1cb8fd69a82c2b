import { describe, expect, it } from 'vitest';
import { keyFromId, keyId, type KeyPress } from '../../source/ui/keys.js';
import { edit, editText, splitPress } from '../../source/ui/line-edit.js';
import { routeChunk } from '../../source/ui/view-keys.js';

const paste = (text: string): KeyPress => ({ kind: 'paste', text });

describe('the line editor', () => {
  it('deletes a word before the caret with Ctrl-W, and keeps the caret keys out of caretless lines', () => {
    expect(edit('web prod ', keyFromId('ctrl+w'))).toBe('web ');
    expect(editText('web prod', 3, keyFromId('ctrl+w'))).toEqual({ text: ' prod', caret: 0 });
    expect(edit('web', keyFromId('left'))).toBeUndefined();
    expect(edit('支付', keyFromId('backspace'))).toBe('支');
  });

  it('splits a chunk at its control characters, printable runs whole', () => {
    expect(splitPress(paste('\x7f\x7fab\r')).map((k) => keyId(k) ?? k)).toEqual([
      'backspace',
      'backspace',
      { kind: 'paste', text: 'ab' },
      'enter',
    ]);
  });
});

describe('routing a chunk of keys', () => {
  it('offers each Backspace of a chunk to the view, and what it leaves to the root key by key', () => {
    const seen: string[] = [];
    const root: string[] = [];
    routeChunk(
      paste('\x7f\x7f\x7fjj'),
      (key) => {
        seen.push(keyId(key) ?? `paste:${(key as { text: string }).text}`);
        return keyId(key) === 'backspace';
      },
      (key, chunked) => root.push(`${keyId(key)}${chunked ? '+' : ''}`),
    );
    expect(seen).toEqual(['backspace', 'backspace', 'backspace', 'paste:jj', 'j', 'j']);
    expect(root).toEqual(['j+', 'j+']);
  });

  it('hands a single key to the root as one', () => {
    const root: string[] = [];
    routeChunk(
      keyFromId('q'),
      () => false,
      (key, chunked) => root.push(`${keyId(key)}${chunked ? '+' : ''}`),
    );
    expect(root).toEqual(['q']);
  });
});
