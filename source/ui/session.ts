// The connections the dashboard talks through, opened and switched (`:ctx`) by a function the CLI
// gives (the UI never starts the local ALB itself). One set at a time: the old ones are closed before
// the next open, so two local ALBs never write the same state file. With several open, the views get
// one client that sends each call to the connection it concerns (connections/routing-client.ts).
import type { AlbClient } from '../alb/client.js';
import type { Localized } from '../domain/i18n.js';
import type { Connection } from './connection.js';
import {
  ALL_CONNECTIONS,
  membersOf,
  memberKey,
  splitConnectionSpec,
  type ConnectionMember,
} from './connections/members.js';
import { refusingChanges, routingClient } from './connections/routing-client.js';
import { logForConnection, OpsLog } from './ops/ops-log.js';
import { recordingClient } from './ops/recording-client.js';

export interface OpenedConnection {
  client: AlbClient;
  connection: Connection;
  /** What the user should be told (e.g. a corrupt state file moved aside). */
  warnings: readonly Localized[];
  close(): Promise<void>;
}

/** Opens a connection profile by name (`name@region` for another region); undefined means the one the command line chose. */
export type ConnectionOpener = (name: string | undefined) => Promise<OpenedConnection>;

/** One open connection of the set, with the client its rows' calls go through. */
export interface OpenMember {
  readonly member: ConnectionMember;
  readonly client: AlbClient;
}

export interface SessionsOptions {
  opsLog?: OpsLog;
  /** Every saved connection's name, for `all`. */
  listNames?: () => Promise<readonly string[]>;
}

export class Sessions {
  readonly #open: ConnectionOpener;
  readonly #listNames: (() => Promise<readonly string[]>) | undefined;
  #opened: OpenedConnection[] = [];
  #members: OpenMember[] = [];
  #client: AlbClient | undefined;
  #owners = new Map<string, AlbClient>();
  #focus: string | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Every change this session made, over all its connections (`:ops`). */
  readonly opsLog: OpsLog;

  constructor(open: ConnectionOpener, options: SessionsOptions | OpsLog = {}) {
    this.#open = open;
    const settings = options instanceof OpsLog ? { opsLog: options } : options;
    this.opsLog = settings.opsLog ?? new OpsLog();
    this.#listNames = settings.listNames;
  }

  /** The client the views call through; undefined while none is open. */
  get client(): AlbClient | undefined {
    return this.#client;
  }

  /** The open connections, in the order they were named. */
  get members(): readonly OpenMember[] {
    return this.#members;
  }

  /** Calls that name no resource go to this connection (the row under the cursor). */
  focus(key: string | undefined): void {
    this.#focus = key;
  }

  /** A listing showed these resources on this connection: calls about them go there. */
  noteOwners(key: string, ids: Iterable<string>): void {
    const owner = this.#members.find((open) => open.member.key === key);
    if (!owner) return;
    // The first connection that listed an ID keeps it, as the merged list shows it under the first.
    for (const id of ids) if (!this.#owners.has(id)) this.#owners.set(id, owner.client);
  }

  /**
   * Closes the open connections, then opens `spec`: one name, several (`a,b`), or `all`. With
   * several, a connection that cannot be opened is left out and said in the warnings; the others open.
   */
  switchTo(spec: string | undefined): Promise<OpenedConnection> {
    const run = this.#chain.then(async () => {
      if (this.#closed) throw new Error('the dashboard is closing');
      const previous = this.#opened;
      this.#opened = [];
      this.#members = [];
      this.#client = undefined;
      this.#owners = new Map();
      await Promise.all(previous.map((opened) => opened.close().catch(() => undefined)));
      const names = await this.#names(spec);
      const opened: OpenedConnection[] = [];
      const warnings: Localized[] = [];
      let firstError: unknown;
      // One after another: the local ALB's regions share the one emulator the first of them starts.
      for (const name of names) {
        try {
          opened.push(await this.#open(name));
        } catch (error) {
          if (names.length === 1) throw error;
          firstError ??= error;
          warnings.push(openFailure(name ?? '', error));
        }
      }
      if (opened.length === 0) throw firstError ?? new Error('no connection to open');
      if (this.#closed) {
        await Promise.all(opened.map((one) => one.close().catch(() => undefined)));
        throw new Error('the dashboard is closing');
      }
      return this.#adopt(opened, warnings);
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #names(spec: string | undefined): Promise<(string | undefined)[]> {
    if (spec === undefined) return [undefined];
    const names = splitConnectionSpec(spec);
    if (names.length === 1 && names[0] === ALL_CONNECTIONS && this.#listNames) {
      const all = await this.#listNames();
      return all.length > 0 ? [...all] : [undefined];
    }
    return names.length > 0 ? names : [undefined];
  }

  #adopt(opened: OpenedConnection[], warnings: Localized[]): OpenedConnection {
    this.#opened = opened;
    const members = membersOf(opened.map((one) => one.connection));
    const several = opened.length > 1;
    this.#members = opened.map((one, index) => {
      const member =
        members.find((candidate) => candidate.key === memberKey(one.connection)) ?? members[index]!;
      // Every view and effect calls through this client, so each change lands in the operations log,
      // naming the connection and region it went to (`prod@cn-shanghai`), one connection or several; a
      // read-only one refuses before anything is logged or sent.
      const recorded = recordingClient(one.client, logForConnection(this.opsLog, member.key), {
        region: one.connection.region,
        endpoint: one.client.endpoint,
      });
      const client = one.connection.readOnly ? refusingChanges(recorded, member.key) : recorded;
      return { member, client };
    });
    const first = this.#members[0]!;
    this.#focus = first.member.key;
    this.#client = several
      ? routingClient({
          owner: (id) => this.#owners.get(id),
          focused: () =>
            (this.#members.find((open) => open.member.key === this.#focus) ?? this.#members[0]!).client,
        })
      : first.client;
    const primary = opened[0]!;
    return {
      client: this.#client,
      connection: several ? { ...first.member.connection, members } : primary.connection,
      warnings: [...opened.flatMap((one) => one.warnings), ...warnings],
      close: () => this.close(),
    };
  }

  /** Closes the open connections (the local ALB writes its state). Safe to call more than once. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#chain;
    const opened = this.#opened;
    this.#opened = [];
    this.#members = [];
    this.#client = undefined;
    await Promise.all(opened.map((one) => one.close()));
  }
}

function openFailure(name: string, error: unknown): Localized {
  const message = (error as { localized?: Localized; message?: unknown }) ?? {};
  const reason: Localized =
    message.localized ??
    (typeof message.message === 'object' && message.message !== null
      ? (message.message as Localized)
      : { en: String(message.message ?? error), 'zh-CN': String(message.message ?? error) });
  return { en: `${name}: not opened: ${reason.en}`, 'zh-CN': `${name}：未能打开：${reason['zh-CN']}` };
}
