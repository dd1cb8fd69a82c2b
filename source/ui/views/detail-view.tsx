// The listener detail view: the lines of listener-detail.ts in a bordered, scrollable box.
import { Box, Text } from 'ink';
import { cellWidth, fitCells, truncateCells } from '../../domain/text.js';
import { detailViewHeight, type AppState } from '../app-state.js';
import { detailRows, type DetailRow } from '../detail/detail-rows.js';
import { detailContextFor, detailLines, type DetailLine } from '../detail/listener-detail.js';
import { t } from '../i18n.js';
import { bodyHeight } from '../layout.js';
import { scrollPosition } from '../components/scroll-position.js';
import { useTheme } from '../theme.js';

export function DetailView({ state, now }: { state: AppState; now: number }) {
  const theme = useTheme();
  const { lang, terminal, detail } = state;
  const columns = terminal.columns;
  const height = bodyHeight(terminal);
  const inner = Math.max(0, columns - 2);
  const rows = detailViewHeight(state);
  const border = theme.tone('accent');
  const row = state.dashboard.data?.listeners.find((candidate) => candidate.id === detail?.listenerId);

  let lines: DetailLine[];
  if (detail?.detail) {
    lines = detailLines(detail.detail, {
      ...detailContextFor(state.dashboard.data, detail.loadBalancerId, lang, now),
      ...(state.session.connection.served ? { served: state.session.connection.served } : {}),
    });
  } else if (detail?.status === 'failed' && detail.error) {
    lines = [
      { kind: 'text', text: t(lang, 'detailFailed', { reason: detail.error.message[lang] }), tone: 'danger' },
      { kind: 'text', text: t(lang, 'retryHint'), tone: 'muted' },
    ];
  } else {
    lines = [{ kind: 'text', text: t(lang, 'detailLoading'), tone: 'muted' }];
  }
  if (detail?.detail && detail.status === 'failed' && detail.error) {
    lines = [
      {
        kind: 'text',
        text: t(lang, 'refreshFailed', { reason: detail.error.message[lang] }),
        tone: 'danger',
      },
      ...lines,
    ];
  }

  const screenRows = detailRows(lines, inner);
  const scroll = Math.max(0, Math.min(detail?.scroll ?? 0, screenRows.length - rows));
  const shown = screenRows.slice(scroll, scroll + rows);
  const listener = detail?.detail?.listener;
  const what = listener
    ? `${listener.listenerProtocol} ${listener.listenerPort}`
    : row
      ? `${row.protocol} ${row.port}`
      : (detail?.listenerId ?? '');
  const title = ` ${t(lang, 'detailTitle', { what })} · ${detail?.listenerId ?? ''} `;
  const top = `┌${truncateCells(title, Math.max(0, inner - 1))}`;
  const at = scrollPosition(lang, scroll, rows, screenRows.length);
  const position = at ? ` ${at} ` : '';
  const positionText = cellWidth(position) + 2 <= inner ? position : '';

  return (
    <Box flexDirection="column" width={columns} height={height}>
      <Text wrap="truncate-end" color={border} bold>
        {top + '─'.repeat(Math.max(0, columns - 1 - cellWidth(top))) + '┐'}
      </Text>
      {Array.from({ length: rows }, (_, index) => {
        const line = shown[index];
        return (
          <Text key={index} wrap="truncate-end">
            <Text color={border}>│</Text>
            {line ? <Line line={line} width={inner} /> : ' '.repeat(inner)}
            <Text color={border}>│</Text>
          </Text>
        );
      })}
      <Text wrap="truncate-end" color={border}>
        {'└' +
          '─'.repeat(Math.max(0, inner - cellWidth(positionText) - (positionText ? 1 : 0))) +
          positionText +
          (positionText ? '─' : '') +
          '┘'}
      </Text>
    </Box>
  );
}

function Line({ line, width }: { line: DetailRow; width: number }) {
  const theme = useTheme();
  switch (line.kind) {
    case 'blank':
      return <Text>{' '.repeat(width)}</Text>;
    case 'heading':
      return (
        <Text bold color={theme.tone('accent')}>
          {fitCells(` ${line.text}`, width)}
        </Text>
      );
    case 'text':
      return <Text color={line.tone ? theme.tone(line.tone) : undefined}>{fitCells(line.text, width)}</Text>;
    case 'field': {
      const rest = Math.max(0, width - cellWidth(line.label) - cellWidth(line.value) - cellWidth(line.note));
      return (
        <Text>
          <Text color={theme.tone('muted')}>{line.label}</Text>
          <Text color={line.tone ? theme.tone(line.tone) : undefined}>{line.value}</Text>
          <Text color={theme.tone('muted')}>{line.note}</Text>
          {' '.repeat(rest)}
        </Text>
      );
    }
  }
}
