// The rule form pane: holds the reducer (newest state in a ref, so rapid keys each see it), runs its
// effects, keeps the draft as the user types (written at once, coalesced; flushed when the pane
// goes) and paints the lines rule-form-render.ts lays out.
import { randomUUID } from 'node:crypto';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Localized } from '../../domain/i18n.js';
import { PaintedLines } from '../components/painted-lines.js';
import { useExternalEditor } from '../edit-text/editor-provider.js';
import type { RunEditor } from '../edit-text/external-editor.js';
import type { KeyPress } from '../keys.js';
import { splitPress } from '../line-edit.js';
import type { Tone } from '../theme.js';
import { useViewKeys, type ViewKeyHandler } from '../view-keys.js';
import type { ChangeViewProps } from '../view-props.js';
import { runRuleFormEffect, type RuleDraftStore, type RuleFormClient } from './rule-form-effects.js';
import { formText } from './rule-form-i18n.js';
import { ruleFormKeys } from './rule-form-keys.js';
import { renderRuleForm } from './rule-form-render.js';
import {
  initRuleForm,
  ruleFormReducer,
  type RuleFormAction,
  type RuleFormEffect,
  type RuleFormState,
} from './rule-form-state.js';

export interface RuleFormViewProps extends ChangeViewProps {
  client: RuleFormClient;
  store: RuleDraftStore | undefined;
  listenerId: string;
  /** Edit this rule; a new one when absent. */
  ruleId?: string;
  /** Open as YAML in $VISUAL / $EDITOR first. */
  asText?: boolean;
  onClose: (result?: { ruleId?: string }) => void;
  flash: (message: Localized, tone: Tone) => void;
  /** Tests. */
  runEditor?: RunEditor;
  pollIntervalMs?: number;
  newClientToken?: () => string;
}

const SPINNER_MS = 100;

export function RuleFormView(props: RuleFormViewProps) {
  const { lang, width, height, registerKeys } = props;
  const providedEditor = useExternalEditor();
  const env = useRef(props);
  env.current = props;
  const editor = useRef(props.runEditor ?? providedEditor);
  editor.current = props.runEditor ?? providedEditor;

  const [initial] = useState(() =>
    initRuleForm({
      listenerId: props.listenerId,
      ...(props.ruleId ? { ruleId: props.ruleId } : {}),
      clientToken: (props.newClientToken ?? randomUUID)(),
      production: props.production,
      readOnly: props.readOnly,
      ...(props.asText ? { asText: true } : {}),
    }),
  );
  const current = useRef<RuleFormState>(initial.state);
  const [state, setState] = useState(initial.state);
  const mounted = useRef(true);
  const controller = useRef(new AbortController());

  // ---- The draft, kept as the user types --------------------------------------------------
  const saving = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef<RuleFormState | undefined>(undefined);
  const writing = useRef(false);
  const saveFailed = useRef(false);
  const flush = useCallback((): Promise<void> => {
    const store = env.current.store;
    if (!store || writing.current || !pending.current) return saving.current;
    writing.current = true;
    saving.current = (async () => {
      try {
        while (pending.current) {
          const s = pending.current;
          pending.current = undefined;
          try {
            await store.saveRuleDraft({
              listenerId: s.listenerId,
              ...(s.ruleId ? { ruleId: s.ruleId } : {}),
              clientToken: s.clientToken,
              draft: s.draft,
            });
            saveFailed.current = false;
          } catch (error) {
            if (!saveFailed.current && mounted.current) {
              saveFailed.current = true;
              const reason = error instanceof Error ? error.message : String(error);
              dispatchRef.current({
                type: 'notice',
                message: formText('draftUnsaved', { reason }),
                tone: 'warning',
              });
            }
          }
        }
      } finally {
        writing.current = false;
      }
    })();
    return saving.current;
  }, []);

  const leave = useCallback(
    async (effect: Extract<RuleFormEffect, { kind: 'leave' }>) => {
      pending.current = effect.ruleId ? undefined : pending.current;
      await flush();
      const { flash, onClose } = env.current;
      if (effect.message) flash(effect.message, 'danger');
      if (effect.ruleId) {
        flash(formText(current.current.ruleId ? 'updated' : 'created', { id: effect.ruleId }), 'good');
        onClose({ ruleId: effect.ruleId });
      } else onClose();
    },
    [flush],
  );

  const dispatchRef = useRef<(action: RuleFormAction) => void>(() => undefined);
  const run = useCallback(
    (effects: readonly RuleFormEffect[]) => {
      for (const effect of effects) {
        if (effect.kind === 'leave') void leave(effect);
        else if (effect.kind === 'discard-draft') {
          const { listenerId, ruleId } = current.current;
          pending.current = undefined;
          saving.current = saving.current
            .then(() => env.current.store?.clearRuleDraft(listenerId, ruleId))
            .catch(() => undefined);
        } else
          runRuleFormEffect(
            {
              client: env.current.client,
              store: env.current.store,
              signal: controller.current.signal,
              state: () => current.current,
              dispatch: (action) => dispatchRef.current(action),
              lang: env.current.lang,
              ...(editor.current ? { runEditor: editor.current } : {}),
              ...(env.current.pollIntervalMs === undefined
                ? {}
                : { pollIntervalMs: env.current.pollIntervalMs }),
              ...(env.current.newClientToken ? { newClientToken: env.current.newClientToken } : {}),
            },
            effect,
          );
      }
    },
    [leave],
  );

  const dispatch = useCallback(
    (action: RuleFormAction) => {
      const step = ruleFormReducer(current.current, action);
      const changed = step.state !== current.current;
      const before = current.current;
      current.current = step.state;
      if (changed && mounted.current) setState(step.state);
      if (step.state.persist && step.state.draft !== before.draft && env.current.store) {
        pending.current = step.state;
        void flush();
      }
      run(step.effects);
    },
    [run, flush],
  );
  dispatchRef.current = dispatch;

  useEffect(() => {
    mounted.current = true;
    const all = controller.current;
    run(initial.effects);
    return () => {
      mounted.current = false;
      // Leaving any way at all: what was typed is written now.
      void flush();
      all.abort();
    };
  }, [run, flush, initial.effects]);

  const onKey = useCallback(
    (press: KeyPress) => {
      let used = false;
      for (const key of splitPress(press)) {
        const actions = ruleFormKeys(current.current, key);
        if (actions === undefined) continue;
        used = true;
        for (const action of actions) dispatch(action);
      }
      return used;
    },
    [dispatch],
  );
  useViewKeys(registerKeys, onKey as ViewKeyHandler);

  const spinning =
    state.load.status === 'loading' ||
    state.precheck.status === 'running' ||
    state.submission.status === 'submitting' ||
    state.submission.status === 'provisioning';
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!spinning) return;
    const timer = setInterval(() => setFrame((f) => f + 1), SPINNER_MS);
    return () => clearInterval(timer);
  }, [spinning]);

  const lines = useMemo(
    () =>
      renderRuleForm(state, {
        lang,
        width,
        height,
        spinner: frame,
        ...(state.facts?.instanceName ? { instanceName: state.facts.instanceName } : {}),
        ...(props.target ? { target: props.target } : {}),
      }),
    [state, lang, width, height, frame, props.target],
  );
  return <PaintedLines lines={lines} width={width} height={height} />;
}
