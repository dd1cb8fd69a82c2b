import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  ENTER_ALTERNATE_SCREEN,
  FullScreen,
  guardScreen,
  HIDE_CURSOR,
  LEAVE_ALTERNATE_SCREEN,
  SHOW_CURSOR,
} from '../../source/ui/fullscreen.js';

function fakeStream(isTTY = true) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
}

class FakeProcess extends EventEmitter {
  exitCodes: (number | undefined)[] = [];
  exit(code?: number): void {
    this.exitCodes.push(code);
  }
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('FullScreen', () => {
  it('enters the alternate screen, clears it, homes and hides the cursor', () => {
    const out = fakeStream();
    const screen = new FullScreen(out);
    screen.enter();
    expect(out.text().startsWith(ENTER_ALTERNATE_SCREEN)).toBe(true);
    expect(out.text()).toContain('\x1b[H');
    expect(out.text()).toContain(HIDE_CURSOR);
    expect(screen.active).toBe(true);
  });

  it('leaves exactly once however often restore is called', () => {
    const out = fakeStream();
    const screen = new FullScreen(out);
    screen.enter();
    screen.enter();
    screen.restore();
    screen.restore();
    expect(count(out.text(), ENTER_ALTERNATE_SCREEN)).toBe(1);
    expect(count(out.text(), LEAVE_ALTERNATE_SCREEN)).toBe(1);
    expect(count(out.text(), SHOW_CURSOR)).toBe(1);
    expect(screen.active).toBe(false);
  });

  it('writes nothing when stdout is not a terminal', () => {
    const out = fakeStream(false);
    const screen = new FullScreen(out);
    screen.enter();
    screen.restore();
    expect(out.chunks).toEqual([]);
  });

  it('runs the before-leave hooks first, once, even if one throws', () => {
    const out = fakeStream();
    const screen = new FullScreen(out);
    const order: string[] = [];
    screen.enter();
    screen.beforeLeave(() => {
      order.push('unmount');
      out.write('last frame');
      throw new Error('unmount failed');
    });
    screen.beforeLeave(() => order.push('second'));
    screen.restore();
    screen.restore();
    expect(order).toEqual(['unmount', 'second']);
    expect(out.text().indexOf('last frame')).toBeLessThan(out.text().indexOf(LEAVE_ALTERNATE_SCREEN));
  });

  it('does not enter after it has been restored', () => {
    const out = fakeStream();
    const screen = new FullScreen(out);
    screen.restore();
    screen.enter();
    expect(out.chunks).toEqual([]);
  });
});

describe('guardScreen', () => {
  function setUp() {
    const out = fakeStream();
    const err = fakeStream();
    const proc = new FakeProcess();
    const screen = new FullScreen(out);
    screen.enter();
    const dispose = guardScreen(screen, { process: proc, stderr: err, crashHeading: 'crashed:' });
    return { out, err, proc, screen, dispose };
  }

  it('restores on process exit', () => {
    const { out, proc } = setUp();
    proc.emit('exit', 0);
    expect(out.text().endsWith(LEAVE_ALTERNATE_SCREEN)).toBe(true);
    expect(proc.exitCodes).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('restores and exits with 128+n on %s', (signal, code) => {
    const { out, proc } = setUp();
    proc.emit(signal);
    expect(count(out.text(), LEAVE_ALTERNATE_SCREEN)).toBe(1);
    expect(proc.exitCodes).toEqual([code]);
    proc.emit('exit', code);
    expect(count(out.text(), LEAVE_ALTERNATE_SCREEN)).toBe(1);
  });

  it('prints an uncaught exception after leaving the alternate screen and exits 1', () => {
    const { out, err, proc } = setUp();
    const order: string[] = [];
    const originalOut = out.write;
    out.write = (chunk: string) => (order.push('stdout'), originalOut(chunk));
    const originalErr = err.write;
    err.write = (chunk: string) => (order.push('stderr'), originalErr(chunk));
    proc.emit('uncaughtException', new Error('boom'));
    expect(order).toEqual(['stdout', 'stderr']);
    expect(out.text()).toContain(LEAVE_ALTERNATE_SCREEN);
    expect(err.text()).toMatch(/^crashed:\nError: boom\n/);
    expect(proc.exitCodes).toEqual([1]);
  });

  it('prints an unhandled rejection that is not an Error', () => {
    const { err, proc } = setUp();
    proc.emit('unhandledRejection', { code: 'X' });
    expect(err.text()).toContain("code: 'X'");
    expect(proc.exitCodes).toEqual([1]);
  });

  it('removes every listener it added', () => {
    const { proc, dispose } = setUp();
    const events = ['exit', 'SIGTERM', 'SIGHUP', 'SIGINT', 'uncaughtException', 'unhandledRejection'];
    for (const event of events) expect(proc.listenerCount(event)).toBe(1);
    dispose();
    for (const event of events) expect(proc.listenerCount(event)).toBe(0);
  });
});
