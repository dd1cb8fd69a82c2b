// What the app says about its settings store (issue 14): every warning at start, each readable in
// full at any width under `?`; a settings folder that cannot be used is said at start, in the
// header, and nothing claims the draft is kept.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../source/store/index.js';
import { App } from '../../source/ui/app.js';
import { preloadViews } from '../../source/ui/lazy-views.js';
import type { TerminalSize } from '../../source/ui/terminal-size.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import { initScreen } from '../../source/ui/wizard/wizard-screen.js';
import { context } from '../domain/fixtures.js';
import { pressKeys, settle } from '../helpers/ink.js';
import { FakeAlbClient, fakeSessions, LOCAL, NOW } from '../ui/fake-client.js';

const cleanups: (() => void)[] = [];
afterAll(() => preloadViews());
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alb-tui-notices-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function show(store: Store, size: TerminalSize, lang: 'en' | 'zh-CN' = 'en') {
  const client = new FakeAlbClient();
  const app = render(
    <App
      connection={LOCAL}
      sessions={fakeSessions(client, LOCAL)}
      lang={lang}
      colour={false}
      size={size}
      now={() => NOW}
      writeTerminal={() => undefined}
      refreshSeconds={0}
      store={async () => store}
    />,
  );
  cleanups.push(app.unmount);
  const frame = () => app.lastFrame() ?? '';
  const waitFor = async (text: string | RegExp) => {
    const until = Date.now() + 5000;
    for (;;) {
      const current = frame();
      if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
      if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}\n${current}`);
      await settle(10);
    }
  };
  return { app, frame, waitFor, keys: (...k: string[]) => pressKeys(app.stdin, ...k) };
}

/** The help's text with its wrapping undone: what a reader gets from the lines in order. */
function unwrapped(frame: string): string {
  return frame
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
}

describe('store warnings in the dashboard', () => {
  it('says every warning at start, and shows each whole under ? at 60 columns', async () => {
    const dir = join(tempDir(), 'alb-tui');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'profiles.json'), '{ not json');
    writeFileSync(join(dir, 'state.json'), '[1, 2');
    const store = await openStore({ dir, env: {} });
    expect(store.warnings).toHaveLength(2);
    const shown = show(store, { columns: 60, rows: 30 });
    await shown.waitFor('web_https_443');
    await shown.waitFor('Settings, 2 warnings (? shows them whole):');
    await shown.keys('?');
    const help = await shown.waitFor('Settings');
    const text = unwrapped(help);
    for (const warning of store.warnings) {
      const movedTo = /moved to (\S+) and/.exec(warning.en)?.[1];
      expect(movedTo).toBeDefined();
      expect(text.replace(/ /g, '')).toContain(movedTo!.replace(/ /g, ''));
    }
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('with a file where the settings folder should be: said at start and in the header, in both languages', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'alb-tui'), 'a file');
    const store = await openStore({ dir: join(root, 'alb-tui'), env: {} });
    const shown = show(store, { columns: 120, rows: 30 });
    await shown.waitFor('web_https_443');
    await shown.waitFor('⚠ settings not saved');
    await shown.waitFor('Settings (? shows it whole): The settings folder');
    // The wizard: its keys never say the draft is kept.
    await shown.keys('c');
    await shown.waitFor('The draft could not be saved: The settings folder');
    const wizard = await shown.waitFor('leave (the draft is NOT kept)');
    expect(wizard).not.toContain('(the draft is kept)');

    const chinese = show(store, { columns: 120, rows: 30 }, 'zh-CN');
    await chinese.waitFor('⚠ 设置未保存');
    await chinese.waitFor('设置（按 ? 查看全文）：设置文件夹');
  });
});

describe('the wizard with drafts that cannot be saved', () => {
  it('says so from the start, and its keys never say the draft is kept', () => {
    const reason = { en: 'the settings folder cannot be used', 'zh-CN': '设置文件夹无法使用' };
    const screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 't',
      context: context(),
      draftsUnsaved: reason,
    });
    const en = renderWizardText(screen, { lang: 'en', width: 140, height: 30 }).join('\n');
    expect(en).toContain('The draft could not be saved: the settings folder cannot be used');
    expect(en).toContain('Esc leave (draft NOT kept)');
    expect(en).not.toContain('(draft kept)');
    const zh = renderWizardText(screen, { lang: 'zh-CN', width: 140, height: 30 }).join('\n');
    expect(zh).toContain('Esc 离开（草稿不会保留）');
    expect(zh).not.toContain('（保留草稿）');
    const saved = initScreen({ loadBalancerId: 'alb-a', clientToken: 't', context: context() });
    expect(renderWizardText(saved, { lang: 'en', width: 140, height: 30 }).join('\n')).toContain(
      'Esc leave (draft kept)',
    );
  });
});
