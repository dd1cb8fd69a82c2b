// An SDK client for a local ALB a test started, with its AccessKey pair.
import { createSdkAlbClient, type SdkAlbClient, type SdkClientOptions } from '../../source/alb/sdk-client.js';
import type { RunningEmulator } from '../../source/emulator/index.js';

/** What a client needs of a local ALB (one started here, or in another process). */
export type LocalAlb = Pick<RunningEmulator, 'region' | 'endpoint' | 'accessKeyId' | 'accessKeySecret'>;

export function clientFor(emulator: LocalAlb, options: Partial<SdkClientOptions> = {}): SdkAlbClient {
  return createSdkAlbClient({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: {
      kind: 'static',
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    },
    ...options,
  });
}
