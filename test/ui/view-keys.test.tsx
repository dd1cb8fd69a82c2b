// A view's key handler must be in place by the time the view is on screen: a key pressed as soon as
// it shows must reach it.
import { EventEmitter } from 'node:events';
import { render, Text } from 'ink';
import { useEffect, useState } from 'react';
import { expect, it } from 'vitest';
import { useViewKeys, type ViewKeyHandler } from '../../source/ui/view-keys.js';
import { settle } from '../helpers/ink.js';

function View(props: { registerKeys: (handler: ViewKeyHandler | undefined) => void }) {
  useViewKeys(props.registerKeys, () => true);
  return <Text>the view</Text>;
}

/** Draws the view once a promise settles, as a view loaded on demand is drawn. */
function Later(props: { registerKeys: (handler: ViewKeyHandler | undefined) => void }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    void Promise.resolve().then(() => setShown(true));
  }, []);
  return shown ? <View registerKeys={props.registerKeys} /> : <Text>opening</Text>;
}

/**
 * A terminal that notes, for each frame written, whether a handler is registered before anything
 * else can run (a microtask: before any key press event could be handled).
 */
class Terminal extends EventEmitter {
  columns = 40;
  rows = 10;
  isTTY = true;
  readonly handlerWhenShown: boolean[] = [];
  constructor(private readonly handler: () => ViewKeyHandler | undefined) {
    super();
  }
  write(text: string): boolean {
    if (text.includes('the view'))
      queueMicrotask(() => this.handlerWhenShown.push(this.handler() !== undefined));
    return true;
  }
}

it('registers the handler before the frame that shows the view, and drops it when the view goes', async () => {
  let handler: ViewKeyHandler | undefined;
  const registerKeys = (next: ViewKeyHandler | undefined) => {
    handler = next;
  };
  const stdout = new Terminal(() => handler);
  const app = render(<Later registerKeys={registerKeys} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    debug: true,
    patchConsole: false,
  });
  for (let i = 0; i < 50 && stdout.handlerWhenShown.length === 0; i++) await settle(10);
  expect(stdout.handlerWhenShown.length).toBeGreaterThan(0);
  expect(stdout.handlerWhenShown.every(Boolean)).toBe(true);
  app.unmount();
  expect(handler).toBeUndefined();
});
