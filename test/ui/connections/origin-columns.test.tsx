// Two regions of one profile in one view: their rows must read apart at 120 and at 80 columns, where
// the region column may not fit, with each connection's colour kept.
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/ui/app.js';
import type { Connection } from '../../../source/ui/connection.js';
import { membersOf } from '../../../source/ui/connections/members.js';
import { connectionLabels, originColumns } from '../../../source/ui/connections/origin-columns.js';
import { fitColumns, rowSegments } from '../../../source/ui/dashboard/columns.js';
import { preloadViews } from '../../../source/ui/lazy-views.js';
import { Sessions } from '../../../source/ui/session.js';
import { settle } from '../../helpers/ink.js';
import { FakeAlbClient, instance, listener, NOW, sampleData } from '../fake-client.js';

const HZ: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'local' };
const SH: Connection = { kind: 'local', region: 'cn-shanghai', profile: 'local' };
const PROD: Connection = { kind: 'cloud', region: 'cn-beijing', profile: 'prod' };

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function shanghaiClient(): FakeAlbClient {
  return new FakeAlbClient({
    ...sampleData(),
    loadBalancers: [instance('alb-sh', 'web-prod')],
    listeners: [listener('lsn-sh', 'alb-sh', 'HTTPS', 443, 'web_https_443')],
  });
}

function showMixed(size: { columns: number; rows: number }, lang: 'en' | 'zh-CN' = 'en') {
  const byName = new Map<string, [Connection, FakeAlbClient]>([
    ['local@cn-hangzhou', [HZ, new FakeAlbClient()]],
    ['local@cn-shanghai', [SH, shanghaiClient()]],
  ]);
  const sessions = new Sessions(async (name) => {
    const [connection, client] = byName.get(name ?? '')!;
    return { client, connection, warnings: [], close: async () => undefined };
  });
  const app = render(
    <App
      connection={HZ}
      connectionName="local@cn-hangzhou,local@cn-shanghai"
      sessions={sessions}
      lang={lang}
      colour={false}
      size={size}
      now={() => NOW}
      writeTerminal={() => undefined}
      refreshSeconds={0}
    />,
  );
  cleanups.push(app.unmount);
  return app;
}

async function frameWith(app: ReturnType<typeof showMixed>, text: string): Promise<string> {
  const until = Date.now() + 3000;
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (frame.includes(text)) return frame;
    if (Date.now() > until) throw new Error(`timed out waiting for ${text}\n${frame}`);
    await settle(10);
  }
}

describe('rows of two regions of one profile', () => {
  it('name the region in the connection column; a profile open once keeps its bare name', () => {
    const labels = connectionLabels(membersOf([HZ, SH, PROD]));
    expect([...labels.values()]).toEqual(['local@cn-hangzhou', 'local@cn-shanghai', 'prod']);
    expect([...connectionLabels(membersOf([HZ, PROD])).values()]).toEqual(['local', 'prod']);
  });

  it('keep each connection’s colour', () => {
    const members = membersOf([HZ, SH]);
    const [column] = originColumns<{ id: string; connection?: string }>(members, 'en');
    const context = { lang: 'en' as const, deleting: new Set<string>() };
    const cells = members.map((member) => column!.cell({ id: 'x', connection: member.key }, context));
    expect(cells.map((cell) => cell.text)).toEqual(['local@cn-hangzhou', 'local@cn-shanghai']);
    expect(cells[0]!.colour).not.toBe(cells[1]!.colour);
  });

  for (const size of [
    { columns: 120, rows: 36 },
    { columns: 80, rows: 24 },
  ]) {
    it(`read apart at ${size.columns} columns, in both languages`, async () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        const app = showMixed(size, lang);
        const frame = await frameWith(app, lang === 'en' ? 'Instances 4' : '实例 4');
        // The two instances are both called web-prod: only the connection column tells them apart.
        const rows = frame.split('\n').filter((line) => /│[› ] web-prod /.test(line));
        expect(rows).toHaveLength(2);
        expect(rows[0]).toMatch(/web-prod +local@cn-hangzhou /);
        expect(rows[1]).toMatch(/web-prod +local@cn-shanghai /);
        app.unmount();
      }
    });
  }
});

describe('rows from an earlier listing', () => {
  it('keep the whole connection name beside their ! mark', () => {
    const members = membersOf([HZ, SH]);
    const [column] = originColumns<{ id: string; connection?: string; stale?: boolean }>(members, 'en');
    const fitted = fitColumns([column!], 60)[0]!;
    const text = rowSegments(
      { id: 'x', connection: 'local@cn-shanghai', stale: true },
      [fitted],
      { lang: 'en', deleting: new Set<string>() },
      false,
      2 + fitted.width,
    )
      .map((segment) => segment.text)
      .join('');
    expect(text).toContain('! local@cn-shanghai');
  });
});
