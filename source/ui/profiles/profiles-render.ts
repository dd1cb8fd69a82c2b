// The profiles view as lines for a given size: a title, the windowed list, the selected profile in
// full, and the prompt or message of the moment. Pure, so it is checked without Ink.
import { fieldSpec, headersFor } from '../../domain/fields.js';
import type { Lang } from '../../domain/i18n.js';
import { defaultListenerName } from '../../domain/listener-draft.js';
import { cellWidth, padCells, truncateCells } from '../../domain/text.js';
import type { ListenerProfile } from '../../store/index.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { profilesText, tp } from './profiles-i18n.js';
import { visibleProfiles, type ProfilesState } from './profiles-state.js';

export interface ProfilesRenderOptions {
  lang: Lang;
  width: number;
  height: number;
}

/** Lines the selected profile's detail takes at most. */
const DETAIL_LINES = 8;

/** How the body is split: the list gets what the detail and the prompt leave. */
export function profilesLayout(height: number): { listRows: number; detailRows: number } {
  const detailRows = Math.max(0, Math.min(DETAIL_LINES, height - 6));
  // Title, divider, prompt line.
  const listRows = Math.max(1, height - detailRows - 3);
  return { listRows, detailRows };
}

function stamp(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

function onOff(lang: Lang, value: boolean): string {
  return tp(lang, value ? 'on' : 'off');
}

/** `HTTPS 443`. */
function listenerWords(profile: ListenerProfile): string {
  return `${profile.listener.protocol} ${profile.listener.port}`;
}

export function profileDetail(profile: ListenerProfile, lang: Lang): [string, string][] {
  const { listener, hints } = profile;
  const https = listener.protocol === 'HTTPS';
  const headerNames = headersFor(listener.protocol)
    .filter((spec) => listener.headers[spec.key])
    .map((spec) => spec.header);
  const picks: string[] = [];
  if (hints.certificate) picks.push(tp(lang, 'pickCertificate', { domain: hints.certificate.domain }));
  if (hints.caCertificate) picks.push(tp(lang, 'pickCa', { domain: hints.caCertificate.domain }));
  if (hints.serverGroup) picks.push(tp(lang, 'pickServerGroup', { name: hints.serverGroup.name }));
  if (hints.quicListener) picks.push(tp(lang, 'pickQuic', { port: hints.quicListener.port }));
  const listenerParts = [listenerWords(profile)];
  if (https) listenerParts.push(tp(lang, 'http2', { state: onOff(lang, listener.http2) }));
  listenerParts.push(tp(lang, 'gzip', { state: onOff(lang, listener.gzip) }));
  const rows: [string, string][] = [
    [tp(lang, 'labelListener'), listenerParts.join(' · ')],
    [
      tp(lang, 'labelNamePattern'),
      listener.namePattern === ''
        ? tp(lang, 'defaultName', { example: defaultListenerName(listener.protocol, listener.port) })
        : listener.namePattern,
    ],
    [
      tp(lang, 'labelTimeouts'),
      tp(lang, 'timeouts', { idle: listener.idleTimeout, request: listener.requestTimeout }),
    ],
    [tp(lang, 'labelHeaders'), headerNames.length > 0 ? headerNames.join(', ') : tp(lang, 'none')],
  ];
  if (https) {
    rows.push([
      tp(lang, 'labelTls'),
      [
        tp(lang, 'policy', {
          policy: listener.securityPolicyId || fieldSpec('securityPolicyId').label[lang],
        }),
        tp(lang, 'mutualTls', { state: onOff(lang, listener.mutualTls) }),
        tp(lang, 'quicUpgrade', { state: onOff(lang, listener.quicUpgrade) }),
      ].join(' · '),
    ]);
  }
  rows.push([tp(lang, 'labelPicks'), picks.length > 0 ? picks.join(' · ') : tp(lang, 'pickNone')]);
  if (profile.description !== '') rows.unshift([tp(lang, 'labelDescription'), profile.description]);
  rows.push([
    tp(lang, 'labelSaved'),
    tp(lang, 'saved', { created: stamp(profile.createdAt), updated: stamp(profile.updatedAt) }),
  ]);
  return rows;
}

function titleLine(state: ProfilesState, lang: Lang, count: number): Line {
  const parts = [seg(` ${tp(lang, 'title')} `, { bold: true }), seg(String(count), { tone: 'muted' })];
  if (state.filter !== '' || state.filtering) {
    parts.push(seg(`  /${state.filter}${state.filtering ? '▏' : ''}`, { tone: 'accent' }));
  }
  if (state.marked.length > 0) {
    parts.push(seg(`  ${tp(lang, 'markedCount', { count: state.marked.length })}`, { tone: 'accent' }));
  } else if (state.target) {
    const instance = state.target.name ? `${state.target.name} (${state.target.id})` : state.target.id;
    parts.push(seg(`  ${tp(lang, 'forInstance', { instance })}`, { tone: 'muted' }));
  }
  return parts;
}

function listLines(
  profiles: readonly ListenerProfile[],
  state: ProfilesState,
  width: number,
  rows: number,
): Line[] {
  const nameWidth = Math.min(32, Math.max(12, ...profiles.map((p) => cellWidth(p.name) + 1)));
  const offset = Math.max(0, Math.min(state.offset, state.cursor, profiles.length - rows));
  const start = state.cursor >= offset + rows ? state.cursor - rows + 1 : offset;
  return profiles.slice(start, start + rows).map((profile, index) => {
    const selected = start + index === state.cursor;
    const text = [
      selected ? '›' : ' ',
      padCells(truncateCells(profile.name, nameWidth), nameWidth),
      padCells(listenerWords(profile), 11),
      profile.description,
    ].join(' ');
    return fitLine(
      [seg(padCells(truncateCells(text, width), width), { inverse: selected, bold: selected })],
      width,
    );
  });
}

function promptLines(state: ProfilesState, lang: Lang, width: number): Line[] {
  const prompt = state.prompt;
  if (!prompt) {
    if (!state.notice) return [[]];
    return wrapCells(state.notice.message[lang], width).map((text) => [
      seg(text, { tone: state.notice!.tone }),
    ]);
  }
  if (prompt.kind === 'delete')
    return [fitLine([seg(tp(lang, 'promptDelete', { name: prompt.name }), { tone: 'warning' })], width)];
  if (prompt.kind === 'overwrite')
    return [fitLine([seg(tp(lang, 'promptOverwrite', { path: prompt.path }), { tone: 'warning' })], width)];
  const question =
    prompt.kind === 'rename'
      ? tp(lang, 'promptRename', { name: prompt.from })
      : prompt.kind === 'duplicate'
        ? tp(lang, 'promptDuplicate', { name: prompt.from })
        : prompt.kind === 'export'
          ? tp(lang, 'promptExport', { count: prompt.names.length })
          : tp(lang, 'promptImport');
  const lines: Line[] = [
    fitLine([seg(`${question} `, { bold: true }), seg(prompt.text), seg('▏', { tone: 'accent' })], width),
  ];
  if (prompt.error) {
    for (const text of wrapCells(prompt.error[lang], width)) lines.push([seg(text, { tone: 'danger' })]);
  } else {
    lines.push([seg(tp(lang, 'promptKeys'), { tone: 'muted' })]);
  }
  return lines;
}

export function renderProfiles(state: ProfilesState, options: ProfilesRenderOptions): Line[] {
  const { lang, width, height } = options;
  const profiles = visibleProfiles(state);
  const lines: Line[] = [titleLine(state, lang, profiles.length)];
  const bottom = promptLines(state, lang, width);
  if (state.report) {
    const report = state.report.flatMap((entry) =>
      wrapCells(entry.message[lang], width).map((text) => [seg(text, { tone: entry.tone })]),
    );
    const room = Math.max(1, height - 2);
    lines.push(...report.slice(0, room));
    lines.push([seg(tp(lang, 'importReportKeys'), { tone: 'muted' })]);
    return lines.slice(0, height);
  }
  if (state.status !== 'ready' || profiles.length === 0) {
    const message =
      state.status === 'loading'
        ? profilesText('loading')
        : state.status === 'unavailable'
          ? profilesText('noStore')
          : state.profiles.length === 0
            ? profilesText('empty')
            : profilesText('noMatch', { filter: state.filter });
    for (const text of wrapCells(message[lang], width - 2)) lines.push([seg(` ${text}`, { tone: 'muted' })]);
    while (lines.length < height - bottom.length) lines.push([]);
    return [...lines, ...bottom].slice(0, height);
  }
  const bottomRows = Math.min(bottom.length, Math.max(1, height - 3));
  const layout = profilesLayout(height - (bottomRows - 1));
  lines.push(...listLines(profiles, state, width, layout.listRows));
  while (lines.length < 1 + layout.listRows) lines.push([]);
  const selected = profiles[state.cursor];
  if (selected && layout.detailRows > 0) {
    lines.push([seg('─'.repeat(width), { tone: 'muted' })]);
    const detail = profileDetail(selected, lang);
    const labelWidth = Math.max(...detail.map(([label]) => cellWidth(label))) + 2;
    const detailLines: Line[] = [
      fitLine([seg(' '), seg(selected.name, { bold: true })], width),
      ...detail.map(([label, value]) =>
        fitLine([seg(` ${padCells(label, labelWidth)}`, { tone: 'muted' }), seg(value)], width),
      ),
    ];
    lines.push(...detailLines.slice(0, layout.detailRows));
  }
  while (lines.length < height - bottomRows) lines.push([]);
  return [...lines.slice(0, height - bottomRows), ...bottom.slice(0, bottomRows)];
}
