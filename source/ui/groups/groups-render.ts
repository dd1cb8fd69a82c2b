// The server group view as lines (pure): the groups with their health, a group's servers with each
// one's health and reason, the add form, the weight prompt, the preview, the run and its results.
import type { Lang } from '../../domain/i18n.js';
import type { BackendServer, ServerGroup } from '../../domain/resources.js';
import type { HealthSummary } from '../../domain/server-health.js';
import { serverKey } from '../../domain/server-rules.js';
import { fitCells, sanitizeForTerminal } from '../../domain/text.js';
import { healthTone, healthWords, summaryWords } from '../health-words.js';
import { fitLine, seg, wrapCells, type Line, type Segment } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import { enumWord } from '../dashboard/enum-words.js';
import type { Tone } from '../theme.js';
import { tg } from './groups-i18n.js';
import {
  groupHealth,
  groupSummary,
  healthListener,
  resultsOf,
  serverHealth,
  serversOf,
  visibleGroups,
  type GroupsMode,
  type GroupsState,
} from './groups-state.js';
import { addressOf, fieldProblem, FORM_FIELDS, type ServerChange, type ServerForm } from './server-change.js';
import { windowStart } from '../list-cursor.js';

type ServersMode = Extract<GroupsMode, { kind: 'servers' }>;

const cell = (text: string, width: number, align: 'left' | 'right' = 'left') =>
  fitCells(sanitizeForTerminal(text), width, align);

/** `2/3 healthy` (red when none, yellow when some are not), `3 not checked yet`, or why there is none. */
export function healthCell(
  state: GroupsState,
  group: ServerGroup,
  lang: Lang,
): { text: string; tone?: Tone } {
  const health = groupHealth(state, group.serverGroupId);
  if (health === undefined) return { text: tg(lang, 'notInUse'), tone: 'muted' };
  if (health === 'loading') return { text: tg(lang, 'healthUnknown'), tone: 'muted' };
  if (health === 'failed') return { text: tg(lang, 'healthFailed'), tone: 'warning' };
  return summaryCell(groupSummary(state, group)!, lang);
}

export function summaryCell(summary: HealthSummary, lang: Lang): { text: string; tone?: Tone } {
  return summaryWords(summary, lang);
}

function groupLines(state: GroupsState, lang: Lang, width: number, room: number): Line[] {
  const list = visibleGroups(state);
  const lines: Line[] = [];
  const filtering = state.mode.kind === 'groups' && state.mode.filtering;
  if (filtering || state.filter)
    lines.push([seg(` ${tg(lang, 'filter', { text: state.filter })}${filtering ? '▏' : ''}`)]);
  const nameWidth = Math.max(14, Math.min(32, width - 58));
  lines.push([
    seg(
      `  ${cell(tg(lang, 'colName'), nameWidth)} ${cell(tg(lang, 'colServers'), 10, 'right')} ${cell(tg(lang, 'colHealth'), 20)} ${cell(tg(lang, 'colProtocol'), 8)} ${cell(tg(lang, 'colScheduler'), 9)} ${cell(tg(lang, 'colType'), 8)} ${cell('ID', 24)} ${tg(lang, 'colVpc')}`,
      { bold: true },
    ),
  ]);
  if (state.status === 'loading' && state.groups.length === 0)
    lines.push([seg(` ${tg(lang, 'loading')}`, { tone: 'muted' })]);
  else if (state.status === 'failed' && state.groups.length === 0)
    lines.push([seg(` ${state.error?.message[lang] ?? ''}`, { tone: 'danger' })]);
  else if (list.length === 0)
    lines.push([
      seg(` ${state.filter ? tg(lang, 'noMatch', { text: state.filter }) : tg(lang, 'none')}`, {
        tone: 'muted',
      }),
    ]);
  const rows = Math.max(1, room - lines.length);
  const first = windowStart(state.cursor, list.length, rows);
  list.slice(first, first + rows).forEach((group, i) => {
    const index = first + i;
    const selected = index === state.cursor;
    const health = healthCell(state, group, lang);
    const status = group.serverGroupStatus === 'Available' ? '' : ` ${group.serverGroupStatus}`;
    lines.push([
      seg(selected ? '›' : ' ', { tone: 'accent', bold: true }),
      seg(` ${cell(group.serverGroupName, nameWidth)} `, selected ? { inverse: true } : {}),
      seg(`${cell(String(group.serverCount), 10, 'right')} `),
      seg(cell(health.text, 20), health.tone ? { tone: health.tone } : {}),
      seg(` ${cell(group.protocol, 8)} ${cell(group.scheduler, 9)} ${cell(group.serverGroupType, 8)} `),
      seg(`${cell(group.serverGroupId, 24)} ${group.vpcId}`, { tone: 'muted' }),
      seg(status, { tone: 'warning' }),
    ]);
  });
  return lines;
}

