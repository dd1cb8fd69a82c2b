// `alb-tui emulator` serves the listeners too: the banner says so and names the local CA's
// certificate, the log lines say where each listener is, and a listener answers there;
// `--no-data-plane` serves nothing.
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runEmulatorCommand } from '../../source/cli/emulator-command.js';
import type { ServedTraffic } from '../../source/cli/traffic.js';
import type { RunningEmulator } from '../../source/emulator/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alb-emulator-traffic-'));
});
// Retried: the data plane may still be writing its local certificates as the command returns.
afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

function run(argv: string[]) {
  const out: string[] = [];
  const controller = new AbortController();
  let traffic: ServedTraffic | undefined;
  let ready: (emulator: RunningEmulator) => void = () => {};
  const started = new Promise<RunningEmulator>((resolve) => (ready = resolve));
  const exit = runEmulatorCommand(['--port', '0', '--seed', '4242', ...argv], {
    stdout: { write: (text: string, done: () => void) => (out.push(text), done()) },
    stderr: { write: (_text: string, done: () => void) => done() },
    env: { HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), LANG: 'en_US.UTF-8' },
    signal: controller.signal,
    handleSignals: false,
    onReady: (emulator) => ready(emulator),
    onTraffic: (served) => (traffic = served),
  });
  return {
    stdout: () => out.join(''),
    started,
    traffic: () => traffic,
    stop: () => controller.abort(),
    exit,
  };
}

function get(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as Record<string, unknown>));
      })
      .on('error', reject);
  });
}

describe('alb-tui emulator serves traffic', () => {
  test('by default: the CA path in the banner, a [traffic] line per listener, and the listener answers there', async () => {
    const session = run(['--port-offset', '22000']);
    const emulator = await session.started;
    const plane = await session.traffic()!.started;
    await plane.settled();
    const state = emulator.snapshot();
    const withRules = new Set((state.rules ?? []).map((rule) => rule.listenerId));
    // A listener without rules: its default action forwards to a demo backend, which says who it is.
    const listener = state.listeners.find(
      (l) => l.listenerProtocol === 'HTTP' && l.listenerStatus === 'Running' && !withRules.has(l.listenerId),
    )!;
    const served = plane.servedAt(listener.listenerId);
    expect(served?.kind).toBe('served');
    if (served?.kind !== 'served') return;
    expect(session.stdout()).toContain(
      `Local CA certificate, for curl --cacert: ${join(dir, 'xdg', 'alb-tui', 'local-ca', 'ca.pem')}`,
    );
    expect(session.stdout()).toContain(`[traffic] ${listener.listenerId} HTTP ${listener.listenerPort}`);
    expect(session.stdout()).toContain(served.url);
    expect(session.stdout()).toMatch(
      /\[traffic\] lsn-\S+ QUIC 443 .*: not served: QUIC is not available locally/,
    );
    const groupId = listener.defaultActions[0]!.forwardGroupConfig.serverGroupTuples[0]!.serverGroupId;
    expect(await get(served.url)).toMatchObject({ server: { serverGroupId: groupId } });
    session.stop();
    expect(await session.exit).toBe(0);
  });

  test('--no-data-plane: no traffic served, nothing said about it', async () => {
    const session = run(['--no-data-plane']);
    await session.started;
    expect(session.traffic()).toBeUndefined();
    expect(session.stdout()).not.toContain('[traffic]');
    session.stop();
    expect(await session.exit).toBe(0);
  });

  test('a bad --port-offset is refused with the usage exit', async () => {
    const session = run(['--port-offset', 'many']);
    expect(await session.exit).toBe(2);
  });
});
