// The line above the key hints: the line being typed (filter, command, delete confirmation) when
// there is one, else a message that was just given, else the facts of the selection.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { cellWidth, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import type { Flash, InputLine } from '../app-state.js';
import type { Segment } from '../dashboard/columns.js';
import { t, type Lang } from '../i18n.js';
import { wrapCells } from './lines.js';
import { useTheme } from '../theme.js';

export interface StatusLineProps {
  columns: number;
  lang: Lang;
  input?: InputLine;
  flash?: Flash;
  /** The selection's facts. */
  summary: readonly Segment[];
  /** While filtering: how many rows match, of how many. */
  filterCount?: { matches: number; total: number; pane: string };
  /** While typing a command: what Tab would complete it to. */
  completions?: readonly string[];
}

/**
 * A message given just now, in lines of the status line's width: the first shows here, the rest on
 * the key-hint line below (which gives way to it while it shows), so a long message at 80 columns
 * (an unknown command and the commands there are) loses nothing.
 */
export function flashLines(flash: Flash, lang: Lang, columns: number): string[] {
  return wrapCells(flash.message[lang], Math.max(1, columns - 2));
}

/** Segments cut to `width` cells in total. */
function fit(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let room = width;
  for (const segment of segments) {
    if (room <= 0) break;
    const text = truncateCells(segment.text, room);
    out.push({ ...segment, text });
    room -= cellWidth(text);
  }
  return out;
}

export const StatusLine = memo(function StatusLine({
  columns,
  lang,
  input,
  flash,
  summary,
  filterCount,
  completions,
}: StatusLineProps) {
  const theme = useTheme();
  const width = Math.max(0, columns - 2);
  // While typing: what was typed, a cursor (an inverse blank), then anything after it.
  let typed: Segment[] | undefined;
  let after: Segment[] = [];
  let cursor = ' ';
  if (input?.kind === 'filter') {
    typed = [
      { text: t(lang, 'filterPrompt', { pane: filterCount?.pane ?? '' }), tone: 'accent' },
      { text: `/${sanitizeForTerminal(input.text)}` },
    ];
    if (filterCount) after = [{ text: `   ${t(lang, 'matchCount', filterCount)}`, tone: 'muted' }];
  } else if (input?.kind === 'command') {
    const suggestion = completions?.[0];
    const ghost = suggestion?.startsWith(input.text) ? suggestion.slice(input.text.length) : '';
    typed = [{ text: `:${sanitizeForTerminal(input.text)}` }];
    // The completion shows greyed after the cursor, which stands on its first letter.
    if (ghost) {
      const [first = ' ', ...more] = [...sanitizeForTerminal(ghost)];
      cursor = first;
      if (more.length > 0) after.push({ text: more.join(''), tone: 'muted' });
    }
    const others = (completions ?? []).filter((option) => !ghost || option !== suggestion);
    if (others.length > 0)
      after.push({ text: `   ${others.slice(0, 8).map(sanitizeForTerminal).join('  ')}`, tone: 'muted' });
  } else if (input?.kind === 'delete') {
    const what = `${input.protocol} ${input.port}${input.name ? ` “${input.name}”` : ''}${input.target ? ` (${input.target[lang]})` : ''}`;
    const prompt = t(lang, 'deletePrompt', { what, port: input.port });
    // A wrong port is said first, where it is seen even when the prompt has to be cut.
    const wrong = input.wrong ? `${t(lang, 'deleteWrongPort', { port: input.port })} · ` : '';
    typed = [{ text: wrong + prompt, tone: 'danger' }, { text: input.text }];
  } else if (input?.kind === 'startstop') {
    const what = `${input.protocol} ${input.port}${input.name ? ` “${input.name}”` : ''}${input.target ? ` (${input.target[lang]})` : ''}`;
    const ask = t(lang, input.action === 'stop' ? 'stopPrompt' : 'startPrompt', { what });
    const how = input.typed ? t(lang, 'confirmTypedPort', { port: input.port }) : t(lang, 'confirmYes');
    const wrong = input.wrong ? `${t(lang, 'deleteWrongPort', { port: input.port })} · ` : '';
    typed = [
      { text: wrong + ask + how, tone: input.action === 'stop' ? 'danger' : 'accent' },
      { text: input.text },
    ];
  }
  const segments: Segment[] = typed
    ? [...typed, { text: cursor }, ...after]
    : flash
      ? [{ text: flashLines(flash, lang, columns)[0] ?? '', tone: flash.tone }]
      : [...summary];
  const cursorIndex = typed ? typed.length : -1;
  let shown: Segment[];
  if (typed) {
    // The prompt gives way first, so what is being typed always shows.
    const [prompt, ...rest] = typed;
    const restWidth = rest.reduce((sum, segment) => sum + cellWidth(segment.text), 0) + cellWidth(cursor);
    const promptText = truncateCells(prompt?.text ?? '', Math.max(0, width - restWidth));
    shown = [...fit([{ ...prompt, text: promptText }, ...rest, { text: cursor }], width)];
    const used = shown.reduce((sum, segment) => sum + cellWidth(segment.text), 0);
    shown.push(...fit(after, Math.max(0, width - used)));
  } else {
    shown = fit(segments, width);
  }
  return (
    <Box height={1} width={columns} flexShrink={0}>
      <Text wrap="truncate-end">
        {' '}
        {shown.map((segment, index) => (
          <Text
            key={index}
            inverse={index === cursorIndex}
            color={segment.tone ? theme.tone(segment.tone) : undefined}
          >
            {segment.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
});
