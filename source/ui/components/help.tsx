// The help pane: every key of the view under it, one per line.
import { Box, Text } from 'ink';
import { fitCells, truncateCells } from '../../domain/text.js';
import { displayKey, type Binding } from '../app-state.js';
import { t, type Lang } from '../i18n.js';
import { useTheme } from '../theme.js';

const KEY_COLUMN = 14;

export function Help({
  bindings,
  lang,
  columns,
  height,
}: {
  bindings: readonly Binding[];
  lang: Lang;
  columns: number;
  height: number;
}) {
  const theme = useTheme();
  const inner = Math.max(0, columns - 2);
  const rows = bindings.slice(0, Math.max(0, height - 2));
  return (
    <Box flexDirection="column" height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate-end">
        {truncateCells(t(lang, 'helpTitle'), inner)}
      </Text>
      <Text> </Text>
      {rows.map((binding) => (
        <Text key={binding.keys.join(' ')} wrap="truncate-end">
          <Text bold color={theme.tone('accent')}>
            {fitCells(binding.keys.map(displayKey).join(' / '), KEY_COLUMN)}
          </Text>
          {truncateCells(t(lang, binding.label), Math.max(0, inner - KEY_COLUMN))}
        </Text>
      ))}
    </Box>
  );
}
