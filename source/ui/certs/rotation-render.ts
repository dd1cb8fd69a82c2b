// The rotation's plan and its run as the certificate view draws them: per listener, what changes step
// by step, what the rotation warns of, what the server's precheck said, then progress and a result
// per listener (a failure's reason wrapped below it, never cut). Pure.
import type { ListenerOutcome } from '../../alb/rotation.js';
import { certificateKey } from '../../domain/certificate-ids.js';
import type { RotationWarning } from '../../domain/certificate-names.js';
import type { Lang } from '../../domain/i18n.js';
import {
  changesOf,
  type ListenerRotation,
  type RotationListener,
  type RotationPlan,
  type RotationStep,
} from '../../domain/rotation.js';
import { seg, wrapCells, type Line } from '../components/lines.js';
import { enumWord } from '../dashboard/enum-words.js';
import { errorInfo, type ErrorInfo } from '../error-info.js';
import type { Tone } from '../theme.js';
import { tc } from './certs-i18n.js';
import type { ListenerProgress, Precheck } from './certs-state.js';

export function listenerLabel(listener: RotationListener): string {
  const name = listener.name ? ` ${listener.name}` : '';
  return `${listener.protocol} ${listener.port}${name} (${listener.listenerId})`;
}

function shortId(id: string): string {
  return certificateKey(id);
}

export function stepText(step: RotationStep, lang: Lang): string {
  switch (step.kind) {
    case 'replaceDefault':
      return tc(lang, 'stepReplaceDefault', { to: shortId(step.to) });
    case 'associate':
      return tc(lang, 'stepAssociate', { id: shortId(step.certificateId) });
    case 'awaitAssociated':
      return tc(lang, 'stepAwaitAssociated', { id: shortId(step.certificateId) });
    case 'dissociate':
      return tc(lang, 'stepDissociate', { id: shortId(step.certificateId) });
    case 'awaitDissociated':
      return tc(lang, 'stepAwaitDissociated', { id: shortId(step.certificateId) });
  }
}

export function roleText(role: string, lang: Lang): string {
  return tc(lang, role === 'default' ? 'roleDefault' : role === 'extra' ? 'roleExtra' : 'roleBoth');
}

export function nameList(names: readonly string[], lang: Lang): string {
  return names.join(lang === 'en' ? ', ' : '、');
}

function warningText(warning: RotationWarning, lang: Lang): string {
  return warning.kind === 'expiresSooner'
    ? tc(lang, 'warnExpiresSooner', { to: warning.to, from: warning.from })
    : tc(lang, 'warnNamesNotCovered', { to: warning.to, names: nameList(warning.names, lang) });
}

/**
 * The plan, per listener: what changes, step by step; then those it leaves alone. What the rotation
 * should warn of (names the new certificate misses, an earlier expiry) comes right under the title.
 */
export function planLines(
  { plan, precheck }: { plan: RotationPlan; precheck: Precheck },
  lang: Lang,
  width: number,
  warnings: readonly RotationWarning[] = [],
): Line[] {
  const changes = changesOf(plan);
  const refused = precheck.state === 'done' ? precheck.refused : new Map<string, ErrorInfo>();
  const lines: Line[] = [
    [
      seg(
        ` ${tc(lang, changes.length === 0 ? 'planNone' : 'planTitle', { from: plan.from, to: plan.to, count: changes.length })}`,
        {
          bold: true,
          tone: 'accent',
        },
      ),
    ],
  ];
  const wrapped = (text: string, indent: string, style: Parameters<typeof seg>[1] = {}) => {
    for (const part of wrapCells(text, width - indent.length - 1))
      lines.push([seg(`${indent}${part}`, style)]);
  };
  if (changes.length > 0) {
    for (const warning of warnings) wrapped(warningText(warning, lang), ' ', { tone: 'warning', bold: true });
    const said = precheckText(precheck, refused.size, lang);
    if (said) wrapped(said.text, ' ', { tone: said.tone });
  }
  for (const rotation of changes) {
    const refusal = refused.get(rotation.listener.listenerId);
    lines.push([
      seg(` ${listenerLabel(rotation.listener)}`, { bold: true, ...(refusal ? { dim: true } : {}) }),
      seg(` · ${roleText(rotation.role, lang)}`, { tone: 'muted' }),
      ...(rotation.resuming ? [seg(` · ${tc(lang, 'planResuming')}`, { tone: 'warning' })] : []),
    ]);
    rotation.steps.forEach((s, index) =>
      wrapped(`${index + 1}. ${stepText(s, lang)}`, '    ', refusal ? { dim: true } : {}),
    );
    if (refusal)
      wrapped(tc(lang, 'precheckRefusedOne', { reason: refusal.message[lang] }), '    ', { tone: 'danger' });
  }
  const others = plan.listeners.filter(
    (l): l is Exclude<ListenerRotation, { action: 'change' }> => l.action !== 'change',
  );
  for (const other of others) {
    if (other.action === 'untouched' && other.reason !== 'caOnly' && other.reason !== 'refused') continue;
    lines.push([
      seg(` ${listenerLabel(other.listener)}`, { dim: true }),
      seg(` · ${tc(lang, other.action === 'done' ? 'planDone' : 'planUntouched')}`, { tone: 'muted' }),
    ]);
  }
  return lines;
}

