// Paints lines laid out by a pure render function (see lines.ts): one Ink <Text> per line, each cut
// at the pane's edge, so a view's look is decided (and tested) outside Ink.
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import type { Line } from './lines.js';

export function PaintedLines({
  lines,
  width,
  height,
}: {
  lines: readonly Line[];
  width: number;
  height: number;
}) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((line, index) => (
        <PaintedLine key={index} line={line} />
      ))}
    </Box>
  );
}

function PaintedLine({ line }: { line: Line }) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((segment, index) => (
        <Text
          key={index}
          {...(segment.tone ? { color: theme.tone(segment.tone) } : {})}
          bold={segment.bold ?? false}
          dimColor={segment.dim ?? false}
          inverse={segment.inverse ?? false}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
