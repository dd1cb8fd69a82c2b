// The wizard through the real SDK client against a local ALB whose creation jobs fail: after Ctrl-S
// the progress ends with the job's code and message, nothing is left behind, the form is kept, and
// `r` submits anew (a new ClientToken: the first one would be answered with the same failed job).
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import type { SdkAlbClient } from '../../source/alb/sdk-client.js';
import { startEmulator, type RunningEmulator } from '../../source/emulator/index.js';
import { WizardView } from '../../source/ui/wizard/wizard-view.js';
import { settle } from '../helpers/ink.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { sendKeys, showView, waitFor, waitForText, type ShownView } from '../helpers/view-harness.js';

let emulator: RunningEmulator;
let api: SdkAlbClient;
let prodWebId: string;
let shown: ShownView | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, provisioningDelayMs: 50, seed: 7 });
  api = clientFor(emulator);
  const instances = await collect(api.listLoadBalancers());
  prodWebId = instances.find((lb) => lb.loadBalancerName === 'prod-web')!.loadBalancerId;
});
afterAll(() => emulator.close());
afterEach(async () => {
  shown?.unmount();
  shown = undefined;
  await settle(30);
});

async function onPort(port: number) {
  const all = await collect(api.listListeners({ loadBalancerIds: [prodWebId] }));
  return all.filter((l) => l.listenerPort === port);
}

function createTokens(): string[] {
  return Object.keys(emulator.snapshot().clientTokens).filter((key) => key.startsWith('CreateListener:'));
}

describe('the wizard when the creation job fails (real SDK client, local ALB)', () => {
  it('says which job failed, keeps the form, leaves nothing behind; r submits anew and creates it', async () => {
    const closed: ({ listenerId?: string } | undefined)[] = [];
    shown = showView((registerKeys) => (
      <WizardView
        client={clientFor(emulator)}
        store={undefined}
        loadBalancerId={prodWebId}
        loadBalancerName="prod-web"
        lang="en"
        readOnly={false}
        production={false}
        width={110}
        height={34}
        registerKeys={registerKeys}
        onClose={(result) => closed.push(result)}
        flash={() => undefined}
        writeTerminal={() => undefined}
        environment={{ pollIntervalMs: 20, cwd: tmpdir() }}
      />
    ));
    await waitForText(shown, 'Listener port');
    await sendKeys(shown, 'down', 'ctrlU', 'type:9444', 'pagedown');
    await waitForText(shown, '› Server certificate');
    await sendKeys(shown, 'enter', 'type:*.example.com');
    await waitForText(shown, '1 of');
    await sendKeys(shown, 'enter', 'pagedown');
    await waitForText(shown, '› Server group');
    await sendKeys(shown, 'enter', 'type:web-frontend');
    await waitForText(shown, 'Backend servers of web-frontend-http');
    await sendKeys(shown, 'enter', 'enter');
    await waitForText(shown, 'Precheck passed');

    emulator.setFaults({ actions: { CreateListener: { asyncFailureRate: 1 } } });
    await sendKeys(shown, '\x13');
    const frame = await waitForText(shown, 'Not created: job');
    // The message wraps: read it as one line.
    const said = frame.replace(/\s+/g, ' ');
    expect(said).toMatch(
      /Not created: job [0-9a-f-]{36} failed \(InternalError\): The asynchronous task of CreateListener failed/,
    );
    expect(said).toContain('ALB rolled the listener back; your settings are kept.');
    expect(frame).toMatch(/Listener port +9444/);
    expect(closed).toEqual([]);
    expect(await onPort(9444)).toEqual([]);

    emulator.setFaults({});
    await sendKeys(shown, 'r');
    await waitFor(
      () => closed.length > 0,
      () => `the wizard to close, in\n${shown?.lastFrame() ?? ''}`,
    );
    const [made, ...others] = await onPort(9444);
    expect(others).toEqual([]);
    expect(made).toMatchObject({ listenerProtocol: 'HTTPS', listenerStatus: 'Running' });
    expect(closed).toEqual([{ listenerId: made!.listenerId }]);
    expect(createTokens()).toHaveLength(2);
  });
});
