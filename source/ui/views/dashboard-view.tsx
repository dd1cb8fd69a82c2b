// The dashboard: the instances pane and the listeners pane of the selected instance (or every
// listener, after `:listeners`), side by side when wide, stacked when narrow; or, before there is
// anything to list, what is happening and what to do.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { fitCells } from '../../domain/text.js';
import type { AppState } from '../app-state.js';
import { describeConnection } from '../connection.js';
import {
  fitColumns,
  instanceColumns,
  listenerColumns,
  listenerContentWidths,
  type RowContext,
} from '../dashboard/columns.js';
import { certificateMarks } from '../dashboard/cert-marks.js';
import { selectedInstance } from '../dashboard/dashboard-state.js';
import type { InstanceRow, ListenerRow } from '../dashboard/rows.js';
import type { SortSpec } from '../dashboard/sort.js';
import type { ErrorInfo } from '../error-info.js';
import { t, type Lang } from '../i18n.js';
import { dashboardLayout, type PaneBox } from '../layout.js';
import { ListPane, type PaneMessage } from '../components/list-pane.js';
import { wrapCells } from '../components/lines.js';
import { useTheme, type Tone } from '../theme.js';
import { healthCells } from '../dashboard/use-health-reads.js';
import type { ConnectionMember } from '../connections/members.js';
import type { ColumnSpec } from '../dashboard/columns.js';
import { originColumns } from '../connections/origin-columns.js';

function sortInfo(sort: SortSpec | undefined, lang: Lang): string {
  if (!sort) return '';
  const key = t(lang, sort.key === 'name' ? 'sortName' : sort.key === 'port' ? 'sortPort' : 'sortStatus');
  return `· ${t(lang, 'sortedBy', { key, arrow: sort.direction === 'asc' ? '↑' : '↓' })}`;
}

function countInfo(matches: number, total: number, filter: string): string {
  return filter ? `${matches}/${total} /${filter}` : String(total);
}

/** A pane's title info: how many rows (of how many, with the filter), how many marked, the sort. */
function paneInfo(
  lang: Lang,
  model: { matches: readonly unknown[]; rows: readonly unknown[]; filter: string },
  marked: number,
  sort: SortSpec | undefined,
): string {
  return [
    countInfo(model.matches.length, model.rows.length, model.filter),
    marked > 0 ? t(lang, 'markedInfo', { count: marked }) : '',
    sortInfo(sort, lang),
  ]
    .filter(Boolean)
    .join(' ');
}

function noMatches(lang: Lang, filter: string): PaneMessage {
  return { text: t(lang, 'noMatches', { filter }), hint: t(lang, 'noMatchesHint') };
}

interface Message {
  title: string;
  lines: { text: string; tone?: Tone }[];
  tone: Tone;
}

/** Why there is nothing to list yet: connecting, loading, or a failure with what to do about it. */
export function blockingMessage(state: AppState): Message | undefined {
  const { lang, session, dashboard } = state;
  const where = describeConnection(session.connection, lang);
  if (session.status === 'connecting' && !dashboard.data) {
    return { title: t(lang, 'connecting', { connection: where }), lines: [], tone: 'accent' };
  }
  if (session.status === 'failed' && session.error)
    return failure(t(lang, 'connectFailed'), session.error, lang);
  if (dashboard.data?.instances.length === 0) {
    return {
      title: t(lang, 'noInstances', { region: session.connection.region }),
      lines: [{ text: t(lang, 'noInstancesHint'), tone: 'muted' }],
      tone: 'warning',
    };
  }
  if (dashboard.data) return undefined;
  if (dashboard.load.error && !dashboard.load.inFlight)
    return failure(t(lang, 'listFailed'), dashboard.load.error, lang);
  const progress = dashboard.load.progress;
  return {
    title: t(lang, 'loadingInstances'),
    lines: progress
      ? [
          {
            text: t(lang, 'loadingProgress', {
              instances: progress.instancesTotal,
              listeners: progress.listeners,
            }),
            tone: 'muted',
          },
        ]
      : [{ text: where, tone: 'muted' }],
    tone: 'accent',
  };
}

