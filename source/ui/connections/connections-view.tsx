// The `:ctx` picker: the local ALB and every saved connection, with where each points and where
// its credentials come from (never a secret); Enter switches to the one under the cursor, or opens
// the marked ones (Space, `*`) together in one view; `r` and Ctrl-D change the saved connections
// (connections-state.ts), and a change to one open now reopens the view so it takes effect at once.
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
import {
  initPicker,
  pickerKey,
  withoutConnection,
  type PickerChange,
  type PickerState,
} from './connections-state.js';
import { errorInfo } from '../error-info.js';

export interface ConnectionsViewProps extends ViewFrameProps {
  /** Without the saving methods, the list is only chosen from. */
  store:
    | (Pick<Store, 'listConnections'> & Partial<Pick<Store, 'saveConnection' | 'deleteConnection'>>)
    | undefined;
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
    /** Whether `r` and Ctrl-D are offered. */
    editable?: boolean;
    /** The question waiting for `y`, or what the last change did, on the last line. */
    message?: { text: string; tone: 'danger' | 'good' | 'warning' };
  },
): Line[] {
  const { cursor, current, lang, width, height } = options;
  const marked = options.marked ?? new Set<string>();
  const open = openNames(current);
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
    const hint = options.editable
      ? `${ct(lang, 'pickerHint')} · ${ct(lang, 'pickerEditHint')}`
      : ct(lang, 'pickerHint');
    for (const text of wrapCells(hint, width - 1)) lines.push([seg(` ${text}`, { tone: 'muted' })]);
  }
  const said = options.message;
  if (!said) return lines.slice(0, height);
  const message = wrapCells(said.text, width - 1).map((text): Line => [
    seg(` ${text}`, { tone: said.tone, bold: said.tone === 'danger' }),
  ]);
  // The message stays on screen however long the list: it is what the user must answer or read.
  return [...lines.slice(0, Math.max(0, height - message.length - 1)), [], ...message].slice(0, height);
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
  // Read again after each change to the saved connections.
  const [version, setVersion] = useState(0);
  const choices = useMemo(() => {
    try {
      return connectionChoices(store?.listConnections() ?? []);
    } catch {
      return connectionChoices([]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the store's list changed
  }, [store, version]);
  const [picker, setPicker] = useState<PickerState>(() =>
    initPicker(
      choices.map((choice) => choice.name),
      current,
    ),
  );
  const [said, setSaid] = useState<{ text: string; tone: 'danger' | 'good' | 'warning' } | undefined>();
  const pickerRef = useRef(picker);
  pickerRef.current = picker;
  const editable = store?.saveConnection !== undefined && store.deleteConnection !== undefined;
  const env = useRef({ choices, onSwitch, current, store, lang, editable });
  env.current = { choices, onSwitch, current, store, lang, editable };

  const change = useCallback(async (asked: PickerChange) => {
    const { choices: list, store: saved, current: openNow, onSwitch: reopen, lang: language } = env.current;
    const profile = list.find((choice) => choice.name === asked.name);
    if (!saved?.saveConnection || !saved.deleteConnection || !profile) return;
    try {
      if (asked.kind === 'remove') await saved.deleteConnection(asked.name);
      else await saved.saveConnection({ ...profile, readOnly: asked.readOnly });
    } catch (error) {
      setSaid({
        text: ct(language, 'saveFailed', { reason: errorInfo(error).message[language] }),
        tone: 'danger',
      });
      return;
    }
    setVersion((v) => v + 1);
    if (asked.kind === 'remove') {
      const next = withoutConnection(pickerRef.current, asked.name, list.length - 1);
      pickerRef.current = next;
      setPicker(next);
    }
    const key = asked.kind === 'remove' ? 'removed' : asked.readOnly ? 'madeReadOnly' : 'madeWritable';
    setSaid({
      text: ct(language, key, { name: asked.name }),
      tone: asked.kind === 'remove' ? 'warning' : 'good',
    });
    // The open client was made with the old flag: open it again so the new one holds from now on.
    if (asked.kind === 'read-only' && openNames(openNow).has(asked.name)) reopen(openNow);
  }, []);

  const onKey = useCallback(
    (press: KeyPress) => {
      const {
        choices: list,
        onSwitch: choose,
        current: openNow,
        lang: language,
        editable: canEdit,
      } = env.current;
      const open = openNames(openNow);
      const byName = new Map(list.map((choice) => [choice.name, choice]));
      const step = pickerKey(
        pickerRef.current,
        keyId(press),
        list.map((choice) => choice.name),
        canEdit
          ? (name) => {
              const choice = byName.get(name);
              return choice
                ? { readOnly: choice.readOnly, builtin: choice.kind === 'local', open: open.has(name) }
                : undefined;
            }
          : undefined,
      );
      if (step.state !== pickerRef.current) {
        pickerRef.current = step.state;
        setPicker(step.state);
      }
      if (step.notice)
        setSaid({
          text: ct(language, step.notice, { name: list[step.state.cursor]?.name ?? '' }),
          tone: 'warning',
        });
      else if (step.handled && !step.change) setSaid(undefined);
      if (step.change) void change(step.change);
      if (step.open !== undefined) choose(step.open);
      return step.handled;
    },
    [change],
  );
  useViewKeys(registerKeys, onKey);

  const lines = useMemo(() => {
    // A question waiting for `y` is the picker's own state; what a key or a change said is kept here.
    const asking = picker.asking;
    const message = asking
      ? {
          text: ct(lang, asking.kind === 'remove' ? 'askRemove' : 'askWritable', { name: asking.name }),
          tone: 'danger' as const,
        }
      : said;
    return renderConnections(choices, {
      cursor: picker.cursor,
      marked: picker.marked,
      current,
      lang,
      width,
      height,
      storeMissing: store === undefined,
      editable,
      ...(message ? { message } : {}),
    });
  }, [choices, picker, current, lang, width, height, store, editable, said]);
  return <PaintedLines lines={lines} width={width} height={height} />;
}

function openNames(current: string): Set<string> {
  return new Set(current.split(',').map((name) => name.trim()));
}
