// Where each local instance serves: its own loopback address, derived from its ID, so two instances
// can both serve HTTPS 443. All of 127.0.0.0/8 reaches the loopback interface on Linux; elsewhere
// (macOS has 127.0.0.1 only) every instance shares 127.0.0.1 and listeners spread over ports.
import { createHash } from 'node:crypto';

export const SHARED_LOOPBACK = '127.0.0.1';

/** Whether every address of 127.0.0.0/8 can be bound without configuring the interface. */
export function perInstanceAddresses(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux';
}

/**
 * `127.a.b.c` from a hash of the instance ID (a ≥ 1 keeps clear of 127.0.0.x, which other local
 * services use). Two instances may draw the same address; their listeners then spread over ports.
 */
export function instanceAddress(
  loadBalancerId: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (!perInstanceAddresses(platform)) return SHARED_LOOPBACK;
  const digest = createHash('sha256').update(`loopback/${loadBalancerId}`).digest();
  const a = 1 + (digest[0]! % 254);
  const b = digest[1]!;
  const c = 1 + (digest[2]! % 254);
  return `127.${a}.${b}.${c}`;
}
