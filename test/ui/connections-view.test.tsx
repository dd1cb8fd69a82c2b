import type { ComponentProps } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../source/store/store.js';
import { storeDir } from '../store/helpers.js';
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

function open(
  store: ComponentProps<typeof ConnectionsView>['store'],
  lang: 'en' | 'zh-CN' = 'en',
  current = 'local',
) {
  const switched: string[] = [];
  shown = showView((registerKeys) => (
    <ConnectionsView
      store={store}
      current={current}
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

describe('changing saved connections from the picker', () => {
  async function storeWith() {
    const store = await openStore({ dir: storeDir() });
    await store.saveConnection({
      kind: 'aliyun',
      name: 'prod',
      region: 'cn-shanghai',
      credentials: { source: 'cli-profile', profile: 'ops' },
      readOnly: false,
      production: true,
    });
    await store.saveConnection({
      kind: 'aliyun',
      name: 'old',
      region: 'cn-hangzhou',
      credentials: { source: 'environment' },
      readOnly: false,
      production: false,
    });
    return store;
  }

  it('turns read-only on with r and reopens the view when that connection is open', async () => {
    const store = await storeWith();
    const switched = open(store, 'en', 'prod');
    await waitForText(shown!, 'r read-only on/off');
    // prod is under the cursor (the open one); r at once.
    await sendKeys(shown!, 'r');
    await waitForText(shown!, 'prod is read-only now: no change is sent on it.');
    expect(store.getConnection('prod')?.readOnly).toBe(true);
    expect(switched).toEqual(['prod']);
    await waitFor(
      () => /prod\s+\[current, read-only\]/.test(shown!.lastFrame() ?? ''),
      () => 'the read-only tag',
    );
  });

  it('asks before read-only goes off, in the user’s language, and keeps it on unless y', async () => {
    const store = await storeWith();
    await store.saveConnection({ ...store.getConnection('prod')!, readOnly: true });
    open(store, 'zh-CN', 'prod');
    await waitForText(shown!, 'r 开启/关闭只读');
    await sendKeys(shown!, 'r');
    await waitForText(shown!, '关闭 prod 的只读？之后对其的变更将被发送。');
    await sendKeys(shown!, 'n');
    await waitFor(
      () => !(shown!.lastFrame() ?? '').includes('关闭 prod 的只读'),
      () => 'the question gone',
    );
    expect(store.getConnection('prod')?.readOnly).toBe(true);
    await sendKeys(shown!, 'r', 'y');
    await waitForText(shown!, 'prod 已关闭只读。');
    expect(store.getConnection('prod')?.readOnly).toBe(false);
  });

  it('removes a saved connection after y with Ctrl-D, and not the open one', async () => {
    const store = await storeWith();
    open(store, 'en', 'old');
    await waitForText(shown!, 'Connections 3');
    // local, old, prod by name: the cursor starts on old, the open one.
    await sendKeys(shown!, 'ctrlD');
    await waitForText(shown!, 'old is open in the view');
    await sendKeys(shown!, 'down', 'ctrlD');
    await waitForText(shown!, 'Remove the saved connection prod?');
    await sendKeys(shown!, 'y');
    await waitForText(shown!, 'Removed the connection prod.');
    await waitForText(shown!, 'Connections 2');
    expect(store.getConnection('prod')).toBeUndefined();
    // The cursor stays on a row: the last one left.
    await waitForText(shown!, /› old/);
  });
});
