// The bottom line: the keys that do something in the current mode.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { cellWidth, truncateCells } from '../../domain/text.js';
import { bindingKeyText, type Binding } from '../app-state.js';
import { t, type Lang } from '../i18n.js';
import { useTheme, type Tone } from '../theme.js';
import { wrapCells } from './lines.js';

export const Footer = memo(function Footer({
  bindings,
  lang,
  columns,
  notice,
  noticeTone,
  noticeRows,
}: {
  bindings: readonly Binding[];
  lang: Lang;
  columns: number;
  /** Said instead of the keys while a confirmation needs the room (what depends on a listener). */
  notice?: string;
  /** The notice's tone; a warning unless given. */
  noticeTone?: Tone;
  /** Lines the notice may take (the body gives up the others); 1 unless given. */
  noticeRows?: number;
}) {
  const theme = useTheme();
  if (notice) {
    const rows = Math.max(1, noticeRows ?? 1);
    const lines = wrapCells(notice, Math.max(1, columns - 2));
    const shown = lines.slice(0, rows);
    if (lines.length > rows)
      shown[rows - 1] = truncateCells(`${shown[rows - 1]} ${lines[rows]}`, columns - 2);
    return (
      <Box height={rows} width={columns} flexShrink={0} flexDirection="column">
        {shown.map((line, index) => (
          <Text key={index} wrap="truncate-end" color={theme.tone(noticeTone ?? 'warning')}>
            {' '}
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  const hints: { key: string; label: string }[] = [];
  // Hints that do not fit are left out whole rather than cut in the middle.
  let used = 1;
  for (const binding of bindings) {
    const key = bindingKeyText(binding);
    const label = t(lang, binding.label);
    const width = cellWidth(key) + 1 + cellWidth(label) + 2;
    if (used + width - 2 > columns) break;
    hints.push({ key, label });
    used += width;
  }
  return (
    <Box height={1} width={columns} flexShrink={0}>
      <Text wrap="truncate-end">
        {' '}
        {hints.map((hint, index) => (
          <Text key={`${index}:${hint.key}`}>
            {index > 0 ? '  ' : ''}
            <Text bold color={theme.tone('accent')}>
              {hint.key}
            </Text>{' '}
            {hint.label}
          </Text>
        ))}
      </Text>
    </Box>
  );
});
