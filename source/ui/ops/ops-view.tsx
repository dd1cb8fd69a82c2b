// The operations log view (`:ops`): subscribes to the session's log and draws it; `y` copies the
// chosen entry's aliyun command (OSC 52, through the root's copy).
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { PaintedLines } from '../components/painted-lines.js';
import type { ViewFrameProps } from '../view-props.js';
import { useViewKeys } from '../view-keys.js';
import type { KeyPress } from '../keys.js';
import type { OpsLog } from './ops-log.js';
import { renderOps } from './ops-render.js';
import { opsKey, type OpsViewState } from './ops-state.js';

export interface OpsViewProps extends ViewFrameProps {
  log: OpsLog;
  /** Puts the text on the clipboard and says so. */
  copy: (text: string, what: string) => void;
}

export function OpsView({ log, lang, width, height, registerKeys, copy }: OpsViewProps) {
  const entries = useSyncExternalStore(
    useCallback((listener: () => void) => log.subscribe(listener), [log]),
    () => log.entries(),
  );
  const [state, setState] = useState<OpsViewState>({});
  const onKey = useCallback(
    (press: KeyPress) => {
      const result = opsKey(state, log.entries(), press);
      if (result.kind === 'unused') return false;
      if (result.kind === 'copy') copy(result.entry.command, result.entry.action);
      else setState(result.state);
      return true;
    },
    [state, log, copy],
  );
  useViewKeys(registerKeys, onKey);
  const lines = useMemo(
    () => renderOps(state, entries, { lang, width, height }),
    [state, entries, lang, width, height],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
