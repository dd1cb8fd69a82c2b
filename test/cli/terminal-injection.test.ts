// Terminal injection through the command line: an endpoint whose answers (error codes, messages,
// names) hold escape sequences, and arguments that do, must never put an ESC, BEL, C1 control or
// bidirectional control on stdout or stderr; `--json` stays exact JSON.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiError, startFakeServer, type FakeServer, type Reply } from '../alb/fake-server.js';
import { runIn, sandbox, type Sandbox } from '../commands/helpers.js';

/** Clears the screen, retitles the window, writes the clipboard, reverses the text, rings the bell. */
const HOSTILE =
  'x\u001b]52;c;ZWNobyBwd25lZA==\u0007\u001b[2J\u001b]0;PWNED\u0007\u202egnp.exe\u009b31m\u009d0;T\u009c\u0007\u2066y\u2028z';
/** Anything a terminal acts on: C0 but the line break, DEL, C1, bidirectional controls, separators. */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

let box: Sandbox;
let failing: FakeServer;
let hostileData: FakeServer;

const INSTANCE = 'alb-hostile0000000001';
const LISTENER = 'lsn-hostile0000000001';
const GROUP = 'sgp-hostile0000000001';

function hostileListener(protocol = 'HTTP', port = 80): Record<string, unknown> {
  return {
    ListenerId: LISTENER,
    LoadBalancerId: INSTANCE,
    ListenerProtocol: protocol,
    ListenerPort: port,
    ListenerStatus: 'Running',
    ListenerDescription: HOSTILE,
    DefaultActions: [
      { Type: 'ForwardGroup', ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: HOSTILE }] } },
    ],
    QuicConfig: { QuicUpgradeEnabled: false },
    XForwardedForConfig: { XForwardedForEnabled: true },
    Tags: [{ Key: HOSTILE, Value: HOSTILE }],
  };
}

/** A well-formed answer whose every free text is hostile. */
function hostileAnswer(action: string): Reply {
  const instance = {
    LoadBalancerId: INSTANCE,
    LoadBalancerName: HOSTILE,
    LoadBalancerStatus: 'Active',
    LoadBalancerEdition: 'Standard',
    AddressType: 'Internet',
    VpcId: HOSTILE,
  };
  switch (action) {
    case 'ListLoadBalancers':
      return { body: { RequestId: 'r', LoadBalancers: [instance], TotalCount: 1 } };
    case 'GetLoadBalancerAttribute':
      return { body: { RequestId: 'r', ...instance, ZoneMappings: [] } };
    case 'ListListeners':
      return { body: { RequestId: 'r', Listeners: [hostileListener()], TotalCount: 1 } };
    case 'GetListenerAttribute':
      return { body: { RequestId: 'r', ...hostileListener() } };
    case 'ListListenerCertificates':
      return { body: { RequestId: 'r', Certificates: [] } };
    case 'ListServerGroups':
      return {
        body: {
          RequestId: 'r',
          ServerGroups: [
            { ServerGroupId: GROUP, ServerGroupName: HOSTILE, Protocol: 'HTTP', VpcId: HOSTILE },
          ],
        },
      };
    default:
      return apiError(400, `Hostile.${HOSTILE}`, HOSTILE);
  }
}

beforeAll(async () => {
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAI-test');
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'secret');
  box = await sandbox();
  failing = await startFakeServer(() => apiError(400, `Denied.${HOSTILE}`, HOSTILE));
  hostileData = await startFakeServer((request) => hostileAnswer(request.action));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await failing.close();
  await hostileData.close();
  await box.cleanup();
});

const COMMANDS: string[][] = [
  ['instances'],
  ['listeners'],
  ['listeners', '--instance', INSTANCE],
  ['listener', 'get', LISTENER],
  ['listener', 'delete', LISTENER, '--yes'],
  [
    'create',
    '--instance',
    INSTANCE,
    '--set',
    'protocol=HTTP',
    '--set',
    'port=8080',
    '--set',
    `server-group=${GROUP}`,
    '--yes',
  ],
  [
    'create',
    '--instance',
    INSTANCE,
    '--set',
    'protocol=HTTP',
    '--set',
    'port=80',
    '--set',
    `server-group=${GROUP}`,
    '--dry-run',
  ],
  [
    'export',
    '--instance',
    INSTANCE,
    '--set',
    'protocol=HTTP',
    '--set',
    'port=8080',
    '--set',
    `server-group=${GROUP}`,
    '--format',
    'json',
  ],
];

