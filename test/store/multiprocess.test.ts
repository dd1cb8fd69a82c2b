import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenerProfileSchema } from '../../source/store/schema.js';
import { openStore } from '../../source/store/store.js';
import { bundleScript, filesIn, tempRoot } from './helpers.js';

const PROCESSES = 20;
const PER_PROCESS = 50;
const SCRIPT = path.join(import.meta.dirname, 'fixtures', 'save-profiles.ts');

// The child script runs bundled (see bundleScript): twenty `node --import tsx` start-ups would cost
// more CPU than the thousand writes under test, and compete with them. Same source, one file.
let bundle = '';
let dispose = () => {};
beforeAll(async () => {
  ({ file: bundle, dispose } = await bundleScript(SCRIPT));
});
afterAll(() => dispose());

interface Child {
  ready: Promise<void>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, [bundle, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      markReady();
      resolve({ code, stdout, stderr });
    }),
  );
  return { ready, exit };
}

describe('many processes at once', () => {
  it(`${PROCESSES} processes saving ${PER_PROCESS} profiles each leave ${PROCESSES * PER_PROCESS} intact profiles`, async () => {
    const root = tempRoot();
    const dir = path.join(root, 'alb-tui');
    const go = path.join(root, 'go');
    const children = Array.from({ length: PROCESSES }, (_, worker) =>
      startChild([dir, String(worker), String(PER_PROCESS), go]),
    );
    await Promise.all(children.map((c) => c.ready));
    fs.writeFileSync(go, '');
    const results = await Promise.all(children.map((c) => c.exit));
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`saved ${PER_PROCESS}`);
    }

    const data = JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8'));
    expect(data.schemaVersion).toBe(1);
    expect(data.listenerProfiles).toHaveLength(PROCESSES * PER_PROCESS);
    const expected = new Set<string>();
    for (let w = 0; w < PROCESSES; w++) for (let i = 0; i < PER_PROCESS; i++) expected.add(`w${w}-p${i}`);
    expect(new Set(data.listenerProfiles.map((p: { name: string }) => p.name))).toEqual(expected);
    for (const profile of data.listenerProfiles) {
      expect(listenerProfileSchema.safeParse(profile).success).toBe(true);
      expect(profile.listener.port).toBe(1000 + Number(profile.name.split('-p')[1]));
    }
    const store = await openStore({ dir });
    expect(store.warnings).toEqual([]);
    expect(store.listProfiles()).toHaveLength(PROCESSES * PER_PROCESS);
    expect(filesIn(dir)).toEqual(['profiles.json']);
  }, 180_000);
});
