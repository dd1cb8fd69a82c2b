import { describe, expect, it } from 'vitest';
import { releaseGarbageSoon } from '../../source/ui/release-memory.js';

describe('releaseGarbageSoon', () => {
  it('frees what nothing references any more once it runs', async () => {
    let listing: object[] | undefined = Array.from({ length: 10_000 }, (_, i) => ({ id: `lsn-${i}` }));
    const held = new WeakRef(listing);
    listing = undefined;
    expect(listing).toBeUndefined();
    releaseGarbageSoon(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.deref()).toBeUndefined();
  });
});
