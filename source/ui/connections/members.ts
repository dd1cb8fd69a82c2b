// Several connections open at once: how the command line and `:ctx` name them (`prod,staging`, `all`,
// `local@cn-shanghai` for another region of the same profile), what each one is called on screen, and
// the colour its rows carry. Pure.
import type { Connection } from '../connection.js';

/** A name list as `--connection` and `:ctx` take it; `all` opens every saved connection. */
export const ALL_CONNECTIONS = 'all';

/** One connection of a mixed view, keyed the way rows name it. */
export interface ConnectionMember {
  /** `profile@region`: unique among the open connections, what a row's `connection` holds. */
  readonly key: string;
  readonly connection: Connection;
  /** The profile's own colour, else one of the palette's by position. */
  readonly colour: string;
}

/** Colours the profile store allows, in the order a mixed view hands them out (red stays for production). */
export const MEMBER_PALETTE = ['cyan', 'magenta', 'blue', 'yellow', 'green', 'white'] as const;

/** `a, b ,a` → [`a`, `b`]: the names in order, each once; empty words dropped. */
export function splitConnectionSpec(spec: string): string[] {
  const names: string[] = [];
  for (const word of spec.split(',')) {
    const name = word.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Whether a `--connection` or `:ctx` value names more than one connection (or all of them). */
export function isMultiSpec(spec: string | undefined): boolean {
  if (spec === undefined) return false;
  const names = splitConnectionSpec(spec);
  return names.length > 1 || names[0] === ALL_CONNECTIONS;
}

/** `prod@cn-shanghai` → profile `prod`, region `cn-shanghai`; a plain name keeps the profile's region. */
export function parseMemberName(name: string): { profile: string; region?: string } {
  const at = name.lastIndexOf('@');
  if (at <= 0 || at === name.length - 1) return { profile: name };
  return { profile: name.slice(0, at), region: name.slice(at + 1) };
}

export function memberKey(connection: Pick<Connection, 'profile' | 'region'>): string {
  return `${connection.profile}@${connection.region}`;
}

/** The members of a set of opened connections, each keyed and coloured; a repeated key is dropped. */
export function membersOf(connections: readonly Connection[]): ConnectionMember[] {
  const members: ConnectionMember[] = [];
  for (const connection of connections) {
    const key = memberKey(connection);
    if (members.some((member) => member.key === key)) continue;
    const colour = connection.colour ?? MEMBER_PALETTE[members.length % MEMBER_PALETTE.length]!;
    members.push({ key, connection, colour });
  }
  return members;
}
