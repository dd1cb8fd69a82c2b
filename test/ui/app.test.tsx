import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cellWidth } from '../../source/domain/text.js';
import { App } from '../../source/ui/app.js';
import type { Connection } from '../../source/ui/connection.js';
import type { TerminalSize } from '../../source/ui/terminal-size.js';
import { KEYS, pressKeys, settle } from '../helpers/ink.js';

const LOCAL: Connection = { kind: 'local', region: 'cn-hangzhou', profile: 'default' };
const CLOUD: Connection = {
  kind: 'cloud',
  region: 'cn-shanghai',
  endpoint: 'https://alb.cn-shanghai.aliyuncs.com',
  profile: 'default',
};

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function show(options: { size?: TerminalSize; lang?: 'en' | 'zh-CN'; connection?: Connection } = {}) {
  const size = options.size ?? { columns: 100, rows: 30 };
  const instance = render(
    <App connection={options.connection ?? LOCAL} lang={options.lang ?? 'en'} colour={false} size={size} />,
  );
  cleanup = instance.unmount;
  const lines = () => (instance.lastFrame() ?? '').split('\n');
  return { ...instance, lines };
}

describe('App frame', () => {
  it('draws header, body and footer in rows - 1 lines', () => {
    const { lines } = show();
    const frame = lines();
    expect(frame).toHaveLength(29);
    expect(frame[0]).toMatch(/^ alb-tui {2}local ALB · cn-hangzhou · profile default +\? help/);
    expect(frame.at(-1)).toMatch(/^ \? help {2}q quit/);
    expect(frame.join('\n')).toContain('Loading the dashboard');
  });

  it('puts the help key at the right edge of the header', () => {
    const { lines } = show({ size: { columns: 72, rows: 20 } });
    const header = lines()[0] ?? '';
    expect(header.trimEnd().endsWith('? help')).toBe(true);
    expect(cellWidth(header.trimEnd())).toBe(71);
  });

  it('shows a cloud connection with region and endpoint', () => {
    const { lines } = show({ connection: CLOUD, size: { columns: 120, rows: 30 } });
    expect(lines()[0]).toContain(
      'Alibaba Cloud · cn-shanghai · https://alb.cn-shanghai.aliyuncs.com · profile default',
    );
  });

  it('cuts a long connection with an ellipsis instead of wrapping the header', () => {
    const { lines } = show({ connection: { ...CLOUD, endpoint: `https://${'x'.repeat(80)}.example` } });
    const frame = lines();
    expect(frame).toHaveLength(29);
    expect(frame[0]).toContain('…');
    expect(frame[0]?.trimEnd().endsWith('? help')).toBe(true);
  });

  it('speaks Chinese with lang zh-CN, keeping CJK lines within the width', () => {
    const { lines } = show({ lang: 'zh-CN', size: { columns: 60, rows: 15 } });
    const frame = lines();
    expect(frame[0]).toContain('本地 ALB · cn-hangzhou · 配置 default');
    expect(frame[0]).toContain('? 帮助');
    expect(frame.at(-1)).toContain('q 退出');
    for (const line of frame) expect(cellWidth(line)).toBeLessThanOrEqual(60);
  });

  it('says the terminal is too small below 60×15', () => {
    for (const size of [
      { columns: 59, rows: 30 },
      { columns: 100, rows: 14 },
      { columns: 50, rows: 12 },
    ]) {
      const { lines, unmount } = show({ size });
      const text = lines().join('\n');
      expect(text).toContain(`Terminal too small (need 60×15, have ${size.columns}×${size.rows})`);
      expect(text).not.toContain('alb-tui');
      unmount();
    }
  });

  it('draws the layout at exactly 60×15', () => {
    const { lines } = show({ size: { columns: 60, rows: 15 } });
    expect(lines()).toHaveLength(14);
    expect(lines()[0]).toContain('alb-tui');
  });

  it('opens help on ? and closes it on Esc', async () => {
    const { lines, stdin } = show();
    await pressKeys(stdin, '?');
    const help = lines().join('\n');
    expect(help).toContain('Help · keys of this view');
    expect(help).toMatch(/\? +help/);
    expect(help).toMatch(/\^c +quit/);
    expect(lines().at(-1)).toContain('esc close help');
    expect(lines()).toHaveLength(29);
    await pressKeys(stdin, KEYS.escape);
    expect(lines().join('\n')).not.toContain('Help · keys of this view');
  });

  it('stops taking keys after q (it has exited)', async () => {
    const { lines, stdin } = show();
    await pressKeys(stdin, 'q', '?');
    await settle();
    expect(lines().join('\n')).not.toContain('Help · keys of this view');
  });

  it('stops taking keys after Ctrl-C', async () => {
    const { lines, stdin } = show();
    await pressKeys(stdin, KEYS.ctrlC, '?');
    expect(lines().join('\n')).not.toContain('Help · keys of this view');
  });

  it('keeps taking keys when nothing quits it (control for the two tests above)', async () => {
    const { lines, stdin } = show();
    await pressKeys(stdin, 'x', '?');
    expect(lines().join('\n')).toContain('Help · keys of this view');
  });
});
