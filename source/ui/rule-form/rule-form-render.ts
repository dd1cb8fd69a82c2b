// The rule form laid out as lines (pure; the view paints them): the rows with their values, the
// messages right under the field they concern, the edition's quotas on the section rows, a picker,
// the review's diff with the precheck and the submission, the key hints. Windowed around the focus.
import type { Lang } from '../../domain/i18n.js';
import { cellWidth, padCells } from '../../domain/text.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { draftToSpec, isFinalAction, suggestedPriority } from './rule-draft.js';
import { diffRule } from './rule-diff.js';
import { choicesAt, rowPath, textAt, type FormRow } from './rule-form-rows.js';
import { actionName, conditionHint, conditionName, fsay, type RuleFormTextKey } from './rule-form-i18n.js';
import {
  changeCount,
  formIssues,
  pickerOptions,
  rows,
  vpcGroups,
  type RuleFormState,
} from './rule-form-state.js';
import { quotasOf } from './rule-issues.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';

export interface RenderOptions {
  lang: Lang;
  width: number;
  height: number;
  instanceName?: string;
  spinner?: number;
  /** The connection the rule is made or changed in, named on the review. */
  target?: readonly ChangeTarget[];
}

const LABEL = 30;
const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function listenerLabel(state: RuleFormState): string {
  const l = state.facts?.listener;
  return l ? `${l.protocol} ${l.port} “${l.name}”` : state.listenerId;
}

function title(state: RuleFormState, o: RenderOptions): Line {
  const instance = o.instanceName ?? state.facts?.context.instance.loadBalancerId ?? '';
  const key: RuleFormTextKey = state.ruleId ? 'titleEdit' : 'titleNew';
  const edition = state.facts?.context.instance.edition;
  return [
    seg(
      fsay(o.lang, key, {
        rule: state.original?.ruleName ?? state.ruleId ?? '',
        listener: listenerLabel(state),
        instance,
      }),
      { bold: true },
    ),
    ...(edition
      ? [seg(` · ${fsay(o.lang, 'edition', { edition: fsay(o.lang, edition) })}`, { dim: true })]
      : []),
  ];
}

function groupLabel(state: RuleFormState, id: string): string {
  const group =
    vpcGroups(state).find((g) => g.serverGroupId === id) ??
    state.facts?.context.serverGroups.find((g) => g.serverGroupId === id);
  return group ? `${id} (${group.serverGroupName})` : id;
}

