// The top line: product, connection (red for production, or the profile's own colour), a read-only
// mark, the refresh state, and the help key.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { isProduction, type Connection } from '../connection.js';
import type { Lang } from '../i18n.js';
import { useTheme, type Tone } from '../theme.js';
import { headerText } from './header-layout.js';

export interface RefreshIndicator {
  text: string;
  tone?: Tone;
}

export const Header = memo(function Header({
  connection,
  lang,
  columns,
  refresh,
  settingsUnsaved,
  failed,
}: {
  connection: Connection;
  lang: Lang;
  columns: number;
  refresh?: RefreshIndicator;
  /** The settings cannot be written in this session: a short mark says so. */
  settingsUnsaved?: boolean;
  /** Several connections open: the ones whose last listing failed. */
  failed?: readonly string[];
}) {
  const theme = useTheme();
  const {
    product,
    where,
    readOnly,
    failed: failedText,
    gap,
    refresh: refreshText,
    help,
  } = headerText(connection, lang, columns, refresh?.text, settingsUnsaved, failed);
  const production = isProduction(connection);
  const mixed = (connection.members?.length ?? 0) > 1;
  const colour =
    theme.colour && !mixed
      ? (connection.colour ?? (production ? theme.tone('danger') : undefined))
      : undefined;
  return (
    <Box height={1} width={columns} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold color={theme.tone('accent')}>
          {product}
        </Text>
        <Text color={colour} bold={production}>
          {where}
        </Text>
        {readOnly ? (
          <Text bold color={theme.tone('warning')}>
            {readOnly}
          </Text>
        ) : null}
        {failedText ? (
          <Text bold color={theme.tone('danger')}>
            {failedText}
          </Text>
        ) : null}
        {gap}
        {refreshText ? <Text color={theme.tone(refresh?.tone ?? 'muted')}>{refreshText}</Text> : null}
        <Text color={theme.tone('muted')}>{help}</Text>
      </Text>
    </Box>
  );
});
