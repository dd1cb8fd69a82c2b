// The profiles view (`p`, `:profiles`): the reducer of profiles-state.ts held so rapid keys each see
// the newest state, its effects run against the store, and the lines of profiles-render.ts painted.
// Keys come through the root's one dispatcher (view-router.tsx).
import { readFile } from 'node:fs/promises';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { Localized } from '../../domain/i18n.js';
import { isStoreError, type Store } from '../../store/index.js';
import { PaintedLines } from '../components/painted-lines.js';
import { errorInfo } from '../error-info.js';
import type { KeyPress } from '../keys.js';
import { resolveExportPath, writeExportFile } from '../wizard/export-file.js';
import type { Lang } from '../i18n.js';
import { profilesText } from './profiles-i18n.js';
import { profilesLayout, renderProfiles } from './profiles-render.js';
import {
  initProfiles,
  profilesKey,
  profilesReducer,
  type InstanceRef,
  type ProfilesAction,
  type ProfilesEffect,
  type ProfilesState,
} from './profiles-state.js';
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';
import type { ListenerRef } from './update-state.js';

export type ProfilesStore = Pick<
  Store,
  | 'listProfiles'
  | 'renameProfile'
  | 'duplicateProfile'
  | 'deleteProfile'
  | 'exportProfiles'
  | 'importProfiles'
>;

export interface ProfilesViewProps {
  store: ProfilesStore | undefined;
  /** The store is still opening: wait rather than say it is unavailable. */
  storePending?: boolean;
  lang: Lang;
  width: number;
  height: number;
  target: InstanceRef | undefined;
  marked: readonly InstanceRef[];
  /** Listeners marked on the dashboard: `u` applies the profile to them as updates. */
  markedListeners?: readonly ListenerRef[];
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  onNewListener: (profile: string, instance: InstanceRef) => void;
  onApply: (profile: string, instances: readonly InstanceRef[]) => void;
  onApplyUpdate?: (profile: string, listeners: readonly ListenerRef[]) => void;
  /** Where relative file paths go; the working folder unless given. */
  cwd?: string;
}

function problem(error: unknown): Localized {
  if (isStoreError(error)) return error.localized;
  return errorInfo(error).message;
}

function readReason(error: unknown): Localized {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return { en: 'no such file', 'zh-CN': '文件不存在' };
  if (code === 'EACCES' || code === 'EPERM') return { en: 'permission denied', 'zh-CN': '没有权限' };
  if (code === 'EISDIR') return { en: 'it is a folder', 'zh-CN': '这是一个文件夹' };
  return errorInfo(error).message;
}

const NO_LISTENERS: readonly ListenerRef[] = [];

export function ProfilesView(props: ProfilesViewProps) {
  const { store, lang, width, height, registerKeys } = props;
  const [state, dispatchRaw] = useReducer(profilesReducer, undefined, (): ProfilesState =>
    initProfiles({
      ...(props.target ? { target: props.target } : {}),
      marked: props.marked,
      markedListeners: props.markedListeners ?? [],
    }),
  );
  const current = useRef(state);
  current.current = state;
  const dispatch = useCallback((action: ProfilesAction) => {
    current.current = profilesReducer(current.current, action);
    dispatchRaw(action);
  }, []);
  const rows = profilesLayout(height).listRows;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const onKey = useCallback(
    (press: KeyPress) => {
      const { used } = profilesKey(current.current, press, rowsRef.current);
      if (used) dispatch({ type: 'key', press, rows: rowsRef.current });
      return used;
    },
    [dispatch],
  );
  useViewKeys(registerKeys, onKey);

  const env = useRef(props);
  env.current = props;
  useEffect(() => {
    const queued = state.effects;
    if (queued.length === 0) return;
    dispatch({ type: 'effects-taken', upTo: queued[queued.length - 1]!.seq });
    for (const { effect } of queued) void run(effect);

    async function run(effect: ProfilesEffect): Promise<void> {
      const { store: profiles, storePending, cwd } = env.current;
      if (effect.kind === 'new-listener') return env.current.onNewListener(effect.profile, effect.instance);
      if (effect.kind === 'apply') return env.current.onApply(effect.profile, effect.instances);
      if (effect.kind === 'apply-update')
        return env.current.onApplyUpdate?.(effect.profile, effect.listeners);
      if (!profiles) {
        if (!storePending) dispatch({ type: 'unavailable' });
        return;
      }
      const all = () => profiles.listProfiles();
      try {
        switch (effect.kind) {
          case 'load':
            dispatch({ type: 'loaded', profiles: all() });
            return;
          case 'rename': {
            const renamed = await profiles.renameProfile(effect.from, effect.to);
            dispatch({
              type: 'done',
              message: profilesText('renamed', { from: effect.from, to: renamed.name }),
              profiles: all(),
              select: renamed.name,
            });
            return;
          }
          case 'duplicate': {
            const copy = await profiles.duplicateProfile(effect.from, effect.to);
            dispatch({
              type: 'done',
              message: profilesText('duplicated', { from: effect.from, to: copy.name }),
              profiles: all(),
              select: copy.name,
            });
            return;
          }
          case 'delete':
            await profiles.deleteProfile(effect.name);
            dispatch({
              type: 'done',
              message: profilesText('deleted', { name: effect.name }),
              profiles: all(),
            });
            return;
          case 'export': {
            const text = profiles.exportProfiles(effect.names);
            const outcome = await writeExportFile(effect.path, text, {
              replace: effect.overwrite,
              ...(cwd ? { cwd } : {}),
            });
            if (outcome.status === 'exists')
              dispatch({ type: 'export-exists', names: effect.names, path: effect.path });
            else if (outcome.status === 'failed') dispatch({ type: 'failed', message: outcome.message });
            else
              dispatch({
                type: 'done',
                message: profilesText('exported', { count: effect.names.length, path: outcome.path }),
                profiles: all(),
              });
            return;
          }
          case 'import': {
            const file = resolveExportPath(effect.path, cwd);
            let json: string;
            try {
              json = await readFile(file, 'utf8');
            } catch (error) {
              dispatch({
                type: 'failed',
                message: profilesText('importRead', { path: file, reason: readReason(error) }),
              });
              return;
            }
            // A name already taken is never replaced: the entry comes in under a new name.
            const report = await profiles.importProfiles(json, { onConflict: 'rename' });
            dispatch({ type: 'imported', path: file, report, profiles: all() });
            return;
          }
        }
      } catch (error) {
        dispatch({ type: 'failed', message: problem(error) });
      }
    }
  }, [state.effects, dispatch]);

  const { target, marked, markedListeners = NO_LISTENERS } = props;
  const targetKey = `${target?.id ?? ''}\n${[...marked, ...markedListeners].map((ref) => ref.id).join(',')}`;
  useEffect(() => {
    dispatch({ type: 'targets', target, marked, markedListeners });
    // Only when what they name changes: the router builds new arrays every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetKey, dispatch]);

  // The store may open after the view: load once it is there.
  const storeReady = store !== undefined;
  useEffect(() => {
    if (storeReady && current.current.status !== 'ready') dispatch({ type: 'reload' });
  }, [storeReady, dispatch]);

  const lines = useMemo(() => renderProfiles(state, { lang, width, height }), [state, lang, width, height]);
  return <PaintedLines lines={lines} width={width} height={height} />;
}
