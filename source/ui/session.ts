// The connection the dashboard talks through, opened and switched (`:ctx`) by a function the CLI
// gives (the UI never starts the local ALB itself). One at a time: the old one is closed before the
// next opens, so two local ALBs never write the same state file.
import type { AlbClient } from '../alb/client.js';
import type { Localized } from '../domain/i18n.js';
import type { Connection } from './connection.js';
import { OpsLog } from './ops/ops-log.js';
import { recordingClient } from './ops/recording-client.js';

export interface OpenedConnection {
  client: AlbClient;
  connection: Connection;
  /** What the user should be told (e.g. a corrupt state file moved aside). */
  warnings: readonly Localized[];
  close(): Promise<void>;
}

/** Opens a connection profile by name; undefined means the one the command line chose. */
export type ConnectionOpener = (name: string | undefined) => Promise<OpenedConnection>;

export class Sessions {
  readonly #open: ConnectionOpener;
  #current: OpenedConnection | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** Every change this session made, over all its connections (`:ops`). */
  readonly opsLog: OpsLog;

  constructor(open: ConnectionOpener, opsLog: OpsLog = new OpsLog()) {
    this.#open = open;
    this.opsLog = opsLog;
  }

  /** The client of the open connection; undefined while none is open. */
  get client(): AlbClient | undefined {
    return this.#current?.client;
  }

  /** Closes the open connection, then opens `name`. Calls run one after another. */
  switchTo(name: string | undefined): Promise<OpenedConnection> {
    const run = this.#chain.then(async () => {
      if (this.#closed) throw new Error('the dashboard is closing');
      const previous = this.#current;
      this.#current = undefined;
      await previous?.close().catch(() => undefined);
      const opened = await this.#open(name);
      if (this.#closed) {
        await opened.close().catch(() => undefined);
        throw new Error('the dashboard is closing');
      }
      // Every view and effect calls through this client, so each change lands in the operations log.
      const client = recordingClient(opened.client, this.opsLog, {
        region: opened.client.region,
        endpoint: opened.client.endpoint,
      });
      this.#current = { ...opened, client };
      return this.#current;
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Closes the open connection (the local ALB writes its state). Safe to call more than once. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#chain;
    const current = this.#current;
    this.#current = undefined;
    await current?.close();
  }
}
