// The bottom line: the keys that do something in the current mode.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { cellWidth, truncateCells } from '../../domain/text.js';
import { bindingKeyText, type Binding } from '../app-state.js';
import { t, type Lang } from '../i18n.js';
import { useTheme } from '../theme.js';

export const Footer = memo(function Footer({
  bindings,
  lang,
  columns,
  notice,
}: {
  bindings: readonly Binding[];
  lang: Lang;
  columns: number;
  /** Said instead of the keys while a confirmation needs the room (what depends on a listener). */
  notice?: string;
}) {
  const theme = useTheme();
  if (notice)
    return (
      <Box height={1} width={columns} flexShrink={0}>
        <Text wrap="truncate-end" color={theme.tone('warning')}>
          {' '}
          {truncateCells(notice, Math.max(0, columns - 2))}
        </Text>
      </Box>
    );
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
