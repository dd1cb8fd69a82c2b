// The rules pane as lines (pure), beside the windowed list that ListPane draws: the list's status line
// and title, the move plan, the delete confirmation, the copy picker and plan, a run and its results,
// and the request tester.
import type { Lang, Localized } from '../../domain/i18n.js';
import type { ActionEffect, ConditionVerdict } from '../../domain/rule-match.js';
import { cellWidth, padCells, sanitizeForTerminal } from '../../domain/text.js';
import { fitLine, seg, type Line } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import { selectedRow } from '../dashboard/list-model.js';
import type { Tone } from '../theme.js';
import { conditionWord, SUMMARY_WORDS, type GroupNames } from '../../domain/rule-summary.js';
import { RULES_TEXT, type RulesTextKey } from './rules-i18n.js';
import { ruleStatusWord } from './rules-rows.js';
import {
  copyChoices,
  type ConfirmText,
  type ItemPhase,
  type RulesMode,
  type RulesState,
} from './rules-state.js';
import { TESTER_FIELDS, type TesterField, type TesterResponse, type TesterState } from './tester-state.js';

type Params = Record<string, string | number | Localized>;
const say = (lang: Lang, key: RulesTextKey, params: Params = {}) => RULES_TEXT.say(lang, key, params);
const s = sanitizeForTerminal;

export interface RulesRenderOptions {
  lang: Lang;
  width: number;
  height: number;
  /** The connection of the pane's listener: named on each plan and confirmation. */
  target?: readonly ChangeTarget[];
  /** The connection a listener rules are copied to is in (a mixed view), for the copy plan. */
  targetOfListener?: (listenerId: string) => ChangeTarget | undefined;
}

/** `Target: prod · cn-shanghai` under a plan's title, when known. */
function targetLines(targets: readonly ChangeTarget[] | undefined, lang: Lang): Line[] {
  const where = targetLine(targets, lang);
  return where ? [[seg(where, { bold: true })]] : [];
}

function copyTargets(
  ids: readonly string[],
  options: RulesRenderOptions,
): readonly ChangeTarget[] | undefined {
  if (!options.targetOfListener) return options.target;
  const found = new Map<string, ChangeTarget>();
  for (const id of ids) {
    const target = options.targetOfListener(id) ?? options.target?.[0];
    if (target) found.set(`${target.profile}@${target.region}`, target);
  }
  return [...found.values()];
}

/** `12 · by priority ↑ · 2 marked`: after the pane's title. */
export function listInfo(state: RulesState, lang: Lang): string {
  const { model } = state;
  // Rules only: the default action's row is not one.
  const rules = state.rules.length;
  const shown = model.matches.filter((row) => row.rule).length;
  const count = model.filter ? `${shown}/${rules} /${model.filter}` : String(rules);
  const sortWord = say(
    lang,
    state.sort.key === 'priority' ? 'sortPriority' : state.sort.key === 'name' ? 'sortName' : 'sortStatus',
  );
  const parts = [
    count,
    say(lang, 'sortedBy', { sort: `${sortWord} ${state.sort.direction === 'asc' ? '↑' : '↓'}` }),
  ];
  if (state.marked.size > 0) parts.push(say(lang, 'marked', { count: state.marked.size }));
  return parts.join(' · ');
}

/** The line under the list: a notice, the filter being typed, or the selected rule. */
export function statusLine(state: RulesState, lang: Lang, width: number): Line {
  if (state.notice) return fitLine([seg(state.notice.text[lang], { tone: state.notice.tone })], width);
  if (state.filtering) return fitLine([seg(`/${state.model.filter}`, { tone: 'accent' }), seg('▏')], width);
  if (state.status === 'failed' && state.error)
    return fitLine(
      [seg(say(lang, 'failed', { reason: state.error.message[lang] }), { tone: 'danger' })],
      width,
    );
  const rule = selectedRow(state.model)?.rule;
  if (!rule) return [];
  return fitLine(
    [
      seg(
        say(lang, 'selected', {
          id: s(rule.ruleId),
          priority: rule.priority,
          status: ruleStatusWord(rule.ruleStatus, lang),
        }),
        { tone: 'muted' },
      ),
    ],
    width,
  );
}