function serverLine(
  state: GroupsState,
  mode: ServersMode,
  server: BackendServer,
  index: number,
  lang: Lang,
  healthWidth: number,
): Line {
  const selected = index === mode.cursor;
  const marked = mode.marked.has(serverKey(server));
  const health = serverHealth(state, mode.groupId, server);
  const segments: Segment[] = [
    seg(selected ? '›' : ' ', { tone: 'accent', bold: true }),
    seg(marked ? '[x] ' : '[ ] '),
    seg(cell(addressOf(server), 26), selected ? { inverse: true } : {}),
    seg(` ${cell(String(server.weight), 6)} `),
    seg(cell(enumWord('serverStatus', server.status, lang), 12), {
      tone: server.status === 'Available' ? 'good' : 'warning',
    }),
    seg(' '),
  ];
  if (health) {
    segments.push(seg(cell(healthWords(health, lang), healthWidth), { tone: healthTone(health.state) }));
  } else segments.push(seg(cell('—', healthWidth), { tone: 'muted' }));
  if (server.description) segments.push(seg(` ${server.description}`, { tone: 'muted' }));
  return segments;
}

export function changeLines(change: ServerChange, lang: Lang, results?: Record<string, string>): Line[] {
  const suffix = (server: { serverId: string; port?: number }): Segment[] => {
    const result = results?.[serverKey(server)];
    if (!result) return [];
    const known = ['pending', 'done', 'failed'].includes(result);
    const word = known
      ? tg(lang, `result_${result as 'pending' | 'done' | 'failed'}`)
      : enumWordOr(result, lang);
    const tone: Tone = result === 'done' ? 'good' : result === 'failed' ? 'danger' : 'warning';
    return [seg(`  ${word}`, { tone })];
  };
  switch (change.kind) {
    case 'add':
      return change.servers.map((s) => [
        seg(
          `   ${tg(lang, 'addLine', {
            address: addressOf(s),
            weight: s.weight ?? 100,
            description: s.description ? ` “${s.description}”` : '',
          })}`,
          { tone: 'good' },
        ),
        ...suffix(s),
      ]);
    case 'remove':
      return change.servers.map((s) => [
        seg(`   ${tg(lang, 'removeLine', { address: addressOf(s), weight: s.weight })}`, { tone: 'danger' }),
        ...suffix(s),
      ]);
    case 'weight':
      return change.servers.map((s) => [
        seg(`   ${tg(lang, 'weightLine', { address: addressOf(s), from: s.weight, to: change.weight })}`, {
          tone: 'warning',
        }),
        ...suffix(s),
      ]);
  }
}

function enumWordOr(status: string, lang: Lang): string {
  return status === 'gone' ? tg(lang, 'result_done') : enumWord('serverStatus', status, lang);
}

/** Whether the change leaves the group without a healthy server (when its health is known). */
export function leavesNoHealthy(state: GroupsState, change: ServerChange): boolean {
  if (change.kind === 'add' || (change.kind === 'weight' && change.weight > 0)) return false;
  const servers = serversOf(state, change.serverGroupId);
  const touched = new Set(change.servers.map(serverKey));
  const healthyBefore = servers.filter(
    (s) => serverHealth(state, change.serverGroupId, s)?.state === 'Healthy',
  );
  return healthyBefore.length > 0 && healthyBefore.every((s) => touched.has(serverKey(s)));
}

