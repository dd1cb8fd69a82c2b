// The export is shown on screen before it is written or copied (issue 14): the three formats, the
// text as it will be written, scrollable; the aliyun CLI command names an endpoint that outlives
// the app.
import { describe, expect, it } from 'vitest';
import { STANDALONE_LOCAL_ALB_ENDPOINT } from '../../source/domain/exporters.js';
import { keyFromId, type KeyPress } from '../../source/ui/keys.js';
import { pressAll } from '../../source/ui/wizard/wizard-keys.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import {
  exportText,
  initScreen,
  screenReducer,
  type WizardScreen,
} from '../../source/ui/wizard/wizard-screen.js';
import { SG_HTTP, context } from '../domain/fixtures.js';

function presses(...keys: string[]): KeyPress[] {
  return keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((char) => keyFromId(char)) : [keyFromId(key)],
  );
}

function press(screen: WizardScreen, ...keys: string[]): WizardScreen {
  return pressAll(screen, presses(...keys), screenReducer);
}

/** On the review of an HTTPS 8443 listener, over the local ALB. */
function review(): WizardScreen {
  let s = initScreen({
    loadBalancerId: 'alb-a',
    clientToken: 'token-1',
    context: context(),
    exportOptions: { region: 'cn-hangzhou', endpoint: STANDALONE_LOCAL_ALB_ENDPOINT },
    exportDir: '/home/sre/work',
  });
  s = press(s, 'down', 'ctrl+u', 'type:8443', 'pagedown');
  s = press(s, 'enter', 'type:www', 'enter', 'pagedown');
  s = press(s, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'pagedown');
  expect(s.wizard.step).toBe('review');
  return s;
}

function exportOn(screen: WizardScreen): WizardScreen {
  return screenReducer(screen, { type: 'review-action', action: 'exportAliyun' });
}

describe('the export preview', () => {
  it('shows the aliyun CLI command as it will be written, naming the standalone local ALB', () => {
    const s = exportOn(review());
    const frame = renderWizardText(s, { lang: 'en', width: 100, height: 30 }).join('\n');
    expect(frame).toContain('Export   aliyun CLI command   Terraform block   JSON request');
    expect(frame).toContain('# For the local ALB: start it first with  npx alb-tui emulator --port 18081');
    expect(frame).toContain('--endpoint 127.0.0.1:18081');
    expect(frame).toContain('--insecure');
    expect(frame).toContain('--ListenerPort 8443');
    expect(frame).toContain('f or ⏎ write to a file');
    expect(exportText(s, 'aliyun')).toContain('--endpoint 127.0.0.1:18081');
  });

  it('switches format with Tab, scrolls, and writes the format shown to the default path', () => {
    let s = press(exportOn(review()), 'tab', 'tab');
    let frame = renderWizardText(s, { lang: 'en', width: 80, height: 20 }).join('\n');
    expect(frame).toContain('"listenerPort": 8443,');
    expect(frame).toMatch(/↓ \d+ more/);
    s = press(s, 'pagedown');
    frame = renderWizardText(s, { lang: 'en', width: 80, height: 20 }).join('\n');
    expect(frame).toMatch(/↑ \d+ more/);
    s = press(s, 'backtab');
    expect(renderWizardText(s, { lang: 'en', width: 80, height: 20 }).join('\n')).toContain(
      'resource "alicloud_alb_listener"',
    );
    s = press(s, 'enter');
    // The path is shown whole, in the working folder, for the line editor to change.
    expect(s.prompt).toEqual({
      kind: 'export-path',
      format: 'terraform',
      text: '/home/sre/work/HTTPS_8443.tf',
    });
    s = press(s, ...Array<string>(13).fill('backspace'), 'type:listener.tf');
    expect(s.prompt).toMatchObject({ text: '/home/sre/work/listener.tf' });
  });

  it('speaks Chinese', () => {
    const s = exportOn(review());
    const frame = renderWizardText(s, { lang: 'zh-CN', width: 100, height: 30 }).join('\n');
    expect(frame).toContain('导出   aliyun CLI 命令   Terraform 配置块   JSON 请求');
    expect(frame).toContain('f 或 ⏎ 写入文件');
  });
});
