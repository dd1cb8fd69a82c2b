import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../source/store/index.js';
import { ProfilesView } from '../../source/ui/profiles/profiles-view.js';
import type { InstanceRef } from '../../source/ui/profiles/profiles-state.js';
import { settle } from '../helpers/ink.js';
import { sendKeys, showView, waitFor, waitForText, type ShownView } from '../helpers/view-harness.js';
import { sampleProfile } from '../store/fixtures/profiles.js';

let dir: string;
let store: Store;
let shown: ShownView | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'alb-tui-profiles-view-'));
  store = await openStore({ dir: path.join(dir, 'config'), env: {} });
  await store.saveProfile(sampleProfile('web-https', { port: 443 }));
  await store.saveProfile(sampleProfile('api', { port: 8443 }));
});

afterEach(async () => {
  shown?.unmount();
  shown = undefined;
  await settle(30);
  await rm(dir, { recursive: true, force: true });
});

interface Opened {
  newListener: { profile: string; instance: InstanceRef }[];
  applied: { profile: string; instances: readonly InstanceRef[] }[];
}

function open(options: { lang?: 'en' | 'zh-CN'; marked?: InstanceRef[]; noStore?: boolean } = {}): Opened {
  const opened: Opened = { newListener: [], applied: [] };
  shown = showView((registerKeys) => (
    <ProfilesView
      store={options.noStore ? undefined : store}
      lang={options.lang ?? 'en'}
      width={100}
      height={24}
      target={{ id: 'alb-web', name: 'web-prod' }}
      marked={options.marked ?? []}
      registerKeys={registerKeys}
      onNewListener={(profile, instance) => opened.newListener.push({ profile, instance })}
      onApply={(profile, instances) => opened.applied.push({ profile, instances })}
      cwd={dir}
    />
  ));
  return opened;
}

describe('the profiles view', () => {
  it('lists the saved profiles with the selected one in full, and leaves Esc to the root', async () => {
    open();
    const frame = await waitForText(shown!, '› api');
    expect(frame).toContain('Listener profiles 2');
    expect(frame).toContain('web-https');
    expect(frame).toContain('HTTPS 8443');
    expect(frame).toContain('certificate *.example.com · server group sg-web');
    await sendKeys(shown!, 'escape');
    expect(shown!.unhandled).toEqual(['escape']);
  });

  it('renames, duplicates and deletes in the store, and refuses a name that is taken', async () => {
    open();
    await waitForText(shown!, '› api');
    await sendKeys(shown!, 'r', 'ctrlU', 'type:web-https', 'enter');
    await waitForText(shown!, 'web-https');
    await waitForText(shown!, /exists/);
    expect(store.getProfile('api')).toBeDefined();
    await sendKeys(shown!, 'ctrlU', 'type:接口-8443', 'enter');
    await waitForText(shown!, 'Renamed api to 接口-8443.');
    expect(store.getProfile('接口-8443')?.listener.port).toBe(8443);
    await sendKeys(shown!, 'd', 'enter');
    await waitForText(shown!, 'as 接口-8443 (2)');
    expect(
      store
        .listProfiles()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['web-https', '接口-8443', '接口-8443 (2)']);
    await sendKeys(shown!, 'ctrlD');
    await waitForText(shown!, 'Delete profile 接口-8443 (2)?');
    await sendKeys(shown!, 'n');
    expect(store.getProfile('接口-8443 (2)')).toBeDefined();
    await sendKeys(shown!, 'ctrlD', 'y');
    await waitForText(shown!, 'Deleted profile 接口-8443 (2).');
    expect(store.getProfile('接口-8443 (2)')).toBeUndefined();
  });

  it('exports to a 0600 file without replacing one unasked, and imports it back with a report per entry', async () => {
    open();
    await waitForText(shown!, '› api');
    await sendKeys(shown!, 'e', 'enter');
    await waitForText(shown!, 'Exported 2 profiles');
    const file = path.join(dir, 'alb-tui-profiles.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { profiles: { name: string }[] };
    expect(exported.profiles.map((p) => p.name).sort()).toEqual(['api', 'web-https']);
    await writeFile(file, 'something else');
    await sendKeys(shown!, 'e', 'enter');
    await waitForText(shown!, 'exists. Replace it?');
    await sendKeys(shown!, 'n', 'escape');
    expect(await readFile(file, 'utf8')).toBe('something else');

    const document = {
      ...exported,
      profiles: [...exported.profiles, { name: 'broken', listener: { port: 0 } }],
    };
    await writeFile(path.join(dir, 'in.json'), JSON.stringify(document));
    await sendKeys(shown!, 'i', 'type:in.json', 'enter');
    const report = await waitForText(shown!, '#3 broken: invalid');
    expect(report).toContain('0 added, 2 renamed, 1 invalid');
    expect(report).toContain('imported as api (2)');
    expect(store.listProfiles()).toHaveLength(4);
    await sendKeys(shown!, 'escape', 'i', 'type:missing.json', 'enter');
    await waitForText(shown!, /Could not read .*missing\.json: no such file/);
  });

  it('opens the wizard from a profile and applies one to the marked instances', async () => {
    const marked = [
      { id: 'alb-a', name: 'a' },
      { id: 'alb-b', name: 'b' },
    ];
    const opened = open({ marked });
    await waitForText(shown!, '✓ 2 marked');
    await sendKeys(shown!, 'c');
    await waitFor(
      () => opened.newListener.length === 1,
      () => 'the wizard to open',
    );
    expect(opened.newListener[0]).toEqual({ profile: 'api', instance: { id: 'alb-web', name: 'web-prod' } });
    await sendKeys(shown!, 'down', 'a');
    await waitFor(
      () => opened.applied.length === 1,
      () => 'apply to open',
    );
    expect(opened.applied[0]).toEqual({ profile: 'web-https', instances: marked });
  });

  it('speaks Chinese and says when there is no store', async () => {
    open({ lang: 'zh-CN' });
    const frame = await waitForText(shown!, '监听配置模板 2');
    expect(frame).toContain('连接空闲 15 秒');
    shown!.unmount();
    open({ noStore: true });
    await waitForText(shown!, 'settings store could not be opened');
  });
});
