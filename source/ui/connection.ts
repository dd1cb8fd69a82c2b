// What the header says about where the dashboard is connected. The CLI builds it; the UI only shows it.
import { sanitizeForTerminal } from '../domain/text.js';
import { t, type Lang } from './i18n.js';

export const DEFAULT_REGION = 'cn-hangzhou';
export const DEFAULT_PROFILE = 'default';

export type Connection =
  | { kind: 'local'; region: string; profile: string }
  | {
      kind: 'cloud';
      region: string;
      /** As the user should read it, with scheme; absent when the SDK derives it from the region. */
      endpoint?: string;
      profile: string;
      readOnly?: boolean;
    };

/** `local ALB · cn-hangzhou · profile default`, or `Alibaba Cloud · <region> · <endpoint> · profile …`. */
export function describeConnection(connection: Connection, lang: Lang): string {
  const parts =
    connection.kind === 'local'
      ? [t(lang, 'localAlb'), connection.region]
      : [t(lang, 'alibabaCloud'), connection.region, ...(connection.endpoint ? [connection.endpoint] : [])];
  parts.push(t(lang, 'profile', { name: connection.profile }));
  if (connection.kind === 'cloud' && connection.readOnly) parts.push(t(lang, 'readOnly'));
  return sanitizeForTerminal(parts.join(' · '));
}

/** A real cloud connection can change production resources, so the header marks it. */
export function isProduction(connection: Connection): boolean {
  return connection.kind === 'cloud';
}
