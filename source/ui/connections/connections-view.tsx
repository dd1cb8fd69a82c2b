// The `:ctx` picker: the local ALB and every saved connection, with where each points and where
// its credentials come from (never a secret); Enter switches to the one under the cursor, or opens
// the marked ones (Space, `*`) together in one view.
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  formatCredentials,
  LOCAL_CONNECTION,
  type ConnectionProfile,
  type Store,
} from '../../store/index.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { PaintedLines } from '../components/painted-lines.js';
import { t, type Lang } from '../i18n.js';
import { keyId, type KeyPress } from '../keys.js';
import { useViewKeys } from '../view-keys.js';
import type { ViewFrameProps } from '../view-props.js';
import { ct } from './connections-i18n.js';
import { initPicker, pickerKey, type PickerState } from './connections-state.js';

export interface ConnectionsViewProps extends ViewFrameProps {
  store: Pick<Store, 'listConnections'> | undefined;
  /** The connection open now, by name (several joined by commas). */
  current: string;
  onSwitch: (name: string) => void;
}

/** The built-in local ALB first, then the saved connections by name. */
export function connectionChoices(saved: readonly ConnectionProfile[]): ConnectionProfile[] {
  const others = saved
    .filter((c) => c.name !== LOCAL_CONNECTION.name)
    .sort((a, b) => a.name.localeCompare(b.name));
  const local = saved.find((c) => c.name === LOCAL_CONNECTION.name) ?? LOCAL_CONNECTION;
  return [local, ...others];
}

export function renderConnections(
  choices: readonly ConnectionProfile[],
  options: {
    cursor: number;
    current: string;
    /** Names marked to open together. */
    marked?: ReadonlySet<string>;
    lang: Lang;
    width: number;
    height: number;
    storeMissing: boolean;
  },
): Line[] {
  const { cursor, current, lang, width, height } = options;
  const marked = options.marked ?? new Set<string>();
  const open = new Set(current.split(',').map((name) => name.trim()));
  const lines: Line[] = [
    [
      seg(` ${t(lang, 'connectionsTitle')} `, { bold: true }),
      seg(String(choices.length), { tone: 'muted' }),
      seg(marked.size > 0 ? `  ${ct(lang, 'pickerMarked', { count: marked.size })}` : '', { tone: 'accent' }),
    ],
  ];
  const nameWidth = Math.min(24, Math.max(8, ...choices.map((c) => [...c.name].length)));
  choices.forEach((connection, index) => {
    const selected = index === cursor;
    const where =
      connection.kind === 'local'
        ? t(lang, 'connectionsLocal')
        : [
            t(lang, 'connectionsCloud', { region: connection.region }),
            ...(connection.endpoint ? [connection.endpoint] : []),
            t(lang, 'connectionsCredentials', { source: formatCredentials(connection.credentials) }),
          ].join(' · ');
    const tags = [
      ...(open.has(connection.name) ? [t(lang, 'connectionsCurrent')] : []),
      ...(connection.readOnly ? [t(lang, 'readOnly')] : []),
    ];
    lines.push(
      fitLine(
        [
          seg(selected ? '›' : ' ', { bold: selected }),
          seg(marked.has(connection.name) ? '✓' : ' ', { tone: 'accent', bold: true }),
          seg(connection.name.padEnd(nameWidth), {
            bold: selected,
            inverse: selected,
            ...(connection.production || connection.color === 'red' ? { tone: 'danger' as const } : {}),
          }),
          seg(tags.length > 0 ? `  [${tags.join(', ')}]` : '', { tone: 'accent' }),
          seg(`  ${where}`, { tone: 'muted' }),
        ],
        width,
      ),
    );
  });
  const note = options.storeMissing
    ? t(lang, 'connectionsStoreMissing')
    : choices.length === 1
      ? t(lang, 'connectionsNone')
      : '';
  if (note) {
    lines.push([]);
    for (const text of wrapCells(note, width - 1)) lines.push([seg(` ${text}`, { tone: 'muted' })]);
  }
  if (choices.length > 1) {
    lines.push([]);
    for (const text of wrapCells(ct(lang, 'pickerHint'), width - 1))
      lines.push([seg(` ${text}`, { tone: 'muted' })]);
  }
  return lines.slice(0, height);
}

export function ConnectionsView({
  store,
  current,
  lang,
  width,
  height,
  registerKeys,
  onSwitch,
}: ConnectionsViewProps) {
  const choices = useMemo(() => {
    try {
      return connectionChoices(store?.listConnections() ?? []);
    } catch {
      return connectionChoices([]);
    }
  }, [store]);
  const [picker, setPicker] = useState<PickerState>(() =>
    initPicker(
      choices.map((choice) => choice.name),
      current,
    ),
  );
  const pickerRef = useRef(picker);
  pickerRef.current = picker;
  const env = useRef({ choices, onSwitch });
  env.current = { choices, onSwitch };

  const onKey = useCallback((press: KeyPress) => {
    const { choices: list, onSwitch: choose } = env.current;
    const step = pickerKey(
      pickerRef.current,
      keyId(press),
      list.map((choice) => choice.name),
    );
    if (step.state !== pickerRef.current) {
      pickerRef.current = step.state;
      setPicker(step.state);
    }
    if (step.open !== undefined) choose(step.open);
    return step.handled;
  }, []);
  useViewKeys(registerKeys, onKey);

  const lines = useMemo(
    () =>
      renderConnections(choices, {
        cursor: picker.cursor,
        marked: picker.marked,
        current,
        lang,
        width,
        height,
        storeMissing: store === undefined,
      }),
    [choices, picker, current, lang, width, height, store],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
