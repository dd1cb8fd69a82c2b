// The rules pane (`r` on a listener, `:rules`): runs the reducer's effects — reading the listener's
// rules, moving, deleting and copying them in calls of ≤ 10 (alb/rule-batches.ts), reading the target
// listeners' rules for a copy plan — and draws the windowed list (components/list-pane, as the
// dashboard does) or the lines of the current step.
import { useEffect, useMemo, useRef } from 'react';
import { Box } from 'ink';
import type { AlbClient, RuleChanges } from '../../alb/client.js';
import { collect } from '../../alb/client.js';
import { isAlbError } from '../../alb/errors.js';
import {
  copyCalls,
  deleteCalls,
  moveCalls,
  runRuleCalls,
  type RuleCall,
  type RuleItemEvent,
} from '../../alb/rule-batches.js';
import type { Rule } from '../../domain/rule-types.js';
import { ListPane } from '../components/list-pane.js';
import { PaintedLines } from '../components/painted-lines.js';
import { fitColumns, type RowContext } from '../dashboard/columns.js';
import { errorInfo } from '../error-info.js';
import { pane } from '../layout.js';
import { useReducerView } from '../reducer-view.js';
import type { ChangeViewProps } from '../view-props.js';
import type { GroupNames } from '../../domain/rule-summary.js';
import { RULES_TEXT } from './rules-i18n.js';
import { listInfo, renderRulesMode, statusLine } from './rules-render.js';
import type { ChangeTarget } from '../connections/change-target.js';
import { ruleColumns } from './rules-rows.js';
import {
  clashReason,
  initRules,
  rulesReducer,
  type CopyTarget,
  type RulesEffect,
  type RulesListener,
} from './rules-state.js';

/** What the pane asks of the ALB: the rule calls, and the listener for its default action. */
export type RulesClient = RuleChanges & Pick<AlbClient, 'getListener' | 'listServerGroups'>;

export interface RuleFormParams {
  listenerId: string;
  ruleId?: string;
  asText?: boolean;
}

export interface RulesViewProps extends ChangeViewProps {
  client: RulesClient;
  listener: RulesListener;
  /** The listeners rules can be copied to (the dashboard's). */
  targets: readonly CopyTarget[];
  /** Server group names the dashboard knows. */
  names: GroupNames;
  /** Where a copy goes (mixed views): named on its plan. */
  targetOfListener?: (listenerId: string) => ChangeTarget | undefined;
  /** `n`, `e`, `E`: the rule form (view 'rule-form'). */
  onOpenForm: (params: RuleFormParams) => void;
  copy: (text: string) => void;
  /** Between polls while a change settles (tests make it short). */
  pollIntervalMs?: number;
}

/** Rows of the list: the pane's height less the status line under it. */
function listBox(width: number, height: number) {
  return pane(width, Math.max(3, height - 1));
}

async function readRules(client: RulesClient, listenerId: string, signal: AbortSignal): Promise<Rule[]> {
  return collect(client.listRules({ listenerIds: [listenerId] }, { signal }));
}

/** The names of server groups the dashboard did not know (a group made after its listing). */
async function withMissingNames(
  client: RulesClient,
  rules: readonly Rule[],
  known: GroupNames,
  signal: AbortSignal,
): Promise<GroupNames> {
  const wanted = new Set<string>();
  for (const rule of rules)
    for (const action of rule.ruleActions) {
      if (action.type === 'ForwardGroup')
        for (const tuple of action.forwardGroupConfig.serverGroupTuples) wanted.add(tuple.serverGroupId);
    }
  const missing = [...wanted].filter((id) => !known.has(id)).slice(0, 20);
  if (missing.length === 0) return known;
  try {
    const groups = await collect(client.listServerGroups({ serverGroupIds: missing }, { signal }));
    const names = new Map(known);
    for (const group of groups) names.set(group.serverGroupId, group.serverGroupName);
    return names;
  } catch {
    return known;
  }
}

