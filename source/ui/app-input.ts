// The line being typed at the bottom, in the root reducer: the filter (narrows the pane as it is
// typed), the `:` command line (completion, history, running a command) and the delete confirmation
// (the port typed). Start/stop confirmations are listener-actions.ts's. Pure.
import type { AppState, InputLine } from './app-state.js';
import { flash, flashMessage, onDashboard, openHelp, queue, requestExit } from './app-helpers.js';
import { moveDown, moveUp, pageDown, pageUp, showInstances, showListeners } from './app-dashboard.js';
import { connect } from './app-session.js';
import { closeDetail, openProfiles } from './app-views.js';
import { commandNames, completions, parseCommand } from './command-line.js';
import { connectionsText } from './connections/connections-i18n.js';
import { ALL_CONNECTIONS, parseMemberName, splitConnectionSpec } from './connections/members.js';
import { REGION_ID, regionSpec } from './connections/targets.js';
import { withDeleting, withFilterOn } from './dashboard/dashboard-state.js';
import { t } from './i18n.js';
import { keyId, type KeyPress } from './keys.js';
import { edit, typedText } from './line-edit.js';
import { startStopKey } from './listener-actions.js';
import { openRules } from './rules/rules-open.js';

export const startCommand = (state: AppState): AppState =>
  queue({ ...state, input: { kind: 'command', text: '', historyIndex: -1 } }, { kind: 'list-connections' });

export function filterKey(
  state: AppState,
  line: Extract<InputLine, { kind: 'filter' }>,
  press: KeyPress,
): AppState {
  const id = keyId(press);
  if (id === 'escape') {
    return onDashboard({ ...state, input: undefined }, (dashboard, heights) =>
      withFilterOn(dashboard, line.pane, '', heights),
    );
  }
  if (id === 'enter') return { ...state, input: undefined };
  if (id === 'down' || id === 'up' || id === 'pagedown' || id === 'pageup') {
    const moved = { down: moveDown, up: moveUp, pagedown: pageDown, pageup: pageUp }[id](state);
    return moved;
  }
  const text = edit(line.text, press);
  if (text === undefined || text === line.text) return state;
  return onDashboard({ ...state, input: { ...line, text } }, (dashboard, heights) =>
    withFilterOn(dashboard, line.pane, text, heights),
  );
}

export function commandKey(
  state: AppState,
  line: Extract<InputLine, { kind: 'command' }>,
  press: KeyPress,
): AppState {
  const id = keyId(press);
  if (id === 'escape') return { ...state, input: undefined };
  if (id === 'enter') return runCommand({ ...state, input: undefined }, line.text);
  if (id === 'tab' || id === 'backtab') {
    const cycle = line.cycle ?? {
      typed: line.text,
      options: completions(line.text, state.connections),
      index: -1,
    };
    if (cycle.options.length === 0) return state;
    const step = id === 'tab' ? 1 : -1;
    const index = (cycle.index + step + cycle.options.length) % cycle.options.length;
    return { ...state, input: { ...line, text: cycle.options[index]!, cycle: { ...cycle, index } } };
  }
  if (id === 'up' || id === 'down') {
    const history = state.commandHistory;
    if (history.length === 0) return state;
    const from = line.historyIndex < 0 ? history.length : line.historyIndex;
    const at = Math.max(0, Math.min(history.length, from + (id === 'up' ? -1 : 1)));
    return {
      ...state,
      input: { kind: 'command', text: history[at] ?? '', historyIndex: at >= history.length ? -1 : at },
    };
  }
  const text = edit(line.text, press);
  if (text === undefined) return state;
  return { ...state, input: { kind: 'command', text, historyIndex: -1 } };
}

