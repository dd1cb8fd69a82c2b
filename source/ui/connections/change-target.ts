// Where a change goes, as its confirmation says it: `Target: prod · cn-shanghai` (several when a
// change spans rows of several connections). Every review and typed confirmation of a view that
// changes the account draws this line, with one connection open as with several. Pure.
import type { Lang } from '../i18n.js';
import type { Connection } from '../connection.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { ct } from './connections-i18n.js';

/** A connection as a change's confirmation names it. */
export interface ChangeTarget {
  readonly profile: string;
  readonly region: string;
}

export function targetOf(connection: Pick<Connection, 'profile' | 'region'>): ChangeTarget {
  return { profile: connection.profile, region: connection.region };
}

/** `Target: local · cn-hangzhou`, or `Targets: a · r1, b · r2`; empty when there is none to say. */
export function targetLine(targets: readonly ChangeTarget[] | undefined, lang: Lang): string {
  if (!targets || targets.length === 0) return '';
  const names = targets.map((target) => `${target.profile} · ${target.region}`).join(', ');
  return sanitizeForTerminal(ct(lang, targets.length === 1 ? 'reviewTarget' : 'reviewTargets', { names }));
}