function confirmLines(confirm: ConfirmText | undefined, count: number, lang: Lang): Line[] {
  if (!confirm) return [];
  const lines: Line[] = [
    [seg(say(lang, 'typeCount', { count, text: confirm.text }), { tone: 'danger', bold: true })],
  ];
  if (confirm.wrong) lines.push([seg(say(lang, 'typeCountWrong', { count }), { tone: 'danger' })]);
  return lines;
}

const PHASE_TONE: Record<ItemPhase, Tone | undefined> = {
  waiting: 'muted',
  sending: 'accent',
  provisioning: 'warning',
  done: 'good',
  failed: 'danger',
  skipped: 'muted',
};

function phaseText(phase: ItemPhase, reason: Localized | undefined, lang: Lang): string {
  switch (phase) {
    case 'waiting':
      return say(lang, 'resultWaiting');
    case 'sending':
      return say(lang, 'resultSending');
    case 'provisioning':
      return say(lang, 'resultProvisioning');
    case 'done':
      return say(lang, 'resultOk');
    case 'skipped':
      return say(lang, 'resultSkipped');
    case 'failed':
      return say(lang, 'resultFailed', { reason: reason?.[lang] ?? '' });
  }
}

/** Head lines, then as much of the body as fits from `scroll`, then the tail lines at the bottom. */
function framed(
  head: Line[],
  body: Line[],
  tail: Line[],
  scroll: number,
  options: RulesRenderOptions,
): Line[] {
  const room = Math.max(0, options.height - head.length - tail.length);
  const first = Math.max(0, Math.min(scroll, body.length - room));
  const shown = body.slice(first, first + room);
  const filler: Line[] = Array.from({ length: Math.max(0, room - shown.length) }, () => []);
  return [...head, ...shown, ...filler, ...tail].map((line) => fitLine(line, options.width));
}

