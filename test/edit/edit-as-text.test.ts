import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../source/alb/client.js';
import { listenerToDraft } from '../../source/domain/listener-diff.js';
import { startEmulator } from '../../source/emulator/index.js';
import { EDIT_TEXT_TEXT } from '../../source/ui/edit-text/edit-text-i18n.js';
import { createEditorRunner, editorCommand } from '../../source/ui/edit-text/external-editor.js';
import { draftToYaml, readListenerYaml, withErrors } from '../../source/ui/edit-text/listener-yaml.js';
import { editContext } from '../../source/ui/wizard/edit-mode.js';
import { renderWizardText } from '../../source/ui/wizard/wizard-render.js';
import { initScreen, screenReducer, type WizardScreen } from '../../source/ui/wizard/wizard-screen.js';
import { context } from '../domain/fixtures.js';
import { clientFor } from '../helpers/local-alb-client.js';
import { httpsListener } from './fixtures.js';

const EDITOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scripted-editor.mjs');
const TARGET = {
  listenerId: 'lsn-https443',
  loadBalancerId: 'alb-a',
  label: 'HTTPS 443',
  instance: 'web-prod (alb-a)',
};
const original = listenerToDraft(httpsListener());
const ctx = editContext({ listenerId: 'lsn-https443' }, context());
const shown = draftToYaml(original, TARGET, 'en');

describe('the listener as YAML', () => {
  it('has every string in both languages, with the same placeholders', () => {
    for (const [key, value] of Object.entries(EDIT_TEXT_TEXT)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(value['zh-CN']), key).toEqual(names(value.en));
    }
  });

  it('writes the request fields under the API names, each with its limits', () => {
    expect(shown).toContain('IdleTimeout: 15');
    expect(shown).toContain('# Idle timeout: 1–60 seconds (default 15).');
    expect(shown).toContain('# Request timeout: 1–180 seconds (default 60).');
    expect(shown).toContain('- CertificateId: 1001-cn-hangzhou');
    expect(shown).toContain('ServerGroupId: sgp-http');
    expect(shown).toContain('Protocol HTTPS and port 443 cannot change');
    expect(shown).not.toMatch(/^ListenerPort:/m);
    expect(draftToYaml(original, TARGET, 'zh-CN')).toContain('# 连接空闲超时时间：1–60 秒（默认 15）。');
  });

  it('reads a changed file back into the draft, checked like the form', () => {
    const outcome = readListenerYaml(
      shown
        .replace('IdleTimeout: 15', 'IdleTimeout: 30')
        .replace('SecurityPolicyId: tls_cipher_policy_1_0', 'SecurityPolicyId: tls_cipher_policy_1_2'),
      shown,
      original,
      'alb-a',
      ctx,
    );
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.draft.idleTimeout).toBe('30');
    expect(outcome.draft.securityPolicyId).toBe('tls_cipher_policy_1_2');
    expect(outcome.draft.requestTimeout).toBe('60');
  });

  it('says what is wrong: a limit, a type, an unknown field, a fixed field, broken YAML', () => {
    const errors = (text: string) => {
      const outcome = readListenerYaml(text, shown, original, 'alb-a', ctx);
      return outcome.kind === 'invalid' ? outcome.errors.map((e) => e.en).join('\n') : outcome.kind;
    };
    expect(errors(shown.replace('IdleTimeout: 15', 'IdleTimeout: 99'))).toMatch(/IdleTimeout: .*1 to 60/);
    expect(errors(shown.replace('GzipEnabled: true', 'GzipEnabled: maybe'))).toContain('GzipEnabled');
    expect(errors(`${shown}\nIdelTimeout: 5\n`)).toContain('IdelTimeout is not a field');
    expect(errors(`${shown}\nListenerPort: 8443\n`)).toContain('ListenerPort cannot change');
    expect(errors(`${shown}\nIdleTimeout: [\n`)).toMatch(/YAML, line \d+/);
    expect(errors(shown.replace('sgp-http', 'sgp-nope'))).toContain('sgp-nope');
  });

  it('cancels on an unchanged or emptied file', () => {
    expect(readListenerYaml(shown, shown, original, 'alb-a', ctx).kind).toBe('cancel');
    expect(readListenerYaml('', shown, original, 'alb-a', ctx).kind).toBe('cancel');
    expect(readListenerYaml('# only a comment\n', shown, original, 'alb-a', ctx).kind).toBe('cancel');
  });

  it('puts errors at the top and keeps the text, replacing earlier errors', () => {
    const edited = shown.replace('IdleTimeout: 15', 'IdleTimeout: 99');
    const once = withErrors(edited, [{ en: 'first problem', 'zh-CN': '问题一' }], 'en');
    const twice = withErrors(once, [{ en: 'second problem', 'zh-CN': '问题二' }], 'en');
    expect(twice.startsWith('# ✗ ')).toBe(true);
    expect(twice).toContain('# ✗ second problem');
    expect(twice).not.toContain('first problem');
    expect(twice).toContain('IdleTimeout: 99');
    // Saving it unchanged gives up; fixing it below the errors is read without them.
    expect(readListenerYaml(twice, twice, original, 'alb-a', ctx).kind).toBe('cancel');
    expect(
      readListenerYaml(twice.replace('IdleTimeout: 99', 'IdleTimeout: 20'), twice, original, 'alb-a', ctx),
    ).toMatchObject({
      kind: 'ok',
    });
  });
});