/** What the precheck says under the plan's title; nothing when it was skipped (read-only). */
function precheckText(
  precheck: Precheck,
  refused: number,
  lang: Lang,
): { text: string; tone: Tone } | undefined {
  switch (precheck.state) {
    case 'skipped':
      return undefined;
    case 'checking':
      return { text: tc(lang, 'precheckChecking'), tone: 'muted' };
    case 'done':
      return refused === 0
        ? { text: tc(lang, 'precheckPassed'), tone: 'good' }
        : { text: tc(lang, 'precheckRefused', { count: refused }), tone: 'danger' };
  }
}

function resultLines(
  rotation: ListenerRotation,
  progress: ListenerProgress | undefined,
  lang: Lang,
  width: number,
): Line[] {
  const label = seg(` ${listenerLabel(rotation.listener)}  `);
  const outcome = progress?.outcome;
  if (outcome) {
    if (outcome.result === 'failed') {
      const text = outcome.error === undefined ? '' : errorInfo(outcome.error).message[lang];
      const said = tc(lang, 'resultFailed', {
        step: outcome.failedStep ? stepText(outcome.failedStep, lang) : '—',
        reason: text.replace(/\s+/g, ' '),
      });
      // Why it failed is what the user reads this for: wrapped below the listener, never cut.
      return [
        [label],
        ...wrapCells(said, width - 5).map((part): Line => [seg(`    ${part}`, { tone: 'danger' })]),
      ];
    }
    const key =
      outcome.result === 'rotated'
        ? 'resultRotated'
        : outcome.result === 'done'
          ? 'resultDone'
          : rotation.action === 'untouched' && rotation.reason === 'refused'
            ? 'resultRefused'
            : 'resultUntouched';
    return [[label, seg(tc(lang, key), { tone: outcome.result === 'rotated' ? 'good' : 'muted' })]];
  }
  if (rotation.action !== 'change') return [[label, seg(tc(lang, 'waitingStep'), { tone: 'muted' })]];
  const current = progress?.step;
  const status = progress?.status
    ? ` · ${enumWord('certificateStatus', enumWord('listenerStatus', progress.status, lang), lang)}`
    : '';
  return [
    [
      label,
      seg(`${progress?.done ?? 0}/${rotation.steps.length} `, { tone: 'accent' }),
      seg(current ? `${stepText(current, lang)}${status}` : tc(lang, 'waitingStep'), { tone: 'warning' }),
    ],
  ];
}

export function runLines(
  plan: RotationPlan,
  progress: ReadonlyMap<string, ListenerProgress>,
  done: boolean,
  lang: Lang,
  width: number,
): Line[] {
  const shown = plan.listeners.filter(
    (l) => l.action !== 'untouched' || l.reason === 'caOnly' || l.reason === 'refused',
  );
  const ids = new Set(shown.map((l) => l.listener.listenerId));
  const outcomes = [...progress.values()]
    .map((p) => p.outcome)
    .filter((o): o is ListenerOutcome => o !== undefined && ids.has(o.listenerId));
  const head = done
    ? tc(lang, 'finished', {
        rotated: outcomes.filter((o) => o.result === 'rotated').length,
        failed: outcomes.filter((o) => o.result === 'failed').length,
        skipped: outcomes.filter((o) => o.result !== 'rotated' && o.result !== 'failed').length,
      })
    : tc(lang, 'running', {
        done: outcomes.filter((o) => shown.some((l) => l.listener.listenerId === o.listenerId)).length,
        count: shown.length,
      });
  const failed = outcomes.some((o) => o.result === 'failed');
  return [
    [
      seg(` ${tc(lang, 'planTitle', { from: plan.from, to: plan.to, count: changesOf(plan).length })}`, {
        bold: true,
        tone: 'accent',
      }),
    ],
    [seg(` ${head}`, { tone: done ? (failed ? 'danger' : 'good') : 'warning' })],
    ...shown.flatMap((rotation) =>
      resultLines(rotation, progress.get(rotation.listener.listenerId), lang, width),
    ),
  ];
}