/** The label and value of a row, and a hint to the right. */
function rowParts(
  state: RuleFormState,
  row: FormRow,
  lang: Lang,
): { indent: number; label: string; value: string; hint?: string; tone?: 'muted' | 'accent' } {
  const [head, i, what, j, sub] = rowPath(row.id);
  const say = (key: RuleFormTextKey) => fsay(lang, key);
  const quotas = state.facts ? quotasOf(state.draft, state.facts) : undefined;
  if (row.id === 'ruleName') return { indent: 0, label: say('ruleName'), value: state.draft.ruleName };
  if (row.id === 'priority') {
    const taken = (state.facts?.rules ?? []).filter((r) => r.ruleId !== state.ruleId).map((r) => r.priority);
    const hint = fsay(lang, 'prioritySuggested', { priority: suggestedPriority(taken) });
    return { indent: 0, label: say('priority'), value: state.draft.priority, hint };
  }
  if (row.id === 'direction')
    return { indent: 0, label: say('direction'), value: `‹ ${say(state.draft.direction)} ›` };
  if (row.id === 'conditions' || row.id === 'actions') {
    const used = row.id === 'conditions' ? state.draft.conditions.length : state.draft.actions.length;
    const max = quotas ? (row.id === 'conditions' ? quotas.conditions : quotas.actions) : undefined;
    const wild =
      row.id === 'conditions' && quotas
        ? ` · ${fsay(lang, 'wildcards', { used: quotas.wildcardsUsed, max: quotas.wildcards })}`
        : '';
    return {
      indent: 0,
      label: say(row.id),
      value: `${max === undefined ? used : `${used}/${max}`}${wild}`,
      hint: say('sectionHint'),
      tone: 'accent',
    };
  }
  if (head === 'conditions' && typeof i === 'number') {
    const condition = state.draft.conditions[i]!;
    if (what === undefined)
      return {
        indent: 2,
        label: `${i + 1} ${conditionName(condition.type)[lang]}`,
        value: conditionHint(condition.type)[lang],
        hint: say('itemHint'),
        tone: 'muted',
      };
    if (what === 'key') return { indent: 4, label: say('headerKey'), value: condition.key };
    return {
      indent: 4,
      label: `${say('value')} ${Number(j) + 1}`,
      value: textAt(state.draft, row.id),
      hint: say('valueHint'),
    };
  }
  if (head === 'actions' && typeof i === 'number') {
    const action = state.draft.actions[i]!;
    if (what === undefined)
      return {
        indent: 2,
        label: `${i + 1} ${actionName(action.type)[lang]}`,
        value: isFinalAction(action.type) ? say('final') : '',
        hint: say('itemHint'),
        tone: 'muted',
      };
    if (what === 'groups' && typeof j === 'number') {
      const group = action.groups[j]!;
      if (sub === 'weight') {
        const total = action.groups.reduce((sum, g) => sum + (Number(g.weight) || 0), 0);
        const percent = total === 0 ? 0 : Math.round(((Number(group.weight) || 0) * 100) / total);
        return {
          indent: 6,
          label: say('weight'),
          value: group.weight,
          hint: fsay(lang, 'share', { percent }),
        };
      }
      return {
        indent: 4,
        label: `${say('serverGroup')} ${j + 1}`,
        value: group.serverGroupId === '' ? say('pickGroup') : groupLabel(state, group.serverGroupId),
        hint: say('groupHint'),
      };
    }
    const name = String(what);
    const choice = choicesAt(state.draft, row.id);
    const value = textAt(state.draft, row.id);
    const onOff = name === 'sticky' || name === 'allowCredentials';
    const shown = choice ? `‹ ${onOff ? say(value === 'on' ? 'on' : 'off') : value} ›` : value;
    const label = (
      [
        'sticky',
        'stickyTimeout',
        'httpCode',
        'protocol',
        'host',
        'port',
        'path',
        'query',
        'contentType',
        'content',
        'key',
        'valueType',
        'value',
        'qps',
        'perIpQps',
        'allowOrigin',
        'allowMethods',
        'allowHeaders',
        'exposeHeaders',
        'allowCredentials',
        'maxAge',
      ] as const
    ).includes(name as 'key')
      ? say(name as RuleFormTextKey)
      : name;
    return { indent: 4, label, value: shown };
  }
  return { indent: 0, label: row.id, value: '' };
}

function withCaret(value: string, caret: number | undefined): Line {
  const parts = [...new Intl.Segmenter().segment(value)].map((s) => s.segment);
  const at = Math.min(caret ?? parts.length, parts.length);
  return [
    seg(parts.slice(0, at).join('')),
    seg(parts[at] ?? ' ', { inverse: true }),
    seg(parts.slice(at + 1).join('')),
  ];
}

function formLines(
  state: RuleFormState,
  o: RenderOptions,
): { lines: Line[]; focusLine: number; focusEnd: number } {
  const { lang, width } = o;
  const all = rows(state);
  const { shown } = formIssues(state);
  const lines: Line[] = [];
  let focusLine = 0;
  let focusEnd = 0;
  all.forEach((row, index) => {
    const focused = index === state.focus;
    const parts = rowParts(state, row, lang);
    if (focused) focusLine = lines.length;
    const label = padCells(' '.repeat(parts.indent) + parts.label, LABEL);
    const value: Line =
      focused && row.kind === 'text'
        ? withCaret(parts.value, state.caret)
        : [seg(parts.value, parts.tone === 'muted' ? { dim: true } : {})];
    const used = 2 + cellWidth(label) + 1 + cellWidth(parts.value) + 1;
    const hint =
      focused && parts.hint && used + cellWidth(parts.hint) + 2 < width
        ? [seg(`  ${parts.hint}`, { dim: true })]
        : [];
    const issues = shown.get(row.id) ?? [];
    lines.push([
      seg(focused ? '› ' : '  ', { tone: 'accent' }),
      seg(label, {
        bold: focused || row.kind === 'section',
        ...(parts.tone === 'accent' ? { tone: 'accent' } : {}),
        ...(issues.length > 0 ? { tone: 'danger' } : {}),
      }),
      seg(' '),
      ...value,
      ...hint,
    ]);
    const indent = ' '.repeat(Math.min(LABEL + 3, width - 12));
    for (const issue of issues)
      wrapCells(issue[lang], Math.max(10, width - cellWidth(indent) - 3)).forEach((text, at) =>
        lines.push([seg(indent), seg(`${at === 0 ? '✗' : ' '} ${text}`, { tone: 'danger' })]),
      );
    if (focused) focusEnd = lines.length - 1;
  });
  return { lines, focusLine, focusEnd };
}