function failure(fallback: string, error: ErrorInfo, lang: Lang): Message {
  const title =
    error.kind === 'credentials' || error.kind === 'signature'
      ? t(lang, 'credentialsTitle')
      : error.kind === 'unreachable' || error.kind === 'timeout'
        ? t(lang, 'unreachableTitle')
        : fallback;
  return {
    title,
    lines: [{ text: error.message[lang] }, { text: '' }, { text: t(lang, 'retryHint'), tone: 'muted' }],
    tone: 'danger',
  };
}

function MessageView({ message, columns, height }: { message: Message; columns: number; height: number }) {
  const theme = useTheme();
  const inner = Math.max(1, columns - 4);
  // Long messages (an error with a hint) wrap onto as many lines as they need, within the body.
  const lines: { text: string; tone?: Tone; bold?: boolean }[] = [
    { text: message.title, tone: message.tone, bold: true },
    { text: '' },
    ...message.lines.flatMap((line) =>
      wrapCells(line.text, inner).map((text) => ({ text, tone: line.tone, bold: false })),
    ),
  ].slice(0, Math.max(1, height - 1));
  return (
    <Box flexDirection="column" height={height} width={columns} paddingX={2} paddingTop={1} overflow="hidden">
      {lines.map((line, index) => (
        <Text
          key={index}
          wrap="truncate-end"
          bold={line.bold}
          color={line.tone ? theme.tone(line.tone) : undefined}
        >
          {fitCells(line.text, inner)}
        </Text>
      ))}
    </Box>
  );
}

/** How many of `rows` are marked (instances and listeners share the marks; their IDs never clash). */
function markedCount(state: AppState, rows: readonly { id: string }[]): number {
  if (state.marked.size === 0) return 0;
  return rows.filter((row) => state.marked.has(row.id)).length;
}

export function DashboardView({ state }: { state: AppState }) {
  const { lang, dashboard, terminal } = state;
  const blocking = blockingMessage(state);
  const layout = dashboardLayout(terminal, dashboard.allListeners, dashboard.data?.instances.length ?? 0);
  const certificates = dashboard.data?.certificates;
  const loadedAt = dashboard.data?.loadedAt ?? 0;
  const certMarks = useMemo(
    () => certificateMarks(dashboard.defaultCertificates, certificates ?? new Map(), loadedAt),
    [dashboard.defaultCertificates, certificates, loadedAt],
  );
  const health = useMemo(() => healthCells(dashboard.listenerHealth), [dashboard.listenerHealth]);
  const context: RowContext = useMemo(
    () => ({ lang, deleting: dashboard.deleting, marked: state.marked, certificateMarks: certMarks, health }),
    [lang, dashboard.deleting, state.marked, certMarks, health],
  );
  const instancesBox = layout.instances;
  const instancesWidth = instancesBox?.columns ?? 0;
  const listenersWidth = layout.listeners.columns;
  // The same column arrays from render to render, so memoised rows stay as they are.
  // Several connections open: a connection and a region column after the name.
  const members = dashboard.data?.mixed?.members;
  const instanceCols = useMemo(
    () => fitColumns(withOrigins(instanceColumns(lang), members, lang), instancesWidth - 3),
    [lang, instancesWidth, members],
  );
  // The policy and server group columns as wide as their longest name over every listener, so
  // they stay put from instance to instance.
  const contentWidths = useMemo(
    () => listenerContentWidths(dashboard.data?.listeners ?? []),
    [dashboard.data],
  );
  const { policy: policyWidth, serverGroup: serverGroupWidth } = contentWidths;
  const listenerCols = useMemo(
    () =>
      fitColumns(
        withOrigins(
          listenerColumns(lang, dashboard.allListeners, {
            policy: policyWidth,
            serverGroup: serverGroupWidth,
          }),
          members,
          lang,
        ),
        listenersWidth - 3,
      ),
    [lang, dashboard.allListeners, listenersWidth, policyWidth, serverGroupWidth, members],
  );
  if (blocking) {
    return <MessageView message={blocking} columns={terminal.columns} height={layout.listeners.height} />;
  }
  const instances = (
    <InstancesPane box={instancesBox} state={state} columns={instanceCols} context={context} />
  );
  const listeners = (
    <ListenersPane box={layout.listeners} state={state} columns={listenerCols} context={context} />
  );
  return (
    <Box flexDirection={layout.arrangement === 'side-by-side' ? 'row' : 'column'}>
      {layout.arrangement === 'listeners-only' ? null : instances}
      {listeners}
    </Box>
  );
}