function modeLines(
  state: RulesState,
  mode: Exclude<RulesMode, { kind: 'list' }>,
  options: RulesRenderOptions,
): Line[] {
  const { lang } = options;
  const listener = state.listener.label;
  const notice: Line[] = state.notice ? [[seg(state.notice.text[lang], { tone: state.notice.tone })]] : [];
  switch (mode.kind) {
    case 'move': {
      const byId = new Map(state.rules.map((rule) => [rule.ruleId, rule]));
      const head: Line[] = [
        [
          seg(
            say(lang, 'movePlanTitle', {
              name: mode.name,
              direction: say(lang, mode.direction < 0 ? 'moveUp' : 'moveDown'),
              count: mode.changes.length,
              calls: mode.calls.length,
            }),
            { bold: true },
          ),
        ],
        ...targetLines(options.target, lang),
        [],
      ];
      const final = new Map(mode.changes.map((change) => [change.ruleId, change.to]));
      const body: Line[] = [];
      mode.calls.forEach((call, index) => {
        body.push([seg(`UpdateRulesAttribute #${index + 1}`, { tone: 'muted' })]);
        for (const change of call) {
          const rule = byId.get(change.ruleId);
          const parked = final.get(change.ruleId) !== change.to;
          body.push([
            seg(`  ${rule ? s(rule.ruleName) : change.ruleId}  `),
            seg(
              parked
                ? say(lang, 'moveParked', { to: change.to })
                : say(lang, 'moveChange', { from: change.from, to: change.to }),
              { tone: parked ? 'muted' : 'accent' },
            ),
          ]);
        }
      });
      const tail = [
        ...notice,
        ...confirmLines(mode.confirm, mode.changes.length, lang),
        [seg(say(lang, 'moveKeys'), { dim: true })],
      ];
      return framed(head, body, tail, 0, options);
    }
    case 'delete': {
      const head: Line[] = [
        [
          seg(say(lang, 'deleteTitle', { count: mode.rules.length, listener }), {
            bold: true,
            tone: 'danger',
          }),
        ],
        ...targetLines(options.target, lang),
        [],
      ];
      const body = mode.rules.map((rule) => {
        const row = state.model.rows.find((candidate) => candidate.id === rule.ruleId);
        return [
          seg(`  ${rule.priority}  ${s(rule.ruleName)}  `),
          seg(row?.summary[lang] ?? '', { tone: 'muted' }),
        ];
      });
      const tail = [
        ...notice,
        ...confirmLines(mode.confirm, mode.rules.length, lang),
        [seg(say(lang, 'deleteKeys'), { dim: true })],
      ];
      return framed(head, body, tail, 0, options);
    }
    case 'copy-pick': {
      const choices = copyChoices(state, mode.filter);
      const head: Line[] = [
        [seg(say(lang, 'copyPickTitle', { count: mode.rules.length }), { bold: true })],
        [seg(`/${mode.filter}`, { tone: 'accent' }), seg('▏')],
      ];
      const body = choices.map((target, index) => {
        const at = index === mode.cursor;
        return [
          seg(`${at ? '›' : ' '}${mode.picked.has(target.id) ? '✓' : ' '} `),
          seg(`${target.label}  `, at ? { inverse: true } : {}),
          seg(target.id, { tone: 'muted' }),
        ];
      });
      const room = Math.max(1, options.height - 4);
      const scroll = Math.max(0, mode.cursor - room + 1);
      return framed(
        head,
        body,
        [...notice, [seg(say(lang, 'copyPickKeys'), { dim: true })]],
        scroll,
        options,
      );
    }
    case 'copy-planning':
      return framed([[seg(say(lang, 'copyPlanning'), { tone: 'accent' })]], [], [], 0, options);
    case 'copy-plan': {
      const sendable = mode.entries.filter((entry) => !entry.clash).length;
      const targets = [...new Set(mode.entries.map((entry) => entry.targetId))];
      const head: Line[] = [
        [
          seg(
            say(lang, 'copyPlanTitle', {
              targets: targets.length + mode.unreadable.length,
              send: sendable,
              clash: mode.entries.length - sendable,
            }),
            { bold: true },
          ),
        ],
        ...targetLines(copyTargets(targets, options), lang),
        [],
      ];
      const body: Line[] = [];
      const label = (id: string) => state.targets.find((target) => target.id === id)?.label ?? id;
      for (const targetId of targets) {
        body.push([seg(label(targetId), { bold: true }), seg(`  ${targetId}`, { tone: 'muted' })]);
        for (const entry of mode.entries.filter((candidate) => candidate.targetId === targetId)) {
          const name = `  ${entry.rule.priority}  ${s(entry.rule.ruleName)}  `;
          if (entry.clash) {
            body.push([
              seg(name),
              seg(
                say(lang, 'copyClash', {
                  priority: entry.priority,
                  holder: entry.clash.holderName,
                  holderId: entry.clash.holderId,
                }),
                {
                  tone: 'warning',
                },
              ),
            ]);
          } else if (entry.priority !== entry.rule.priority) {
            body.push([
              seg(name),
              seg(say(lang, 'copyRenumbered', { from: entry.rule.priority, priority: entry.priority }), {
                tone: 'accent',
              }),
            ]);
          } else {
            body.push([
              seg(name),
              seg(say(lang, 'copyWillCreate', { priority: entry.priority }), { tone: 'good' }),
            ]);
          }
        }
      }
      for (const failed of mode.unreadable)
        body.push([
          seg(label(failed.targetId), { bold: true }),
          seg(`  ${say(lang, 'copyFailedRead', { reason: failed.reason[lang] })}`, { tone: 'danger' }),
        ]);
      const tail = [
        ...notice,
        ...confirmLines(mode.confirm, sendable, lang),
        [seg(say(lang, 'copyKeys'), { dim: true })],
      ];
      return framed(head, body, tail, mode.scroll, options);
    }
    case 'running':
    case 'done': {
      const ok = mode.items.filter((item) => item.phase === 'done').length;
      const failed = mode.items.filter((item) => item.phase === 'failed' || item.phase === 'skipped').length;
      const settled = mode.kind === 'done';
      const head: Line[] = [
        [
          seg(
            settled
              ? say(lang, 'doneTitle', { ok, total: mode.items.length, failed })
              : say(lang, 'running', { done: ok + failed, total: mode.items.length }),
            { bold: true, tone: settled ? (failed > 0 ? 'danger' : 'good') : 'accent' },
          ),
        ],
        [],
      ];
      const body = mode.items.map((item) => [
        seg(`  ${item.label}  `),
        ...(item.what ? [seg(`${item.what[lang]}  `, { tone: 'muted' as const })] : []),
        seg(phaseText(item.phase, item.reason, lang), { tone: PHASE_TONE[item.phase] }),
      ]);
      const tail: Line[] = settled ? [[seg(say(lang, 'doneKeys'), { dim: true })]] : [];
      return framed(head, body, tail, mode.scroll, options);
    }
    case 'tester':
      return testerLines(state, mode.tester, options);
  }
}