function pickerLines(state: RuleFormState, o: RenderOptions): Line[] {
  const picker = state.picker!;
  const { lang } = o;
  const heading =
    picker.kind === 'condition-type'
      ? fsay(lang, 'typePickerCondition')
      : picker.kind === 'action-type'
        ? fsay(lang, 'typePickerAction')
        : fsay(lang, 'groupPicker', { vpc: state.facts?.context.instance.vpcId ?? '' });
  const lines: Line[] = [[seg(heading, { bold: true })]];
  if (picker.kind === 'group') lines.push([seg('/ '), ...withCaret(picker.filter, undefined)]);
  const options = pickerOptions(state);
  if (options.length === 0) lines.push([seg(fsay(lang, 'noGroups'), { dim: true })]);
  options.forEach((option, index) => {
    const on = index === picker.cursor;
    const name =
      picker.kind === 'condition-type'
        ? `${padCells(conditionName(option.id as never)[lang], 22)} ${conditionHint(option.id as never)[lang]}`
        : picker.kind === 'action-type'
          ? `${padCells(actionName(option.id as never)[lang], 26)}${isFinalAction(option.id as never) ? fsay(lang, 'final') : ''}`
          : `${padCells(option.id, 24)} ${padCells(option.label, 22)} ${fsay(lang, 'groupFacts', { protocol: option.facts?.protocol ?? '', servers: option.facts?.serverCount ?? 0 })}`;
    lines.push([seg(on ? '› ' : '  ', { tone: 'accent' }), seg(name, on ? { inverse: true } : {})]);
  });
  return lines;
}

function groupName(state: RuleFormState) {
  return (id: string) => groupLabel(state, id);
}

function reviewLines(state: RuleFormState, o: RenderOptions): Line[] {
  const { lang, width } = o;
  const spec = draftToSpec(state.draft);
  const changes = diffRule(state.original, spec, lang, groupName(state));
  const lines: Line[] = [];
  lines.push([
    seg(
      state.ruleId
        ? fsay(lang, 'reviewTitleEdit', { count: changeCount(state) })
        : fsay(lang, 'reviewTitleNew'),
      { bold: true },
    ),
  ]);
  const where = targetLine(o.target, lang);
  if (where) lines.push([seg(where, { bold: true })]);
  if (state.ruleId && changes.length === 0)
    lines.push([seg(fsay(lang, 'nothingToChange'), { tone: 'warning' })]);
  const labels: Record<string, RuleFormTextKey> = {
    ruleName: 'ruleName',
    priority: 'priority',
    direction: 'direction',
    ruleConditions: 'conditions',
    ruleActions: 'actions',
  };
  for (const change of changes) {
    const label = padCells(fsay(lang, labels[change.field]!), LABEL);
    const scalar = change.field === 'ruleName' || change.field === 'priority' || change.field === 'direction';
    if (scalar) {
      lines.push(
        state.original
          ? [
              seg(`  ${label} `),
              seg(change.old[0] ?? '', { dim: true }),
              seg(' → '),
              seg(change.new[0] ?? '', { bold: true }),
            ]
          : [seg(`  ${label} `), seg(change.new[0] ?? '', { bold: true })],
      );
      continue;
    }
    lines.push([seg(`  ${label}`, { bold: true })]);
    if (state.original) for (const old of change.old) lines.push([seg(`    - ${old}`, { tone: 'danger' })]);
    for (const line of change.new)
      lines.push([seg(`    ${state.original ? '+ ' : ''}${line}`, state.original ? { tone: 'good' } : {})]);
  }
  lines.push([]);
  const spin = SPIN[(o.spinner ?? 0) % SPIN.length]!;
  const p = state.precheck;
  if (p.status === 'running')
    lines.push([seg(`${spin} ${fsay(lang, 'precheckRunning')}`, { tone: 'warning' })]);
  if (p.status === 'passed') lines.push([seg(`✓ ${fsay(lang, 'precheckPassed')}`, { tone: 'good' })]);
  if (p.status === 'failed')
    lines.push([
      seg(`✗ ${fsay(lang, 'precheckFailed', { reason: p.issue.message[lang] })}`, { tone: 'danger' }),
    ]);
  const s = state.submission;
  if (s.status === 'submitting')
    lines.push([
      seg(`${spin} ${fsay(lang, 'submitting', { token: state.clientToken })}`, { tone: 'warning' }),
    ]);
  if (s.status === 'provisioning')
    lines.push([
      seg(`${spin} ${fsay(lang, 'provisioning', { id: s.ruleId, status: s.ruleStatus })}`, {
        tone: 'warning',
      }),
    ]);
  if (s.status === 'failed')
    for (const text of wrapCells(
      fsay(lang, s.retryable ? 'submitFailedRetry' : 'submitFailed', { reason: s.issue.message[lang] }),
      width - 2,
    ))
      lines.push([seg(text, { tone: 'danger' })]);
  if (state.readOnly) lines.push([seg(fsay(lang, 'readOnly'), { tone: 'warning' })]);
  if (state.confirm) {
    const port = state.facts?.listener.port ?? '';
    lines.push([
      seg(
        fsay(lang, 'confirm', {
          port,
          verb: fsay(lang, state.ruleId ? 'verbUpdate' : 'verbCreate'),
          listener: listenerLabel(state),
        }),
        { tone: 'danger', bold: true },
      ),
    ]);
    lines.push([seg('> '), ...withCaret(state.confirm.text, undefined)]);
    if (state.confirm.wrong) lines.push([seg(fsay(lang, 'confirmWrong', { port }), { tone: 'danger' })]);
  }
  return lines;
}