describe('the external editor', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function runner(env: Record<string, string>, events: string[] = []) {
    const tmpDir = mkdtempSync(path.join(tmpdir(), 'alb-tui-edit-test-'));
    folders.push(tmpDir);
    const log = path.join(tmpDir, 'log');
    return {
      log,
      tmpDir,
      run: createEditorRunner({
        env: { EDITOR: `node ${EDITOR}`, ALB_TUI_TEST_EDITOR_LOG: log, ...env },
        handover: { suspend: () => events.push('suspend'), resume: () => events.push('resume') },
        tmpDir,
      }),
    };
  }

  it('prefers $VISUAL, then $EDITOR, then vi', () => {
    expect(editorCommand({ VISUAL: 'nvim', EDITOR: 'nano' })).toBe('nvim');
    expect(editorCommand({ EDITOR: 'code -w' })).toBe('code -w');
    expect(editorCommand({})).toBe('vi');
  });

  it('hands the terminal over, runs the editor on a private file, and returns what it saved', async () => {
    const events: string[] = [];
    const { run, log, tmpDir } = runner(
      { ALB_TUI_TEST_EDITS: JSON.stringify([['IdleTimeout: 15', 'IdleTimeout: 42']]) },
      events,
    );
    const result = await run(shown, 'lsn-https443.yaml');
    expect(events).toEqual(['suspend', 'resume']);
    expect(result).toEqual({ ok: true, text: shown.replace('IdleTimeout: 15', 'IdleTimeout: 42') });
    const given = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string);
    expect(given).toEqual([shown]);
    // The file and its folder are gone afterwards.
    expect(readdir(tmpDir)).toEqual(['log']);
  });

  it('says so when the editor fails, and still takes the terminal back', async () => {
    const events: string[] = [];
    const { run } = runner({ ALB_TUI_TEST_EDITOR_EXIT: '3' }, events);
    const result = await run(shown, 'x.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.en).toContain('exit status 3');
    expect(events).toEqual(['suspend', 'resume']);
  });

  it('does not stop the app while the editor is open: the in-process local ALB answers meanwhile', async () => {
    const emulator = await startEmulator({ port: 0, provisioningDelayMs: 0 });
    try {
      const events: string[] = [];
      const { run, tmpDir } = runner({}, events);
      const answered = path.join(tmpDir, 'answered');
      const editing = createEditorRunner({
        env: { EDITOR: `node ${EDITOR}`, ALB_TUI_TEST_EDITOR_WAIT_FOR: answered },
        handover: { suspend: () => events.push('suspend'), resume: () => events.push('resume') },
        tmpDir,
      })(shown, 'lsn-https443.yaml');
      // The editor is open (and waits for this request's answer before it exits).
      expect(events).toEqual(['suspend']);
      const instances = await collect(clientFor(emulator).listLoadBalancers());
      expect(instances.length).toBeGreaterThan(0);
      writeFileSync(answered, '');
      expect(await editing).toEqual({ ok: true, text: shown });
      expect(events).toEqual(['suspend', 'resume']);
      expect((await run('a', 'b.yaml')).ok).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it('keeps the file private while it exists', async () => {
    const { run } = runner({ ALB_TUI_TEST_EDITS: JSON.stringify([['*', 'x']]) });
    let mode = 0;
    let folderMode = 0;
    const spy = createEditorRunner({
      env: {},
      handover: { suspend: () => undefined, resume: () => undefined },
      spawn: async (command) => {
        const file = command.slice(command.indexOf("'") + 1, -1);
        mode = statSync(file).mode & 0o777;
        folderMode = statSync(path.dirname(file)).mode & 0o777;
        return { status: 0, signal: null };
      },
    });
    await spy('secret-free text', 'a.yaml');
    expect(mode).toBe(0o600);
    expect(folderMode).toBe(0o700);
    expect((await run('a', 'b.yaml')).ok).toBe(true);
  });
});

function readdir(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder) : [];
}

describe('edit as text in the wizard', () => {
  function openedAsText(): WizardScreen {
    const screen = initScreen({
      loadBalancerId: 'alb-a',
      clientToken: 'tok',
      edit: { listenerId: 'lsn-https443', asText: true },
    });
    return screenReducer(screen, { type: 'edit-loaded', context: context(), listener: httpsListener() });
  }
  const lastEffect = (s: WizardScreen) => s.effects.at(-1)?.effect;

  it('opens the editor on the listener at once', () => {
    expect(lastEffect(openedAsText())).toEqual({ kind: 'edit-text', draft: original });
  });

  it('saved with a change: the review shows the diff and prechecks only that field', () => {
    const s = screenReducer(openedAsText(), {
      type: 'text-edited',
      shown,
      result: { ok: true, text: shown.replace('RequestTimeout: 60', 'RequestTimeout: 120') },
    });
    expect(s.wizard.step).toBe('review');
    expect(renderWizardText(s, { lang: 'en', width: 100, height: 30 }).join('\n')).toMatch(
      /Request timeout\s+60 → 120/,
    );
    expect(lastEffect(s)).toMatchObject({
      kind: 'precheck-update',
      request: { listenerId: 'lsn-https443', requestTimeout: 120 },
    });
  });

  it('invalid: the editor opens again on the same text with the errors', () => {
    const saved = shown.replace('IdleTimeout: 15', 'IdleTimeout: 0');
    const s = screenReducer(openedAsText(), {
      type: 'text-edited',
      shown,
      result: { ok: true, text: saved },
    });
    const effect = lastEffect(s);
    expect(effect?.kind).toBe('edit-text');
    if (effect?.kind !== 'edit-text') return;
    expect(effect.retry?.text).toBe(saved);
    expect(effect.retry?.errors[0]?.en).toContain('IdleTimeout');
    expect(s.wizard.draft.idleTimeout).toBe('15');
  });

  it('unchanged: leaves, saying nothing changed', () => {
    const s = screenReducer(openedAsText(), {
      type: 'text-edited',
      shown,
      result: { ok: true, text: shown },
    });
    expect(lastEffect(s)).toMatchObject({ kind: 'leave', message: { tone: 'warning' } });
    expect(s.leaving).toEqual({});
  });

  it('E on the review of an edit opens the form as text', () => {
    let s = screenReducer(openedAsText(), {
      type: 'text-edited',
      shown,
      result: { ok: true, text: shown.replace('RequestTimeout: 60', 'RequestTimeout: 120') },
    });
    s = screenReducer(s, { type: 'edit-as-text' });
    expect(lastEffect(s)).toMatchObject({ kind: 'edit-text', draft: { requestTimeout: '120' } });
    // Given up from the review: the review stays.
    const back = screenReducer(s, { type: 'text-edited', shown, result: { ok: true, text: shown } });
    expect(back.leaving).toBeUndefined();
    expect(back.wizard.step).toBe('review');
  });
});
