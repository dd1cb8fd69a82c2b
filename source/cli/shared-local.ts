// Several connections in one dashboard may include the local ALB in more than one region
// (`--connection local,local@cn-shanghai`): the first starts it, the others are clients of the same
// running local ALB for their regions, and it stops when the last of them closes.
import type { OpenConnection } from './connect.js';

export class SharedLocal {
  #opened: OpenConnection | undefined;
  #users = 0;

  /** Opens the local ALB for `region`: started by `start` the first time, shared after that. */
  async open(region: string | undefined, start: () => Promise<OpenConnection>): Promise<OpenConnection> {
    const running = this.#opened;
    if (running?.forRegion && region !== undefined && region !== running.info.region) {
      this.#users += 1;
      return { ...running.forRegion(region), close: () => this.#release() };
    }
    if (running) {
      this.#users += 1;
      return { ...running, warnings: [], close: () => this.#release() };
    }
    const opened = await start();
    this.#opened = opened;
    this.#users = 1;
    return { ...opened, close: () => this.#release() };
  }

  async #release(): Promise<void> {
    this.#users -= 1;
    if (this.#users > 0) return;
    const opened = this.#opened;
    this.#opened = undefined;
    await opened?.close();
  }
}