function InstancesPane({
  box,
  state,
  columns,
  context,
}: {
  box: PaneBox | undefined;
  state: AppState;
  columns: ReturnType<typeof fitColumns<InstanceRow>>;
  context: RowContext;
}) {
  const { lang, dashboard } = state;
  if (!box) return null;
  const model = dashboard.instances;
  const region = state.session.connection.region;
  let message: PaneMessage | undefined;
  if (model.rows.length === 0)
    message = { text: t(lang, 'noInstances', { region }), hint: t(lang, 'noInstancesHint'), tone: 'warning' };
  else if (model.matches.length === 0) message = noMatches(lang, model.filter);
  return (
    <ListPane
      title={t(lang, 'paneInstances')}
      info={paneInfo(lang, model, markedCount(state, model.rows), dashboard.sorts.instances)}
      focused={dashboard.focus === 'instances'}
      box={box}
      model={model}
      columns={columns}
      context={context}
      lang={lang}
      {...(message ? { message } : {})}
    />
  );
}

function ListenersPane({
  box,
  state,
  columns,
  context,
}: {
  box: PaneBox;
  state: AppState;
  columns: ReturnType<typeof fitColumns<ListenerRow>>;
  context: RowContext;
}) {
  const { lang, dashboard } = state;
  const model = dashboard.listeners;
  const instance = selectedInstance(dashboard);
  let title = t(lang, 'paneAllListeners');
  if (!dashboard.allListeners) {
    title = instance
      ? `${t(lang, 'paneListeners')} · ${instance.name || instance.id}${instance.name ? ` (${instance.id})` : ''}`
      : t(lang, 'paneListeners');
  }
  let message: PaneMessage | undefined;
  if (!dashboard.allListeners && !instance) message = { text: t(lang, 'noInstanceSelected') };
  else if (model.rows.length === 0) {
    message = dashboard.allListeners
      ? { text: t(lang, 'noListenersAnywhere') }
      : { text: t(lang, 'noListeners'), hint: t(lang, 'noListenersHint') };
  } else if (model.matches.length === 0) message = noMatches(lang, model.filter);
  return (
    <ListPane
      title={title}
      info={paneInfo(
        lang,
        model,
        markedCount(state, dashboard.data?.listeners ?? []),
        dashboard.sorts.listeners,
      )}
      focused={dashboard.focus === 'listeners'}
      box={box}
      model={model}
      columns={columns}
      context={context}
      lang={lang}
      {...(message ? { message } : {})}
    />
  );
}

/** The connection and region columns after the name column, with several connections open. */
function withOrigins<Row extends { connection?: string; stale?: boolean }>(
  specs: ColumnSpec<Row>[],
  members: readonly ConnectionMember[] | undefined,
  lang: Lang,
): ColumnSpec<Row>[] {
  if (!members || members.length < 2) return specs;
  const at = specs.findIndex((spec) => spec.id === 'name') + 1;
  return [...specs.slice(0, at), ...originColumns<Row>(members, lang), ...specs.slice(at)];
}
