import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../source/store/index.js';
import { ConnectionsView } from '../../source/ui/connections/connections-view.js';
import { settle } from '../helpers/ink.js';
import { sendKeys, showView, waitFor, waitForText, type ShownView } from '../helpers/view-harness.js';

const SAVED: ConnectionProfile[] = [
  { kind: 'local', name: 'local', region: 'cn-hangzhou', readOnly: false, production: false },
  {
    kind: 'aliyun',
    name: 'prod',
    region: 'cn-shanghai',
    readOnly: true,
    production: true,
    credentials: { source: 'cli-profile', profile: 'ops' },
  },
  {
    kind: 'aliyun',
    name: 'dev',
    region: 'cn-hangzhou',
    endpoint: 'https://alb.cn-hangzhou.aliyuncs.com',
    readOnly: false,
    production: false,
    credentials: { source: 'environment' },
  },
];

let shown: ShownView | undefined;
afterEach(async () => {
  shown?.unmount();
  await settle(20);
});

function open(store: { listConnections(): ConnectionProfile[] } | undefined, lang: 'en' | 'zh-CN' = 'en') {
  const switched: string[] = [];
  shown = showView((registerKeys) => (
    <ConnectionsView
      store={store}
      current="local"
      lang={lang}
      width={160}
      height={12}
      registerKeys={registerKeys}
      onSwitch={(name) => switched.push(name)}
    />
  ));
  return switched;
}

describe('the :ctx picker', () => {
  it('lists the local ALB first, then saved connections with where they point, never a secret', async () => {
    open({ listConnections: () => SAVED });
    const frame = await waitForText(shown!, 'Connections 3');
    const lines = frame.split('\n');
    expect(lines[1]).toMatch(/› local\s+\[current\]\s+the local ALB/);
    expect(lines[2]).toMatch(
      /dev .*Alibaba Cloud · cn-hangzhou · https:\/\/alb\.cn-hangzhou\.aliyuncs\.com · credentials: environment/,
    );
    expect(lines[3]).toMatch(/prod\s+\[read-only\].*cn-shanghai.*cli-profile:ops/);
  });

  it('switches to the connection under the cursor with Enter, and leaves Esc to the root', async () => {
    const switched = open({ listConnections: () => SAVED });
    await waitForText(shown!, 'Connections 3');
    await sendKeys(shown!, 'down', 'down', 'enter');
    await waitFor(
      () => switched.length === 1,
      () => 'a switch',
    );
    expect(switched).toEqual(['prod']);
    await sendKeys(shown!, 'escape');
    expect(shown!.unhandled).toContain('escape');
  });

  it('says how to add one when only the local ALB exists, and when there is no store', async () => {
    open({ listConnections: () => [SAVED[0]!] }, 'zh-CN');
    await waitForText(shown!, 'alb-tui connections add');
    shown!.unmount();
    open(undefined);
    await waitForText(shown!, 'settings store could not be opened');
  });
});