export function deleteKey(
  state: AppState,
  line: Extract<InputLine, { kind: 'delete' }>,
  press: KeyPress,
): AppState {
  const id = keyId(press);
  if (id === 'escape') return { ...state, input: undefined };
  if (id === 'enter') {
    if (line.text !== String(line.port)) return { ...state, input: { ...line, wrong: true } };
    const leaveDetail = state.view.kind === 'detail' ? closeDetail(state) : state;
    const next: AppState = {
      ...leaveDetail,
      input: undefined,
      dashboard: withDeleting(leaveDetail.dashboard, line.listenerId, true),
    };
    return queue(next, {
      kind: 'delete-listener',
      listenerId: line.listenerId,
      generation: state.session.generation,
    });
  }
  const typed = typedText(press);
  // Only digits make a port; anything else would only hide what is being confirmed.
  if (typed !== undefined && !/^\d+$/.test(typed)) return state;
  const text = edit(line.text, press);
  if (text === undefined || text.length > 5) return state;
  return { ...state, input: { ...line, text, wrong: false } };
}

export function inputKey(state: AppState, line: InputLine, press: KeyPress): AppState {
  switch (line.kind) {
    case 'filter':
      return filterKey(state, line, press);
    case 'command':
      return commandKey(state, line, press);
    case 'delete':
      return deleteKey(state, line, press);
    case 'startstop':
      return startStopKey(state, line, press);
  }
}

export function remember(history: readonly string[], line: string): readonly string[] {
  const trimmed = line.trim();
  if (trimmed === '') return history;
  return [...history.filter((entry) => entry !== trimmed), trimmed].slice(-50);
}

export function runCommand(state: AppState, line: string): AppState {
  const command = parseCommand(line);
  const next = { ...state, commandHistory: remember(state.commandHistory, line) };
  switch (command.kind) {
    case 'empty':
      return state;
    case 'instances':
      return showInstances(next);
    case 'listeners':
      return showListeners(next);
    case 'profiles':
      return openProfiles(next);
    case 'certs':
    case 'ops':
    case 'groups':
      return { ...next, view: { kind: command.kind }, detail: undefined, input: undefined };
    case 'rules':
      return openRules(next);
    case 'ctx':
      if (command.name === undefined) return { ...next, view: { kind: 'connections' }, detail: undefined };
      {
        // A name the store does not know would only drop a working connection: say so and stay.
        // Several (`:ctx prod,staging`, `all`) open together; `name@region` is the profile in another region.
        const unknown = unknownConnectionIn(command.name, state.connections);
        if (unknown !== undefined)
          return flash(next, 'unknownConnection', 'danger', {
            name: unknown.slice(0, 64),
            names: state.connections.join(', '),
          });
        return connect(next, command.name);
      }
    case 'region': {
      if (command.region === undefined) return { ...next, view: { kind: 'regions' }, detail: undefined };
      if (!REGION_ID.test(command.region))
        return flashMessage(
          next,
          connectionsText('regionBad', { value: command.region.slice(0, 40) }),
          'danger',
        );
      const spec = regionSpec(state, [command.region], command.add === true);
      if (spec === undefined) return flashMessage(next, connectionsText('regionNeedsProfile'), 'danger');
      return connect(next, spec);
    }
    case 'lang':
      if (command.lang) {
        return queue({ ...next, lang: command.lang }, { kind: 'save-ui', patch: { language: command.lang } });
      }
      return flash(
        next,
        command.raw === undefined ? 'langUsage' : 'langUnknown',
        command.raw === undefined ? 'accent' : 'danger',
        {
          value: command.raw ?? '',
        },
      );
    case 'help':
      return openHelp(next);
    case 'quit':
      return requestExit(next);
    case 'unknown':
      // The commands listed come from the command table, so a new one cannot be left out.
      return flashMessage(
        next,
        {
          en: t('en', 'unknownColonCommand', {
            command: command.word.slice(0, 40),
            commands: commandNames(', '),
          }),
          'zh-CN': t('zh-CN', 'unknownColonCommand', {
            command: command.word.slice(0, 40),
            commands: commandNames('、'),
          }),
        },
        'danger',
      );
  }
}

/** The first name of a `:ctx` list the store does not know (none when the store gave no names). */
export function unknownConnectionIn(spec: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const names = splitConnectionSpec(spec);
  if (names.length === 1 && names[0] === ALL_CONNECTIONS) return undefined;
  return names.find((name) => !known.includes(parseMemberName(name).profile));
}
