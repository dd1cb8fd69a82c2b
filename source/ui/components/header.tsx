// The top line: product, connection (red when it is a real cloud connection), and the help key.
import { Box, Text } from 'ink';
import { cellWidth, truncateCells } from '../../domain/text.js';
import { describeConnection, isProduction, type Connection } from '../connection.js';
import { t, type Lang } from '../i18n.js';
import { useTheme } from '../theme.js';

export function Header({
  connection,
  lang,
  columns,
}: {
  connection: Connection;
  lang: Lang;
  columns: number;
}) {
  const theme = useTheme();
  const product = ` ${t(lang, 'appName')}  `;
  const help = ` ${t(lang, 'helpHint')} `;
  const room = Math.max(0, columns - cellWidth(product) - cellWidth(help));
  const where = truncateCells(describeConnection(connection, lang), room);
  const gap = ' '.repeat(Math.max(0, room - cellWidth(where)));
  const production = isProduction(connection);
  return (
    <Box height={1} width={columns} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold color={theme.tone('accent')}>
          {product}
        </Text>
        <Text color={production ? theme.tone('danger') : undefined} bold={production}>
          {where}
        </Text>
        {gap}
        <Text color={theme.tone('muted')}>{help}</Text>
      </Text>
    </Box>
  );
}
