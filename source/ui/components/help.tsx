// The help pane: every key of the view under it, one per line, then the commands; scrolls.
import { Box, Text } from 'ink';
import { fitCells, truncateCells } from '../../domain/text.js';
import { displayKey, HELP_COMMANDS, type Binding } from '../app-state.js';
import type { Localized } from '../../domain/i18n.js';
import { t, type Lang } from '../i18n.js';
import { helpNoticeWidth, storeNoticeLines } from '../store-notices.js';
import { useTheme, type Tone } from '../theme.js';

const KEY_COLUMN = 16;

interface HelpLine {
  key?: string;
  text: string;
  tone?: Tone;
  bold?: boolean;
}

export function helpLines(bindings: readonly Binding[], lang: Lang, withCommands: boolean): HelpLine[] {
  const lines: HelpLine[] = bindings.map((binding) => ({
    key: binding.keys.map(displayKey).join(' / '),
    text: t(lang, binding.label),
  }));
  if (withCommands) {
    lines.push({ text: '' }, { text: t(lang, 'helpCommands'), bold: true });
    for (const [command, label] of HELP_COMMANDS) lines.push({ key: command, text: t(lang, label) });
    lines.push({ text: '' }, { text: t(lang, 'helpFilter'), tone: 'muted' });
  }
  return lines;
}

export function Help({
  bindings,
  lang,
  columns,
  height,
  scroll,
  withCommands,
  notices = [],
}: {
  bindings: readonly Binding[];
  lang: Lang;
  columns: number;
  height: number;
  scroll: number;
  withCommands: boolean;
  /** What the settings store said at start, in full (store-notices.ts). */
  notices?: readonly Localized[];
}) {
  const theme = useTheme();
  const inner = Math.max(0, columns - 2);
  const noticeLines: HelpLine[] =
    notices.length === 0
      ? []
      : [
          { text: t(lang, 'helpSettings'), bold: true, tone: 'warning' },
          ...storeNoticeLines(notices, lang, helpNoticeWidth(columns)).map((text) => ({ text })),
          { text: ' ' },
        ];
  const lines = [...noticeLines, ...helpLines(bindings, lang, withCommands)];
  const room = Math.max(1, height - 2);
  const from = Math.max(0, Math.min(scroll, lines.length - room));
  const shown = lines.slice(from, from + room);
  const more = from + room < lines.length ? ' ↓' : '';
  return (
    <Box flexDirection="column" height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate-end">
        {truncateCells(t(lang, 'helpTitle') + (from > 0 ? ' ↑' : '') + more, inner)}
      </Text>
      <Text> </Text>
      {shown.map((line, index) => (
        <Text key={`${from + index}`} wrap="truncate-end">
          {line.key !== undefined ? (
            <Text bold color={theme.tone('accent')}>
              {fitCells(line.key, KEY_COLUMN - 1) + ' '}
            </Text>
          ) : null}
          <Text bold={line.bold} color={line.tone ? theme.tone(line.tone) : undefined}>
            {truncateCells(line.text, Math.max(0, inner - (line.key !== undefined ? KEY_COLUMN : 0)))}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
