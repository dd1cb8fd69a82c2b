// Shared set-up for the local ALB tests: the real SDK clients pointed at a running emulator.
import AlbModule, * as $Alb from '@alicloud/alb20200616';
import CasModule, * as $Cas from '@alicloud/cas20200407';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { expect } from 'vitest';
import type { RunningEmulator } from '../../source/emulator/index.js';

export { $Alb, $Cas };

// Under Node's ESM loader the default import of these CommonJS packages is `module.exports`, whose
// `default` is the client; vitest's interop hands over the client itself. Accept both.
type AlbClient = typeof AlbModule.default;
type CasClient = typeof CasModule.default;
const Alb = ((AlbModule as unknown as { default?: AlbClient }).default ??
  (AlbModule as unknown as AlbClient)) as AlbClient;
const Cas = ((CasModule as unknown as { default?: CasClient }).default ??
  (CasModule as unknown as CasClient)) as CasClient;

export interface Clients {
  alb: InstanceType<AlbClient>;
  cas: InstanceType<CasClient>;
}

export function sdkConfig(
  emulator: RunningEmulator,
  overrides: Partial<{ accessKeyId: string; accessKeySecret: string }> = {},
): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: overrides.accessKeyId ?? emulator.accessKeyId,
    accessKeySecret: overrides.accessKeySecret ?? emulator.accessKeySecret,
    endpoint: `127.0.0.1:${emulator.port}`,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    readTimeout: 5000,
    connectTimeout: 5000,
  });
}

export function clients(emulator: RunningEmulator): Clients {
  const config = sdkConfig(emulator);
  return { alb: new Alb(config), cas: new Cas(config) };
}

export function albClient(config: $OpenApiUtil.Config): InstanceType<AlbClient> {
  return new Alb(config);
}

/** The SDK's error for a call expected to fail (`code`, `statusCode`, `data` = the raw JSON body). */
export async function failure(
  call: Promise<unknown>,
): Promise<{ code: string; statusCode: number; data: Record<string, unknown>; retryAfter?: number }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; statusCode: number; data: Record<string, unknown>; retryAfter?: number };
  }
  throw new Error('expected the call to fail');
}

/** Asserts an error body has every field the gateway sends. */
export function expectErrorBody(data: Record<string, unknown>, code: string): void {
  expect(data['Code']).toBe(code);
  expect(typeof data['Message']).toBe('string');
  expect(data['RequestId']).toMatch(/^[0-9A-F-]{36}$/);
  expect(typeof data['HostId']).toBe('string');
  expect(data['Recommend']).toBe(
    `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Alb&requestId=${String(data['RequestId'])}`,
  );
}
