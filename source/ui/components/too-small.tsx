// Drawn instead of the layout when the terminal is below the minimum size.
import { Box, Text } from 'ink';
import { t, type Lang } from '../i18n.js';
import { MIN_SIZE, type TerminalSize } from '../terminal-size.js';

export function TooSmall({ lang, size }: { lang: Lang; size: TerminalSize }) {
  const message = t(lang, 'tooSmall', {
    needColumns: MIN_SIZE.columns,
    needRows: MIN_SIZE.rows,
    columns: size.columns,
    rows: size.rows,
  });
  return (
    <Box flexDirection="column" width={size.columns} height={Math.max(1, size.rows - 1)} overflow="hidden">
      <Text wrap="wrap">{message}</Text>
      <Text wrap="wrap">{t(lang, 'tooSmallHint')}</Text>
    </Box>
  );
}