function formLines(form: ServerForm, group: ServerGroup | undefined, lang: Lang): Line[] {
  const lines: Line[] = [
    [seg(` ${tg(lang, 'formTitle', { name: group?.serverGroupName ?? '' })}`, { bold: true })],
  ];
  const labels = {
    ip: 'fieldIp',
    port: 'fieldPort',
    weight: 'fieldWeight',
    description: 'fieldDescription',
  } as const;
  FORM_FIELDS.forEach((field, index) => {
    const focused = index === form.focus;
    lines.push([
      seg(focused ? ' › ' : '   ', { tone: 'accent', bold: true }),
      seg(`${cell(tg(lang, labels[field]), 22)} `),
      seg(`${form.values[field]}${focused ? '▏' : ''}`, focused ? { bold: true } : {}),
    ]);
    const problem = fieldProblem(field, form.values[field]);
    if (problem && (form.touched.has(field) || (focused && form.values[field] !== '')))
      lines.push([seg(`     ${problem[lang]}`, { tone: 'danger' })]);
  });
  lines.push([seg(` ${tg(lang, 'formKeys')}`, { dim: true })]);
  return lines;
}

function serversLines(
  state: GroupsState,
  mode: ServersMode,
  lang: Lang,
  width: number,
  room: number,
  target?: readonly ChangeTarget[],
): Line[] {
  const healthWidth = Math.max(16, Math.min(46, width - 60));
  const group = state.groups.find((g) => g.serverGroupId === mode.groupId);
  const lines: Line[] = [
    [
      seg(
        ` ${tg(lang, 'serversTitle', {
          name: group?.serverGroupName ?? '',
          id: mode.groupId,
          type: group?.serverGroupType ?? '',
          protocol: group?.protocol ?? '',
        })}`,
        { bold: true, tone: 'accent' },
      ),
    ],
  ];
  const listener = healthListener(state, mode.groupId);
  const summary = group ? healthCell(state, group, lang) : undefined;
  lines.push([
    seg(
      ` ${listener ? tg(lang, 'healthVia', { listener: `${listener.protocol} ${listener.port} (${listener.id})` }) : tg(lang, 'notInUse')}`,
      {
        tone: 'muted',
      },
    ),
    ...(summary && listener ? [seg(` · ${summary.text}`, summary.tone ? { tone: summary.tone } : {})] : []),
    ...(mode.marked.size > 0
      ? [seg(` · ${tg(lang, 'marked', { count: mode.marked.size })}`, { tone: 'accent' })]
      : []),
  ]);
  const read = state.servers[mode.groupId];
  const servers = serversOf(state, mode.groupId);
  const sub = mode.sub;
  const below: Line[] = [];
  if (sub?.kind === 'form') below.push(...formLines(sub.form, group, lang));
  else if (sub?.kind === 'weight') {
    below.push([
      seg(` ${tg(lang, 'weightTitle', { count: sub.servers.length })} `, { bold: true }),
      seg(`${sub.text}▏`),
    ]);
    const problem = sub.text === '' ? undefined : fieldProblem('weight', sub.text);
    if (problem) below.push([seg(`   ${problem[lang]}`, { tone: 'danger' })]);
    below.push([seg(` ${tg(lang, 'weightKeys')}`, { dim: true })]);
  } else if (sub?.kind === 'preview') {
    below.push([
      seg(` ${tg(lang, 'preview', { name: group?.serverGroupName ?? mode.groupId })}`, { bold: true }),
    ]);
    const where = targetLine(target, lang);
    if (where) below.push([seg(` ${where}`, { bold: true })]);
    below.push(...changeLines(sub.change, lang));
    if (sub.change.kind === 'remove') below.push([seg(` ${tg(lang, 'removeWarning')}`, { tone: 'warning' })]);
    if (leavesNoHealthy(state, sub.change))
      below.push([seg(` ${tg(lang, 'lastHealthy')}`, { tone: 'danger', bold: true })]);
    const pre = sub.precheck;
    below.push(
      pre.kind === 'pending'
        ? [seg(` ${tg(lang, 'precheckPending')}`, { tone: 'muted' })]
        : pre.kind === 'passed'
          ? [seg(` ${tg(lang, 'precheckPassed')}`, { tone: 'good' })]
          : [seg(` ${tg(lang, 'precheckFailed', { reason: pre.error.message[lang] })}`, { tone: 'danger' })],
    );
    const count = sub.change.servers.length;
    if (state.production)
      below.push([
        seg(` ${tg(lang, 'confirmCount', { count, text: sub.text })}`, { tone: 'danger', bold: true }),
      ]);
    if (sub.wrong) below.push([seg(` ${tg(lang, 'confirmWrong', { count })}`, { tone: 'danger' })]);
    below.push([seg(` ${tg(lang, state.production ? 'previewKeysTyped' : 'previewKeys')}`, { dim: true })]);
  } else if (sub?.kind === 'running') {
    below.push(
      [seg(` ${tg(lang, 'running')}`, { tone: 'warning' })],
      ...changeLines(sub.change, lang, sub.statuses),
    );
  } else if (sub?.kind === 'done') {
    below.push(
      sub.reloaded
        ? [seg(` ${tg(lang, 'done')}`, { tone: 'good' })]
        : [seg(` ${tg(lang, 'doneReading')}`, { tone: 'warning' })],
      ...changeLines(sub.change, lang, sub.results),
    );
    below.push([seg(` ${tg(lang, 'doneKeys')}`, { dim: true })]);
  } else if (sub?.kind === 'failed') {
    below.push([seg(` ${tg(lang, 'failed', { reason: sub.error.message[lang] })}`, { tone: 'danger' })]);
    below.push(...changeLines(sub.change, lang, resultsOf(sub)));
    below.push([seg(` ${tg(lang, 'failedKeys')}`, { dim: true })]);
  }
  lines.push([
    seg(
      `     ${cell(tg(lang, 'colAddress'), 26)} ${cell(tg(lang, 'colWeight'), 6)} ${cell(tg(lang, 'colStatus'), 12)} ${cell(tg(lang, 'colHealth'), healthWidth)} ${tg(lang, 'colDescription')}`,
      { bold: true },
    ),
  ]);
  if (read === 'loading' || read === undefined)
    lines.push([seg(` ${tg(lang, 'loading')}`, { tone: 'muted' })]);
  else if (!Array.isArray(read)) lines.push([seg(` ${read.message[lang]}`, { tone: 'danger' })]);
  else if (servers.length === 0) lines.push([seg(` ${tg(lang, 'noServers')}`, { tone: 'muted' })]);
  const tail: Line[] = [];
  if (!sub)
    tail.push(...noticeLines(state, lang, width), [seg(` ${tg(lang, 'serversKeys')}`, { dim: true })]);
  else if (sub.kind === 'form' || sub.kind === 'weight' || sub.kind === 'preview')
    tail.push(...noticeLines(state, lang, width));
  const rows = Math.max(1, room - lines.length - below.length - tail.length - 1);
  const first = windowStart(mode.cursor, servers.length, rows);
  servers
    .slice(first, first + rows)
    .forEach((server, i) => lines.push(serverLine(state, mode, server, first + i, lang, healthWidth)));
  lines.push([]);
  lines.push(...below, ...tail);
  return lines;
}

