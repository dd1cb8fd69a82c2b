// Endpoint options as the user writes them (`http://127.0.0.1:8080`, `https://alb.cn-hangzhou.aliyuncs.com`)
// turned into what the SDK wants: a bare `host[:port]` plus a protocol (alb-api-reference.md §6.1).
import { AlbError } from './errors.js';

export interface ResolvedEndpoint {
  /** `host[:port]` for the SDK's `endpoint`; undefined lets the SDK derive it from the region. */
  host: string | undefined;
  protocol: 'http' | 'https';
  /** How the endpoint is named in messages: always with scheme. */
  display: string;
}

/**
 * Accepts `http://host[:port]`, `https://host[:port]` (a trailing `/` is fine) or a bare `host[:port]`
 * (HTTPS, as the cloud). Anything else (a path, a query, user info, another scheme) is a
 * configuration error. Without an endpoint the SDK's default `alb.<region>.aliyuncs.com` over HTTPS.
 */
export function resolveEndpoint(endpoint: string | undefined, defaultHost: string): ResolvedEndpoint {
  const trimmed = endpoint?.trim();
  if (!trimmed) return { host: undefined, protocol: 'https', display: `https://${defaultHost}` };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidEndpoint(trimmed);
  }
  const protocol = url.protocol === 'http:' ? 'http' : url.protocol === 'https:' ? 'https' : undefined;
  if (
    !protocol ||
    !url.hostname ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw invalidEndpoint(trimmed);
  }
  return { host: url.host, protocol, display: `${protocol}://${url.host}` };
}

/** Whether a host belongs to Alibaba Cloud itself (so CAS has its own endpoint there). */
export function isAliyunHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'aliyuncs.com' || name.endsWith('.aliyuncs.com') || name.endsWith('.aliyun.com');
}

function invalidEndpoint(value: string): AlbError {
  // User info in a URL may be a password: never echo it.
  const shown = JSON.stringify(value.replace(/\/\/[^/@]*@/, '//…@').slice(0, 120));
  return new AlbError({
    kind: 'config',
    message: {
      en: `invalid endpoint ${shown}: write http://host:port, https://host or host[:port]`,
      'zh-CN': `端点 ${shown} 无效：请写成 http://主机:端口、https://主机 或 主机[:端口]`,
    },
  });
}
