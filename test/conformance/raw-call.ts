// Calls the local ALB through openapi-core's generic `callApi` (signature V3, as the SDK signs) and
// returns the reply JSON as it came, unknown keys included: the SDK's typed models would drop them.
import { $OpenApiUtil } from '@alicloud/openapi-core';
import OpenApiModule from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { ALB_VERSION, CAS_VERSION, type RunningEmulator } from '../../source/emulator/index.js';
import type { Product } from './metadata.js';

type OpenApiClient = typeof OpenApiModule.default;
const OpenApi = ((OpenApiModule as unknown as { default?: OpenApiClient }).default ??
  (OpenApiModule as unknown as OpenApiClient)) as OpenApiClient;

export type Reply =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code: string; body: Record<string, unknown> };

export interface RawCaller {
  (product: Product, action: string, query?: Record<string, string>): Promise<Reply>;
}

export function rawCaller(emulator: RunningEmulator): RawCaller {
  const client = new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: `127.0.0.1:${emulator.port}`,
      protocol: 'http',
      regionId: emulator.region,
      readTimeout: 10_000,
      connectTimeout: 5000,
    }),
  );
  return async (product, action, query = {}) => {
    const params = new $OpenApiUtil.Params({
      action,
      version: product === 'alb' ? ALB_VERSION : CAS_VERSION,
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    try {
      const reply = (await client.callApi(
        params,
        new $OpenApiUtil.OpenApiRequest({ query }),
        new $dara.RuntimeOptions({}),
      )) as { statusCode: number; body: Record<string, unknown> };
      return { ok: true, status: reply.statusCode, body: reply.body };
    } catch (error) {
      const { code, statusCode, data } = error as {
        code?: string;
        statusCode?: number;
        data?: Record<string, unknown>;
      };
      if (typeof code !== 'string' || typeof statusCode !== 'number') throw error;
      return { ok: false, status: statusCode, code, body: data ?? {} };
    }
  };
}