const FIELD_LABEL: Record<TesterField, RulesTextKey> = {
  method: 'testMethod',
  url: 'testUrl',
  headers: 'testHeaders',
  cookies: 'testCookies',
  sourceIp: 'testSourceIp',
  responseStatus: 'testResponseStatus',
  responseHeaders: 'testResponseHeaders',
};
const FIELD_HINT: Partial<Record<TesterField, RulesTextKey>> = {
  headers: 'testHeadersHint',
  responseHeaders: 'testHeadersHint',
  cookies: 'testCookiesHint',
};

function verdictLine(verdict: ConditionVerdict, lang: Lang): Line {
  const word = conditionWord(verdict.type, lang);
  const key = verdict.key ? ` ${s(verdict.key)}` : '';
  const seen = verdict.seen.length > 0 ? verdict.seen.map(s).join(', ') : '—';
  return [
    seg(verdict.matched ? '  ✓ ' : '  ✗ ', { tone: verdict.matched ? 'good' : 'danger', bold: true }),
    seg(`${word}${key} ${verdict.values.map(s).join('|')}`),
    seg(verdict.problem === 'requestOnly' ? `  (${say(lang, 'testRequestOnly')})` : `  ← ${seen}`, {
      tone: 'muted',
    }),
  ];
}

function effectText(effect: ActionEffect, lang: Lang, names: GroupNames): string {
  const name = (id: string) => s(names.get(id) ?? id);
  switch (effect.type) {
    case 'ForwardGroup':
      return effect.groups.map((group) => `${group.percent}% ${name(group.serverGroupId)}`).join(', ');
    case 'Redirect':
      return `${SUMMARY_WORDS.say(lang, 'redirect')} ${s(effect.httpCode)} → ${s(effect.url)}`;
    case 'FixedResponse':
      return `${SUMMARY_WORDS.say(lang, 'fixed')} ${s(effect.httpCode)} ${s(effect.contentType)} “${s(effect.content).slice(0, 60)}”`;
    case 'Rewrite':
      return `${SUMMARY_WORDS.say(lang, 'rewrite')} → ${s(effect.host)}${s(effect.path)}${effect.query ? `?${s(effect.query)}` : ''}`;
    case 'InsertHeader':
      return `${SUMMARY_WORDS.say(lang, 'insertHeader')} ${s(effect.key)}: ${s(effect.value)}`;
    case 'RemoveHeader':
      return `${SUMMARY_WORDS.say(lang, 'removeHeader')} ${s(effect.key)}`;
    case 'TrafficLimit':
      return `${SUMMARY_WORDS.say(lang, 'limit')} ${[effect.qps === undefined ? '' : `${effect.qps} QPS`, effect.perIpQps === undefined ? '' : `${SUMMARY_WORDS.say(lang, 'perIp')} ${effect.perIpQps} QPS`].filter(Boolean).join(', ')}`;
    case 'TrafficMirror':
      return `${SUMMARY_WORDS.say(lang, 'mirror')} ${effect.serverGroupIds.map(name).join(', ')}`;
    case 'Cors':
      return `${SUMMARY_WORDS.say(lang, 'cors')} ${effect.allowOrigin.map(s).join('|')}`;
  }
}

