// The actions the local ALB answers, as its core reports them.
import { AlbCore } from '../../source/emulator/core.js';
import { seedState } from '../../source/emulator/seed.js';
import type { Product } from './metadata.js';

export function implementedActions(): Record<Product, string[]> {
  const core = new AlbCore(seedState({ region: 'cn-hangzhou', seed: 1, now: 0 }), {
    now: () => 0,
    provisioningDelayMs: 0,
    onChange: () => undefined,
  });
  try {
    return core.actions();
  } finally {
    core.close();
  }
}