/** The whole pane: title, body (windowed), notice and key hints, each line cut to the width. */
export function renderRuleForm(state: RuleFormState, o: RenderOptions): Line[] {
  const { lang, width, height } = o;
  const out: Line[] = [title(state, o)];
  const hints: Line[] = [];
  let body: Line[];
  let focusLine = 0;
  let focusEnd = 0;
  if (state.load.status === 'loading')
    body = [[seg(fsay(lang, 'loading', { id: state.listenerId }), { dim: true })]];
  else if (state.load.status === 'failed')
    body = [[seg(fsay(lang, 'loadFailed', { reason: state.load.message[lang] }), { tone: 'danger' })]];
  else if (state.offer) {
    body = [
      [
        seg(fsay(lang, 'resumeTitle', { when: state.offer.savedAt.replace('T', ' ').slice(0, 16) }), {
          tone: 'warning',
        }),
      ],
    ];
    hints.push([seg(fsay(lang, 'resumeKeys'), { dim: true })]);
  } else if (state.picker) body = pickerLines(state, o);
  else if (state.mode === 'review') {
    body = reviewLines(state, o);
    focusLine = state.reviewScroll;
    hints.push([seg(fsay(lang, 'reviewKeys'), { dim: true })]);
  } else {
    const laid = formLines(state, o);
    body = laid.lines;
    focusLine = laid.focusLine;
    focusEnd = laid.focusEnd;
    hints.push([seg(fsay(lang, 'formKeys'), { dim: true })]);
  }
  const notice = state.notice ? [[seg(state.notice.message[lang], { tone: state.notice.tone })]] : [];
  const room = Math.max(1, height - out.length - hints.length - notice.length);
  let start = 0;
  if (state.mode === 'review' && !state.picker) start = Math.min(focusLine, Math.max(0, body.length - room));
  // The focused row and the messages under it stay in view.
  else if (focusEnd >= room)
    start = Math.min(
      focusLine,
      Math.max(Math.min(focusLine - Math.floor(room / 3), body.length - room), focusEnd - room + 1),
    );
  out.push(...body.slice(Math.max(0, start), Math.max(0, start) + room));
  while (out.length < height - hints.length - notice.length) out.push([]);
  out.push(...notice, ...hints);
  return out.slice(0, height).map((line) => fitLine(line, width));
}
