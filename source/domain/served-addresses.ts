// Where the local ALB's data plane serves each listener, as the app and the commands may know it
// without importing the emulator: the CLI gives them an implementation (the data plane's own, or one
// over the file a running local ALB publishes).
import { both, type Localized } from './i18n.js';

/** Why a listener the local ALB knows accepts no connections. */
export type NotServedReason =
  | 'stopped'
  | 'provisioning'
  | 'quic'
  | 'instance-inactive'
  | 'no-certificate'
  | 'bind-failed'
  | 'starting'
  /** More listeners than the data plane serves at once (a `--scale` state); `detail` is the limit. */
  | 'over-limit'
  /** Nothing serves traffic: `--no-data-plane`, or a command's own short-lived local ALB. */
  | 'no-data-plane';

export type ServedListener =
  | {
      kind: 'served';
      /** A URL to paste into curl, e.g. `https://127.31.4.7:10443/`. */
      url: string;
      address: string;
      port: number;
      /** The listener's own port: differs from `port` when that could not be bound. */
      listenerPort: number;
      /** HTTPS: a name its default certificate covers, for curl's `--resolve`. */
      serverName?: string;
      /** Mutual TLS: a client certificate its CA signed, kept by the local ALB (for curl's `--cert`). */
      clientCertificate?: { certPath: string; keyPath: string };
    }
  | { kind: 'not-served'; reason: NotServedReason; detail?: string };

export interface ServedAddresses {
  /** Undefined when the data plane knows nothing of the listener (e.g. not the local ALB's). */
  servedAt(listenerId: string): ServedListener | undefined;
  /** The local CA's certificate file, for `curl --cacert`. */
  caCertificatePath?(): string | undefined;
}

/**
 * The curl command that reaches a served listener: for HTTPS by a name its certificate covers,
 * resolved to the listener's address, and trusting the local CA.
 */
export function curlCommand(served: Extract<ServedListener, { kind: 'served' }>, caPath?: string): string {
  if (!served.url.startsWith('https:') || !served.serverName) return `curl ${served.url}`;
  const name = served.serverName;
  return [
    'curl',
    ...(caPath ? ['--cacert', caPath] : []),
    ...(served.clientCertificate
      ? ['--cert', served.clientCertificate.certPath, '--key', served.clientCertificate.keyPath]
      : []),
    '--resolve',
    `${name}:${served.port}:${served.address}`,
    `https://${name}:${served.port}/`,
  ].join(' ');
}

/** A host name a certificate's name covers (`*.example.com` → `www.example.com`). */
export function hostCoveredBy(name: string): string {
  return name.startsWith('*.') ? `www.${name.slice(2)}` : name;
}

/** What the listener detail and `listener get` say, in both languages. */
export const servedMessages = {
  label: both('Served at', '本地访问地址'),
  curlLabel: both('Try', '试一试'),
  deleted: both('deleted: no longer served', '已删除：不再提供服务'),
  caCertificate: (path: string): Localized =>
    both(`local CA certificate (for curl --cacert): ${path}`, `本地 CA 证书（用于 curl --cacert）：${path}`),
  caFailed: (reason: string): Localized =>
    both(`the local CA could not be created: ${reason}`, `无法创建本地 CA：${reason}`),
  portMoved: (port: number): Localized =>
    both(`(port ${port} could not be bound)`, `（端口 ${port} 无法绑定，已改用此端口）`),
  reason(reason: NotServedReason, detail?: string): Localized {
    switch (reason) {
      case 'stopped':
        return both(
          'not served: the listener is stopped (connections refused)',
          '未提供服务：监听已停止（拒绝连接）',
        );
      case 'provisioning':
        return both('not served yet: the listener is being created', '尚未提供服务：监听创建中');
      case 'quic':
        return both(
          'not served: QUIC is not available locally (Node.js has no QUIC)',
          '未提供服务：本地不支持 QUIC（Node.js 不支持 QUIC）',
        );
      case 'instance-inactive':
        return both('not served: the instance is inactive', '未提供服务：实例未运行');
      case 'no-certificate':
        return both(
          'not served: its certificate is not in the local ALB',
          '未提供服务：本地 ALB 中没有该监听的证书',
        );
      case 'bind-failed':
        return both(`not served: ${detail ?? 'could not listen'}`, `未提供服务：${detail ?? '无法监听'}`);
      case 'starting':
        return both('starting…', '启动中…');
      case 'over-limit':
        return both(
          `not served: the local ALB serves at most ${detail ?? ''} listeners at once`,
          `未提供服务：本地 ALB 最多同时为 ${detail ?? ''} 个监听提供服务`,
        );
      case 'no-data-plane':
        return both(
          'not served: this local ALB serves no traffic (--no-data-plane, or no alb-tui or alb-tui emulator is running)',
          '未提供服务：此本地 ALB 不处理流量（使用了 --no-data-plane，或没有正在运行的 alb-tui / alb-tui emulator）',
        );
    }
  },
};

/** The served address, or why not, as one line; and the curl command when served. */
export function describeServedListener(
  served: ServedListener,
  caPath?: string,
): { where: Localized; curl?: string } {
  if (served.kind === 'not-served') return { where: servedMessages.reason(served.reason, served.detail) };
  const moved =
    served.port === served.listenerPort ? undefined : servedMessages.portMoved(served.listenerPort);
  return {
    where: moved
      ? both(`${served.url} ${moved.en}`, `${served.url} ${moved['zh-CN']}`)
      : both(served.url, served.url),
    curl: curlCommand(served, caPath),
  };
}
