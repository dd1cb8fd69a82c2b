// `:region`: the regions ALB is offered in (DescribeRegions, in the user's language), the open ones
// tagged; Enter moves the connection under the cursor to the region, Space marks, `a` adds the marked
// regions to the view (the same profile, one more connection entry each).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlbClient } from '../../alb/client.js';
import { errorInfo } from '../error-info.js';
import { fitLine, seg, wrapCells, type Line } from '../components/lines.js';
import { PaintedLines } from '../components/painted-lines.js';
import type { Lang } from '../i18n.js';
import { keyId, type KeyPress } from '../keys.js';
import { useViewKeys } from '../view-keys.js';
import type { ViewFrameProps } from '../view-props.js';
import { ct } from './connections-i18n.js';
import { pickerKey, type PickerState } from './connections-state.js';

export interface RegionChoice {
  regionId: string;
  localName: string;
}

type RegionLister = (options: { language: 'zh-CN' | 'en' }) => Promise<RegionChoice[]>;

/** DescribeRegions where the client has it (the local ALB and the SDK adapter). */
export function regionLister(client: AlbClient | undefined): RegionLister | undefined {
  const describe = (client as { describeRegions?: RegionLister } | undefined)?.describeRegions;
  return describe ? (options) => describe.call(client, options) : undefined;
}

export type RegionsLoad =
  | { status: 'loading' }
  | { status: 'ready'; regions: readonly RegionChoice[] }
  | { status: 'failed'; reason: string }
  | { status: 'unsupported' };

export function renderRegions(
  load: RegionsLoad,
  options: {
    picker: PickerState;
    /** The regions open now. */
    open: ReadonlySet<string>;
    /** The connection `:region` acts on. */
    name: string;
    lang: Lang;
    width: number;
    height: number;
  },
): Line[] {
  const { picker, open, name, lang, width, height } = options;
  const lines: Line[] = [[seg(` ${ct(lang, 'regionTitle', { name })} `, { bold: true })]];
  const note = (text: string, tone: 'muted' | 'danger') => {
    for (const part of wrapCells(text, width - 1)) lines.push([seg(` ${part}`, { tone })]);
  };
  if (load.status === 'loading') note(ct(lang, 'regionLoading'), 'muted');
  else if (load.status === 'failed') note(ct(lang, 'regionFailed', { reason: load.reason }), 'danger');
  else if (load.status === 'unsupported') note(ct(lang, 'regionUnsupported'), 'muted');
  else {
    load.regions.forEach((region, index) => {
      const selected = index === picker.cursor;
      lines.push(
        fitLine(
          [
            seg(selected ? '›' : ' ', { bold: selected }),
            seg(picker.marked.has(region.regionId) ? '✓' : ' ', { tone: 'accent', bold: true }),
            seg(region.regionId.padEnd(22), { bold: selected, inverse: selected }),
            seg(`  ${region.localName}`),
            seg(open.has(region.regionId) ? `  [${ct(lang, 'regionCurrent')}]` : '', { tone: 'accent' }),
          ],
          width,
        ),
      );
    });
    lines.push([]);
    note(ct(lang, 'regionHint'), 'muted');
  }
  return lines.slice(0, height);
}

export interface RegionsViewProps extends ViewFrameProps {
  client: AlbClient | undefined;
  open: ReadonlySet<string>;
  name: string;
  /** Enter: move to `regions[0]`; `a`: add `regions` to the view. */
  onChoose: (regions: readonly string[], add: boolean) => void;
}

export function RegionsView({
  client,
  open,
  name,
  lang,
  width,
  height,
  registerKeys,
  onChoose,
}: RegionsViewProps) {
  const lister = useMemo(() => regionLister(client), [client]);
  const [load, setLoad] = useState<RegionsLoad>(lister ? { status: 'loading' } : { status: 'unsupported' });
  useEffect(() => {
    if (!lister) return;
    let live = true;
    lister({ language: lang === 'zh-CN' ? 'zh-CN' : 'en' }).then(
      (regions) => live && setLoad({ status: 'ready', regions }),
      (error: unknown) => live && setLoad({ status: 'failed', reason: errorInfo(error).message[lang] }),
    );
    return () => {
      live = false;
    };
  }, [lister, lang]);
  const [picker, setPicker] = useState<PickerState>({ cursor: 0, marked: new Set() });
  const env = useRef({ load, picker, onChoose });
  env.current = { load, picker, onChoose };

  const onKey = useCallback((press: KeyPress) => {
    const current = env.current;
    if (current.load.status !== 'ready') return false;
    const ids = current.load.regions.map((region) => region.regionId);
    const id = keyId(press);
    if (id === 'a') {
      const marked = ids.filter((region) => current.picker.marked.has(region));
      const chosen = marked.length > 0 ? marked : ids.slice(current.picker.cursor, current.picker.cursor + 1);
      if (chosen.length > 0) current.onChoose(chosen, true);
      return true;
    }
    if (id === 'enter') {
      const region = ids[current.picker.cursor];
      if (region) current.onChoose([region], false);
      return true;
    }
    const step = pickerKey(current.picker, id === '*' ? undefined : id, ids);
    if (step.state !== current.picker) setPicker(step.state);
    return step.handled;
  }, []);
  useViewKeys(registerKeys, onKey);

  const lines = useMemo(
    () => renderRegions(load, { picker, open, name, lang, width, height }),
    [load, picker, open, name, lang, width, height],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