/** Which Response rule would edit the answer's headers, why, and how (nothing when there are none). */
function responseLines(response: TesterResponse, stale: boolean, lang: Lang, names: GroupNames): Line[] {
  if (response.rules === 0) return [];
  const { match, status } = response;
  const taking = match.rule ? match.tried[match.tried.length - 1] : undefined;
  const lines: Line[] = [
    [],
    [
      seg(
        match.rule
          ? say(lang, 'testResponseApplies', {
              status,
              priority: match.rule.priority,
              name: s(match.rule.ruleName),
              id: s(match.rule.ruleId),
            })
          : say(lang, 'testResponseNone', { status, count: response.rules }),
        { tone: stale ? 'muted' : match.rule ? 'good' : 'muted', bold: true },
      ),
    ],
  ];
  const explained = taking ?? match.tried[match.tried.length - 1];
  if (explained && explained.conditions.length > 0) {
    if (!taking)
      lines.push([seg(`${explained.rule.priority} ${s(explained.rule.ruleName)}:`, { tone: 'muted' })]);
    for (const verdict of explained.conditions) lines.push(verdictLine(verdict, lang));
  }
  for (const edit of match.edits)
    lines.push([seg(`  → ${effectText(edit, lang, names)}`, { tone: 'accent' })]);
  return lines;
}

export function testerLines(state: RulesState, tester: TesterState, options: RulesRenderOptions): Line[] {
  const { lang } = options;
  const head: Line[] = [
    [seg(say(lang, 'testTitle', { listener: state.listener.label }), { bold: true })],
    [],
  ];
  const labelWidth = Math.max(...TESTER_FIELDS.map((field) => cellWidth(say(lang, FIELD_LABEL[field]))));
  TESTER_FIELDS.forEach((field, index) => {
    const focused = index === tester.focus;
    const label = say(lang, FIELD_LABEL[field]);
    const value = tester.values[field];
    const hint = !value && FIELD_HINT[field] ? say(lang, FIELD_HINT[field]!) : '';
    head.push([
      seg(`${focused ? '›' : ' '} ${padCells(label, labelWidth)} `, { bold: focused }),
      seg(s(value), focused ? { tone: 'accent' } : {}),
      ...(focused ? [seg('▏')] : []),
      ...(hint ? [seg(hint, { dim: true })] : []),
    ]);
    const error = tester.errors[field];
    if (error) head.push([seg(`    ${error[lang]}`, { tone: 'danger' })]);
  });
  head.push([]);
  const body: Line[] = [];
  const result = tester.result;
  const stale = Object.keys(tester.errors).length > 0;
  if (result) {
    const { match } = result;
    const tone: Tone = stale ? 'muted' : match.rule ? 'good' : 'warning';
    body.push([
      seg(
        match.rule
          ? say(lang, 'testMatched', {
              priority: match.rule.priority,
              name: s(match.rule.ruleName),
              id: s(match.rule.ruleId),
            })
          : say(lang, 'testDefault'),
        { tone, bold: true },
      ),
    ]);
    const skipped = match.rule ? match.tried.length - 1 : match.tried.length;
    if (skipped > 0) body.push([seg(say(lang, 'testSkipped', { count: skipped }), { tone: 'muted' })]);
    const taking = match.rule ? match.tried[match.tried.length - 1] : undefined;
    if (taking && taking.conditions.length > 0) {
      body.push([seg(say(lang, 'testWhy'))]);
      for (const verdict of taking.conditions) body.push(verdictLine(verdict, lang));
    }
    // The rule just before that came nearest: why it did not take the request.
    const nearMiss = [...match.tried].reverse().find((trial) => !trial.matched);
    if (!match.rule && nearMiss) {
      body.push([seg(`${nearMiss.rule.priority} ${s(nearMiss.rule.ruleName)}:`, { tone: 'muted' })]);
      for (const verdict of nearMiss.conditions) body.push(verdictLine(verdict, lang));
    }
    body.push([seg(say(lang, 'testDoes'))]);
    for (const effect of match.effects)
      body.push([seg(`  → ${effectText(effect, lang, state.names)}`, { tone: 'accent' })]);
    body.push(...responseLines(result.response, stale, lang, state.names));
  }
  return framed(head, body, [[seg(say(lang, 'testKeys'), { dim: true })]], 0, options);
}

/** Every mode but the list (which ListPane draws) as lines. */
export function renderRulesMode(state: RulesState, options: RulesRenderOptions): Line[] {
  const mode = state.mode;
  if (mode.kind === 'list') return [];
  return modeLines(state, mode, options);
}
