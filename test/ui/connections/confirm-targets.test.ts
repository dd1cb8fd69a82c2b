// Every change names the connection and region it goes to where it is confirmed: the wizard's review,
// the rules pane's bulk delete and copy plans, the `:groups` server change preview (the rule form,
// rotation, listener certificates and profile apply have theirs beside their own tests).
import { describe, expect, it } from 'vitest';
import type { BackendServer, ServerGroup } from '../../../source/domain/resources.js';
import { lineText } from '../../../source/ui/components/lines.js';
import type { ChangeTarget } from '../../../source/ui/connections/change-target.js';
import { renderGroups } from '../../../source/ui/groups/groups-render.js';
import { groupsReducer, initGroups, type GroupsState } from '../../../source/ui/groups/groups-state.js';
import { keyFromId } from '../../../source/ui/keys.js';
import { renderRulesMode } from '../../../source/ui/rules/rules-render.js';
import { pressAll } from '../../../source/ui/wizard/wizard-keys.js';
import { renderWizardText } from '../../../source/ui/wizard/wizard-render.js';
import { initScreen, screenReducer, type WizardScreen } from '../../../source/ui/wizard/wizard-screen.js';
import { context, SG_HTTP } from '../../domain/fixtures.js';
import { act, demoRules, loaded, press as pressRules } from '../rules/fixtures.js';

const SHANGHAI: ChangeTarget[] = [{ profile: 'local', region: 'cn-shanghai' }];
const LANGS = [
  ['en', 'Target: local · cn-shanghai'],
  ['zh-CN', '目标：local · cn-shanghai'],
] as const;

function pressWizard(screen: WizardScreen, ...keys: string[]): WizardScreen {
  const presses = keys.flatMap((key) =>
    key.startsWith('type:') ? [...key.slice(5)].map((c) => keyFromId(c)) : [keyFromId(key)],
  );
  return pressAll(screen, presses, screenReducer);
}

describe('the wizard’s review', () => {
  it('names the connection and region the listener is created on', () => {
    let screen = initScreen({ loadBalancerId: 'alb-a', clientToken: 'token-1', context: context() });
    screen = pressWizard(screen, 'down', 'ctrl+u', 'type:8443', 'pagedown');
    screen = pressWizard(screen, 'enter', 'type:www', 'enter', 'pagedown');
    screen = pressWizard(screen, 'enter', `type:${SG_HTTP.serverGroupId}`, 'enter', 'enter');
    expect(screen.wizard.step).toBe('review');
    for (const [lang, line] of LANGS) {
      const text = renderWizardText(screen, { lang, width: 100, height: 30, target: SHANGHAI });
      expect(text.map((one) => one.trim())).toContain(line);
    }
    expect(renderWizardText(screen, { lang: 'en', width: 100, height: 30 }).join('\n')).not.toContain(
      'Target:',
    );
  });
});

describe('the rules pane’s bulk changes', () => {
  const render = (state: Parameters<typeof renderRulesMode>[0], lang: 'en' | 'zh-CN', options = {}) =>
    renderRulesMode(state, { lang, width: 100, height: 20, target: SHANGHAI, ...options })
      .map(lineText)
      .join('\n');

  it('names the connection and region on the delete confirmation', () => {
    const deleting = pressRules(loaded(demoRules(), { production: true }), ' ', 'j', ' ', 'ctrl+d').state;
    expect(deleting.mode.kind).toBe('delete');
    for (const [lang, line] of LANGS) expect(render(deleting, lang)).toContain(line);
  });

  it('names the connections the copied rules go to, from the target listeners', () => {
    let step = pressRules(loaded(demoRules()), ' ', ' ', 'c');
    step = pressRules(step.state, ' ', 'enter');
    step = act(step.state, { type: 'copy-planned', targets: [{ listenerId: 'lsn-api-443', rules: [] }] });
    expect(step.state.mode.kind).toBe('copy-plan');
    const elsewhere = (id: string) =>
      id === 'lsn-api-443' ? { profile: 'prod', region: 'cn-beijing' } : undefined;
    expect(render(step.state, 'en', { targetOfListener: elsewhere })).toContain('Target: prod · cn-beijing');
    expect(render(step.state, 'zh-CN', { targetOfListener: elsewhere })).toContain('目标：prod · cn-beijing');
  });
});

describe('the :groups server change preview', () => {
  const group: ServerGroup = {
    serverGroupId: 'sgp-web',
    serverGroupName: 'web',
    serverGroupType: 'Ip',
    serverGroupStatus: 'Available',
    protocol: 'HTTP',
    scheduler: 'Wrr',
    vpcId: 'vpc-1',
    serverCount: 1,
    relatedLoadBalancerIds: [],
  };
  const server: BackendServer = {
    serverGroupId: 'sgp-web',
    serverId: '10.0.0.1',
    serverIp: '10.0.0.1',
    serverType: 'Ip',
    port: 8080,
    weight: 100,
    status: 'Available',
  };

  it('names the connection and region the servers change in', () => {
    let state: GroupsState = initGroups({ listeners: [], readOnly: false, production: true });
    for (const action of [
      { type: 'groups-loaded', groups: [group] },
      { type: 'key', key: keyFromId('enter') },
      { type: 'servers-loaded', groupId: 'sgp-web', servers: [server] },
      { type: 'key', key: keyFromId(' ') },
      { type: 'key', key: keyFromId('x') },
    ] as const)
      state = groupsReducer(state, action).state;
    const mode = state.mode;
    expect(mode.kind === 'servers' && mode.sub?.kind).toBe('preview');
    for (const [lang, line] of LANGS)
      expect(renderGroups(state, lang, 120, 30, SHANGHAI).map(lineText).join('\n')).toContain(line);
  });
});
