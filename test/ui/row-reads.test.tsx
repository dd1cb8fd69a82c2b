// The one reader behind the health and certificate reads of the rows in view: bounded, each row read
// once (until a new round), and a row that scrolls away has its read dropped and is read when back.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlbClient } from '../../source/alb/client.js';
import { RowReader } from '../../source/ui/dashboard/row-reader.js';
import { useRowReads } from '../../source/ui/dashboard/use-row-reads.js';
import { settle } from '../helpers/ink.js';

/** A read that answers when the test says so, and knows whether it was cancelled. */
interface PendingRead {
  id: string;
  settled: boolean;
  signal: AbortSignal;
  answer: (value: string) => void;
  fail: () => void;
}

function reads() {
  const started: PendingRead[] = [];
  const read = (id: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      const one: PendingRead = {
        id,
        signal,
        settled: false,
        answer: (value) => {
          one.settled = true;
          resolve(value);
        },
        fail: () => {
          one.settled = true;
          reject(new Error('refused'));
        },
      };
      started.push(one);
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  /** Reads under way: neither answered nor cancelled. */
  const open = () => started.filter((one) => !one.signal.aborted && !one.settled).map((one) => one.id);
  const find = (id: string) => started.findLast((one) => one.id === id)!;
  return { started, read, open, find };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('RowReader', () => {
  it('reads the rows shown a few at a time, in order, the next as soon as one answers', async () => {
    const { read, open, find } = reads();
    const results: [string, string][] = [];
    const reader = new RowReader({ read, onRead: (id, value) => results.push([id, value]), concurrency: 2 });
    reader.show(['a', 'b', 'c', 'd']);
    expect(open()).toEqual(['a', 'b']);
    expect(reader.pending.queued).toEqual(['c', 'd']);
    find('b').answer('B');
    await flush();
    expect(results).toEqual([['b', 'B']]);
    expect(open()).toEqual(['a', 'c']);
  });

  it('reads a row once: shown again, read or failed, it is not asked again until forget()', async () => {
    const { read, started, find } = reads();
    const results: string[] = [];
    const reader = new RowReader({ read, onRead: (id) => results.push(id), concurrency: 3 });
    reader.show(['a', 'b']);
    find('a').answer('A');
    find('b').fail();
    await flush();
    reader.show(['a', 'b']);
    reader.show(['b', 'a']);
    expect(started.map((one) => one.id)).toEqual(['a', 'b']);
    expect(results).toEqual(['a']);
    reader.forget();
    reader.show(['a', 'b']);
    expect(started.map((one) => one.id)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('drops the reads of rows that scrolled away, queued or under way, and reads them when they are back', async () => {
    const { read, started, open, find } = reads();
    const results: string[] = [];
    const reader = new RowReader({ read, onRead: (id) => results.push(id), concurrency: 2 });
    reader.show(['a', 'b', 'c']);
    const firstA = find('a');
    reader.keepOnly(['b', 'x']);
    expect(firstA.signal.aborted).toBe(true);
    expect(open()).toEqual(['b']);
    expect(reader.pending.queued).toEqual([]);
    // The cancelled read's answer, had it come, is not reported.
    firstA.answer('late');
    await flush();
    expect(results).toEqual([]);
    reader.show(['a', 'b', 'c']);
    expect(open()).toEqual(['b', 'a']);
    expect(started.filter((one) => one.id === 'a')).toHaveLength(2);
    find('a').answer('A');
    await flush();
    expect(results).toEqual(['a']);
    expect(open()).toEqual(['b', 'c']);
  });

  it('reads nothing more once disposed, and cancels what was under way', () => {
    const { read, started } = reads();
    const reader = new RowReader({ read, onRead: () => undefined, concurrency: 1 });
    reader.show(['a', 'b']);
    reader.dispose();
    reader.show(['c']);
    expect(started.map((one) => [one.id, one.signal.aborted])).toEqual([['a', true]]);
  });
});

describe('useRowReads', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function mount(client: AlbClient | undefined, ids: readonly string[], round = 1) {
    const { read, started, open, find } = reads();
    const answers: [string, string, number][] = [];
    function Probe(props: { client: AlbClient | undefined; ids: readonly string[]; round: number }) {
      useRowReads({
        client: props.client,
        generation: 7,
        ids: props.ids,
        round: props.round,
        read: (_client, id, signal) => read(id, signal),
        onRead: (id, value, generation) => answers.push([id, value, generation]),
        restMs: 0,
        concurrency: 2,
      });
      return <Text>{props.ids.join(' ')}</Text>;
    }
    const app = render(<Probe client={client} ids={ids} round={round} />);
    cleanups.push(app.unmount);
    const show = (next: readonly string[], nextRound = round) =>
      app.rerender(<Probe client={client} ids={next} round={nextRound} />);
    return { app, show, started, open, find, answers };
  }
  const client = {} as AlbClient;

  it('reads the rows in view once the view rests, and reports with the generation', async () => {
    const { find, open, answers } = mount(client, ['a', 'b', 'c']);
    await settle(20);
    expect(open()).toEqual(['a', 'b']);
    find('a').answer('A');
    await settle(20);
    expect(answers).toEqual([['a', 'A', 7]]);
    expect(open()).toEqual(['b', 'c']);
  });

  it('cancels the reads of rows scrolled away and reads the new ones', async () => {
    const { show, find, open, started } = mount(client, ['a', 'b', 'c']);
    await settle(20);
    show(['c', 'd']);
    await settle(20);
    expect(find('a').signal.aborted).toBe(true);
    expect(find('b').signal.aborted).toBe(true);
    expect(open()).toEqual(['c', 'd']);
    expect(started.map((one) => one.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads rows already read again in a new round (a new listing), not before', async () => {
    const { show, find, started } = mount(client, ['a']);
    await settle(20);
    find('a').answer('A');
    await settle(20);
    show(['a']);
    await settle(20);
    expect(started).toHaveLength(1);
    show(['a'], 2);
    await settle(20);
    expect(started).toHaveLength(2);
  });

  it('reads nothing without a client', async () => {
    const { started } = mount(undefined, ['a', 'b']);
    await settle(20);
    expect(started).toEqual([]);
  });
});
