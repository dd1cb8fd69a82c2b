// Where the local ALB's data plane serves each listener, as the app and the commands may know it
// without importing the emulator: the CLI gives them an implementation (the data plane's own, or one
// over the file a running local ALB publishes).

/** Why a listener the local ALB knows accepts no connections. */
export type NotServedReason =
  'stopped' | 'provisioning' | 'quic' | 'instance-inactive' | 'no-certificate' | 'bind-failed' | 'starting';

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
    '--resolve',
    `${name}:${served.port}:${served.address}`,
    `https://${name}:${served.port}/`,
  ].join(' ');
}

/** A host name a certificate's name covers (`*.example.com` → `www.example.com`). */
export function hostCoveredBy(name: string): string {
  return name.startsWith('*.') ? `www.${name.slice(2)}` : name;
}
