import { describe, expect, it } from 'vitest';
import { releaseAfterFirstLoad, releaseGarbageSoon } from '../../source/ui/release-memory.js';

/** A listing nothing refers to any more, and a weak reference to see whether it was freed. */
function droppedListing(): WeakRef<object[]> {
  const listing: object[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `lsn-${i}` }));
  return new WeakRef(listing);
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('releasing the garbage of a load', () => {
  it('frees what nothing references any more once it runs', async () => {
    const held = droppedListing();
    releaseGarbageSoon(0);
    await later(20);
    expect(held.deref()).toBeUndefined();
  });

  it('collects after the first load of each connection only, not after every refresh', async () => {
    const connection = {};
    const first = droppedListing();
    releaseAfterFirstLoad(connection, 0);
    await later(20);
    expect(first.deref()).toBeUndefined();

    const refresh = droppedListing();
    releaseAfterFirstLoad(connection, 0);
    await later(20);
    expect(refresh.deref()).toBeDefined();

    const other = droppedListing();
    releaseAfterFirstLoad({}, 0);
    await later(20);
    expect(other.deref()).toBeUndefined();
  });
});