function noticeLines(state: GroupsState, lang: Lang, width: number): Line[] {
  const notice = state.notice;
  if (!notice) return [];
  if (typeof notice === 'object' && 'noForm' in notice) {
    const key = notice.noForm === 'Fc' ? 'notice_noFormFc' : 'notice_noFormInstance';
    // Why there is no form is a sentence or two: wrapped, not cut at the edge.
    return wrapCells(tg(lang, key, { name: sanitizeForTerminal(notice.name) }), Math.max(20, width - 2)).map(
      (text) => [seg(` ${text}`, { tone: 'warning' })],
    );
  }
  if (typeof notice === 'object')
    return [[seg(` ${tg(lang, 'copied', { id: notice.copied })}`, { tone: 'good' })]];
  return [[seg(` ${tg(lang, `notice_${notice}`)}`, { tone: 'warning' })]];
}

export function renderGroups(
  state: GroupsState,
  lang: Lang,
  width: number,
  height: number,
  target?: readonly ChangeTarget[],
): Line[] {
  const mode = state.mode;
  let lines: Line[];
  if (mode.kind === 'servers') lines = serversLines(state, mode, lang, width, height, target);
  else {
    lines = [[seg(` ${tg(lang, 'title')} ${state.groups.length}`, { bold: true, tone: 'accent' })]];
    lines.push(...groupLines(state, lang, width, height - 3));
    lines.push([]);
    lines.push(...noticeLines(state, lang, width));
    lines.push([seg(` ${tg(lang, 'groupsKeys')}`, { dim: true })]);
  }
  return lines.slice(0, height).map((line) => fitLine(line, width));
}

/** The group IDs the groups list shows now (the rows whose health is read). */
export function shownGroupIds(state: GroupsState, height: number): string[] {
  const list = visibleGroups(state);
  const rows = Math.max(1, height - 5);
  const first = windowStart(state.cursor, list.length, rows);
  return list.slice(first, first + rows).map((g) => g.serverGroupId);
}
