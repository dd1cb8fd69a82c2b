// `alb-tui listener get` says where the local ALB serves a listener: read from the file the process
// that runs the data plane publishes (here a dashboard-like connection in this process), and says
// plainly when nothing serves traffic.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { collect } from '../../source/alb/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type OpenConnection } from '../../source/cli/connect.js';
import { LOCAL_SERVED_FILE, type ServedTraffic } from '../../source/cli/traffic.js';
import { dataDir } from '../../source/store/index.js';
import { sandbox, type Sandbox } from '../commands/helpers.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox();
});
afterAll(() => box.cleanup());

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('listener get and the data plane', () => {
  it('without a running data plane: says the local ALB serves no traffic', async () => {
    const id = await box.withLocal(async ({ client }) => {
      const [listener] = await collect(client.listListeners());
      return listener!.listenerId;
    });
    const result = await box.run(['listener', 'get', id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Served at: +not served: this local ALB serves no traffic \(--no-data-plane, or no alb-tui/,
    );
  });

  describe('while alb-tui serves the local ALB', () => {
    let connection: OpenConnection;
    beforeAll(async () => {
      connection = await openConnection({ lang: 'en', env: box.env, dataPlane: { portOffset: 21_000 } });
      const plane = await (connection.served as ServedTraffic).started;
      await plane.settled();
      const file = path.join(dataDir(box.env), LOCAL_SERVED_FILE);
      // Published once every listener is settled.
      const expected = Object.keys(plane.servedListeners()).length;
      await until(async () => {
        const text = await readFile(file, 'utf8').catch(() => '{}');
        const listeners =
          (JSON.parse(text) as { listeners?: Record<string, { kind: string }> }).listeners ?? {};
        return Object.values(listeners).filter((l) => l.kind !== 'starting').length === expected;
      });
    });
    afterAll(() => connection.close());

    it('prints the URL and a curl line for an HTTPS listener, and servedAt under --json', async () => {
      const listeners = await collect(connection.client.listListeners());
      const state = listeners.find((l) => l.listenerProtocol === 'HTTPS' && l.listenerStatus === 'Running')!;
      const served = connection.served!.servedAt(state.listenerId);
      expect(served?.kind).toBe('served');
      if (served?.kind !== 'served') return;
      const text = await box.run(['listener', 'get', state.listenerId]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(served.url);
      expect(text.stdout).toMatch(/Try: +curl --cacert \S+local-ca\/ca\.pem --resolve /);
      const json = await box.run(['listener', 'get', state.listenerId, '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({ servedAt: { kind: 'served', url: served.url } });
    });
  });
});