function expectClean(result: { stdout: string; stderr: string }): void {
  expect(result.stdout).not.toMatch(UNSAFE);
  expect(result.stderr).not.toMatch(UNSAFE);
}

describe('no terminal control from the API reaches the terminal', () => {
  for (const langArgs of [[], ['--lang', 'zh-CN']]) {
    for (const argv of COMMANDS) {
      it(`${argv.slice(0, 2).join(' ')} ${langArgs.join(' ')}: failing endpoint, text and --json`, async () => {
        for (const json of [[], ['--json']]) {
          const result = await runIn(box.env, [
            ...argv,
            ...langArgs,
            ...json,
            '--endpoint',
            failing.endpoint,
          ]);
          expect(result.code).toBe(1);
          expect(result.stderr).not.toBe('');
          expectClean(result);
          if (json.length > 0) {
            const error = JSON.parse(result.stderr.trim().split('\n').at(-1)!) as {
              code: string;
              message: string;
            };
            expect(error.code).toMatch(/\S/);
          }
        }
      });

      it(`${argv.slice(0, 2).join(' ')} ${langArgs.join(' ')}: hostile names in good answers`, async () => {
        for (const json of [[], ['--json']]) {
          const result = await runIn(box.env, [
            ...argv,
            ...langArgs,
            ...json,
            '--endpoint',
            hostileData.endpoint,
          ]);
          expectClean(result);
        }
      });
    }
  }

  it('keeps --json exact: the hostile text comes back whole from JSON.parse', async () => {
    const listeners = await runIn(box.env, ['listeners', '--json', '--endpoint', hostileData.endpoint]);
    expectClean(listeners);
    const [printed] = JSON.parse(listeners.stdout) as {
      listenerDescription: string;
      tags: { key: string }[];
    }[];
    expect(printed!.listenerDescription).toBe(HOSTILE);
    expect(printed!.tags[0]!.key).toBe(HOSTILE);
    const failed = await runIn(box.env, [
      'listener',
      'get',
      LISTENER,
      '--json',
      '--endpoint',
      failing.endpoint,
    ]);
    expectClean(failed);
    const error = JSON.parse(failed.stderr) as { code: string; message: string; requestId: string };
    expect(error.code).toBe(`Denied.${HOSTILE}`);
    expect(error.requestId).toBe(`req-Denied.${HOSTILE}`);
  });

  it('shows hostile names made harmless, not dropped', async () => {
    const result = await runIn(box.env, ['listener', 'get', LISTENER, '--endpoint', hostileData.endpoint]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Listener name: +x.*gnp\.exe/m);
  });
});

describe('no terminal control from the arguments reaches the terminal', () => {
  it.each([
    [['listeners', '--instance', 'alb-\u001b]0;T\u0007']],
    [['create', '--instance', `alb-${HOSTILE}`, '--set', 'port=1']],
    [['create', '--instance', 'alb-x', '--set', `port=${HOSTILE}`, '--set', 'protocol=HTTP']],
    [['create', '--instance', 'alb-x', '--set', HOSTILE]],
    [['instances', `--${HOSTILE}`]],
    [['instances', HOSTILE]],
    [['instances', '--lang', HOSTILE]],
    [['listener', HOSTILE]],
    [['listener', 'get', HOSTILE]],
    [['profiles', 'show', HOSTILE]],
    [['profiles', 'import', HOSTILE]],
    [['connections', 'show', HOSTILE]],
    [['export', '--instance', 'alb-x', '--profile', HOSTILE, '--format', HOSTILE]],
    [['instances', '--connection', HOSTILE]],
    [['instances', '--region', HOSTILE]],
    [['instances', '--endpoint', HOSTILE]],
  ])('%j', async (argv) => {
    for (const json of [[], ['--json']]) {
      const result = await runIn(box.env, [...argv, ...json]);
      expect(result.code).not.toBe(0);
      expectClean(result);
    }
  });
});

describe('alb-tui emulator echoes its arguments harmlessly', () => {
  it.each([[['--port', HOSTILE]], [['--latency', HOSTILE]], [[`--${HOSTILE}`]], [['--scale', HOSTILE]]])(
    '%j',
    async (argv) => {
      const { runEmulatorCommand } = await import('../../source/cli/emulator-command.js');
      const { sink } = await import('../commands/helpers.js');
      const stdout = sink();
      const stderr = sink();
      const code = await runEmulatorCommand(argv, { stdout, stderr, env: box.env, handleSignals: false });
      expect(code).toBe(2);
      expect(stderr.text).not.toBe('');
      expectClean({ stdout: stdout.text, stderr: stderr.text });
    },
  );
});