export function RulesView(props: RulesViewProps) {
  const { client, lang, width, height, registerKeys } = props;
  const env = useRef(props);
  env.current = props;
  const { state, dispatch, latest, signal } = useReducerView({
    reducer: rulesReducer,
    init: () => ({
      state: initRules({
        listener: props.listener,
        targets: props.targets,
        names: props.names,
        height: listBox(props.width, props.height).rows,
        readOnly: props.readOnly,
        production: props.production,
      }),
      effects: [{ kind: 'load' } as RulesEffect],
    }),
    registerKeys,
    run: (effect) => runEffect(effect),
  });

  const box = listBox(width, height);
  useEffect(() => {
    dispatch({ type: 'resize', height: box.rows });
  }, [box.rows, dispatch]);

  const run = (
    calls: RuleCall[],
    options: {
      stopOnFailure?: boolean;
      priorityOf?: (index: number) => number | undefined;
      listenerOf?: (index: number) => string | undefined;
    },
  ) => {
    const onEvent = (event: RuleItemEvent) => {
      const code = isAlbError(event.error) ? event.error.code : undefined;
      const reason = event.error === undefined ? undefined : errorInfo(event.error).message;
      dispatch({
        type: 'run-event',
        index: event.index,
        phase: event.phase,
        ...(reason ? { reason } : {}),
      });
      const priority = options.priorityOf?.(event.index);
      if (!reason || code !== 'Conflict.Priority' || priority === undefined) return;
      // Someone else may hold it now (a rule made since the list was read): read again to name it.
      const listenerId = options.listenerOf?.(event.index) ?? latest.current.listener.id;
      readRules(client, listenerId, signal).then(
        (fresh) =>
          dispatch({
            type: 'run-event',
            index: event.index,
            phase: 'failed',
            reason: clashReason(fresh, priority, reason, code),
          }),
        () => undefined,
      );
    };
    const interval = env.current.pollIntervalMs;
    runRuleCalls(client, calls, {
      signal,
      onEvent,
      ...(options.stopOnFailure ? { stopOnFailure: true } : {}),
      ...(interval === undefined ? {} : { intervalMs: interval }),
    }).then(
      () => dispatch({ type: 'run-ended' }),
      () => {
        if (!signal.aborted) dispatch({ type: 'run-ended' });
      },
    );
  };

  function runEffect(effect: RulesEffect): void {
    const listenerId = latest.current.listener.id;
    switch (effect.kind) {
      case 'load':
        Promise.all([readRules(client, listenerId, signal), client.getListener(listenerId, { signal })])
          .then(async ([rules, listener]) => {
            const names = await withMissingNames(client, rules, env.current.names, signal);
            const defaultGroupIds = (listener.defaultActions ?? []).flatMap((action) =>
              action.forwardGroupConfig.serverGroupTuples.map((tuple) => tuple.serverGroupId),
            );
            dispatch({ type: 'loaded', rules, names, defaultGroupIds });
          })
          .catch((error: unknown) => {
            if (!signal.aborted) dispatch({ type: 'load-failed', error: errorInfo(error) });
          });
        break;
      case 'run-move': {
        const flat = effect.calls.flat();
        run(moveCalls(client, effect.calls), {
          stopOnFailure: true,
          priorityOf: (index) => flat[index]?.to,
        });
        break;
      }
      case 'run-delete':
        run(deleteCalls(client, effect.ruleIds), {});
        break;
      case 'run-copy': {
        const flat = effect.targets.flatMap((target) =>
          target.specs.map((spec) => ({ listenerId: target.listenerId, priority: spec.priority })),
        );
        run(copyCalls(client, effect.targets), {
          priorityOf: (index) => flat[index]?.priority,
          listenerOf: (index) => flat[index]?.listenerId,
        });
        break;
      }
      case 'plan-copy':
        Promise.all(
          effect.targets.map((target) =>
            readRules(client, target, signal).then(
              (rules) => ({ listenerId: target, rules }),
              (error: unknown) => ({ listenerId: target, error: errorInfo(error) }),
            ),
          ),
        ).then((targets) => {
          if (!signal.aborted) dispatch({ type: 'copy-planned', targets });
        });
        break;
      case 'open-form':
        env.current.onOpenForm({
          listenerId: effect.listenerId,
          ...(effect.ruleId ? { ruleId: effect.ruleId } : {}),
          ...(effect.asText ? { asText: true } : {}),
        });
        break;
      case 'copy':
        env.current.copy(effect.text);
        break;
    }
  }

  const columns = useMemo(
    () => fitColumns(ruleColumns(lang, state.model.rows), Math.max(0, box.columns - 2)),
    [lang, state.model.rows, box.columns],
  );
  const context: RowContext = useMemo(
    () => ({ lang, deleting: new Set(), marked: state.marked }),
    [lang, state.marked],
  );
  if (state.mode.kind !== 'list') {
    const lines = renderRulesMode(state, {
      lang,
      width,
      height,
      ...(props.target ? { target: props.target } : {}),
      ...(props.targetOfListener ? { targetOfListener: props.targetOfListener } : {}),
    });
    return <PaintedLines lines={lines} width={width} height={height} />;
  }
  const message =
    state.status === 'loading' && state.model.rows.length === 0
      ? { text: RULES_TEXT.say(lang, 'loading'), tone: 'accent' as const }
      : state.status === 'failed'
        ? {
            text: RULES_TEXT.say(lang, 'failed', { reason: state.error?.message[lang] ?? '' }),
            tone: 'danger' as const,
          }
        : { text: RULES_TEXT.say(lang, 'none'), hint: RULES_TEXT.say(lang, 'noneHint') };
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ListPane
        title={RULES_TEXT.say(lang, 'title', { listener: state.listener.label })}
        info={listInfo(state, lang)}
        focused
        box={box}
        model={state.model}
        columns={columns}
        context={context}
        lang={lang}
        message={message}
      />
      <PaintedLines lines={[statusLine(state, lang, width)]} width={width} height={1} />
    </Box>
  );
}
