// The `:ctx` picker: the local ALB and every saved connection, with where each points and where
// its credentials come from (never a secret); Enter switches to the one under the cursor.
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
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';

export interface ConnectionsViewProps {
  store: Pick<Store, 'listConnections'> | undefined;
  /** The connection open now, by name. */
  current: string;
  lang: Lang;
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
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
    lang: Lang;
    width: number;
    height: number;
    storeMissing: boolean;
  },
): Line[] {
  const { cursor, current, lang, width, height } = options;
  const lines: Line[] = [
    [seg(` ${t(lang, 'connectionsTitle')} `, { bold: true }), seg(String(choices.length), { tone: 'muted' })],
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
      ...(connection.name === current ? [t(lang, 'connectionsCurrent')] : []),
      ...(connection.readOnly ? [t(lang, 'readOnly')] : []),
    ];
    lines.push(
      fitLine(
        [
          seg(selected ? '› ' : '  ', { bold: selected }),
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
  const [cursor, setCursor] = useState(() =>
    Math.max(
      0,
      choices.findIndex((c) => c.name === current),
    ),
  );
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;
  const env = useRef({ choices, onSwitch });
  env.current = { choices, onSwitch };

  const onKey = useCallback((press: KeyPress) => {
    const { choices: list, onSwitch: choose } = env.current;
    const move = (to: number) => {
      const next = Math.max(0, Math.min(list.length - 1, to));
      cursorRef.current = next;
      setCursor(next);
      return true;
    };
    switch (keyId(press)) {
      case 'down':
      case 'j':
        return move(cursorRef.current + 1);
      case 'up':
      case 'k':
        return move(cursorRef.current - 1);
      case 'g':
      case 'home':
        return move(0);
      case 'G':
      case 'end':
        return move(list.length - 1);
      case 'enter': {
        const chosen = list[cursorRef.current];
        if (chosen) choose(chosen.name);
        return true;
      }
      default:
        return false;
    }
  }, []);
  useViewKeys(registerKeys, onKey);

  const lines = useMemo(
    () =>
      renderConnections(choices, { cursor, current, lang, width, height, storeMissing: store === undefined }),
    [choices, cursor, current, lang, width, height, store],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
