// What the header says about where the dashboard is connected. The CLI builds it; the UI only shows it.
import type { ServedAddresses } from '../domain/served-addresses.js';
import { sanitizeForTerminal } from '../domain/text.js';
import type { ConnectionMember } from './connections/members.js';
import { t, type Lang } from './i18n.js';

export const DEFAULT_REGION = 'cn-hangzhou';
/** The built-in connection profile: the local ALB. */
export const LOCAL_PROFILE = 'local';

export interface Connection {
  kind: 'local' | 'cloud';
  region: string;
  /** The connection profile (what `:ctx` switches between), or the endpoint for an ad-hoc `--endpoint`. */
  profile: string;
  /** As the user should read it, with scheme; shown for cloud connections. */
  endpoint?: string;
  readOnly?: boolean;
  /** A connection that can change production resources: the header marks it in red. */
  production?: boolean;
  /** The profile's own colour for the header, when it has one. */
  colour?: string;
  /** The local ALB: where it serves each listener (for curl). */
  served?: ServedAddresses;
  /**
   * With several connections open (`--connection a,b`, `:ctx` with marks): every one of them, this
   * connection (the first) among them. Absent with one.
   */
  members?: readonly ConnectionMember[];
}

/** `local ALB · cn-hangzhou · profile local`, or `Alibaba Cloud · <region> · <endpoint> · profile …`. */
export function describeConnection(connection: Connection, lang: Lang): string {
  const parts =
    connection.kind === 'local'
      ? [t(lang, 'localAlb'), connection.region]
      : [t(lang, 'alibabaCloud'), connection.region, ...(connection.endpoint ? [connection.endpoint] : [])];
  if (connection.profile !== connection.endpoint)
    parts.push(t(lang, 'profile', { name: connection.profile }));
  return sanitizeForTerminal(parts.join(' · '));
}

/** Marked red in the header: a production connection, or (without a profile saying so) any real cloud one. */
export function isProduction(connection: Connection): boolean {
  return connection.production ?? connection.kind === 'cloud';
}
