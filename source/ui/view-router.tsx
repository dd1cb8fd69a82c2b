// Which view fills the body: the dashboard, the listener detail, the create-listener wizard, the
// profiles view, the apply-to-many view or the `:ctx` picker. Views other than the first two hold
// their own state and get their keys through a handler they register with the root's one input
// dispatcher (the contract below is the wizard's; the others follow it).
//
// THE WIZARD CONTRACT (issue 5). The wizard view is `WizardView` from source/ui/wizard/wizard-view.tsx,
// a component taking `WizardViewProps` below. Props the root passes:
//   - client: AlbClient                  the open connection's client (loadTargetContext, createListener …)
//   - store: Store | undefined           drafts (saveDraft/loadDraft/clearDraft) and listener profiles;
//                                        undefined when the store could not be opened
//   - loadBalancerId: string             the instance the listener is created on
//   - loadBalancerName: string           its name, sanitised ('' when unknown)
//   - profileName?: string               start from this listener profile (hints resolved, or flagged)
//   - lang: Lang                         follows `:lang`
//   - readOnly: boolean                  the connection is read-only: do not submit
//   - width, height: number              the body's size in cells (the frame's header, status line and
//                                        key-hint line are outside it)
//   - registerKeys(handler | undefined)  register the view's key handler on mount, unregister (undefined)
//                                        on unmount. The root calls it for every key press except Ctrl-C
//                                        (always quits; drafts are saved as typed), and only when neither
//                                        help nor the `:` line is open. Return true when the key was
//                                        used: the root then does nothing more with it. Return true for
//                                        every printable key while a text field has focus (ink-text-input
//                                        handles them itself), so the root's own keys (`?`, `:`, `q`) do
//                                        not fire. Keys returned false fall to the root: Esc closes the
//                                        view, `?` opens help.
//   - onClose(result?)                   leave the wizard: `onClose()` goes back to the dashboard;
//                                        `onClose({ listenerId })` after a create goes back to the
//                                        listeners with that listener selected (the list is refreshed).
//   - flash(message, tone)               show a message on the status line (Localized, Tone).
import { connectionsText } from './connections/connections-i18n.js';
import { changeTargets, regionSpec, targetConnection, targetOfResource } from './connections/targets.js';
import type { ChangeTarget } from './connections/change-target.js';
import { Text } from 'ink';
import type { AlbClient } from '../alb/client.js';
import type { Lang, Localized } from '../domain/i18n.js';
import type { ImpactListener } from '../domain/listener-impact.js';
import type { Store } from '../store/index.js';
import { knownListeners } from './listener-actions.js';
import {
  instanceRef,
  markedInstances,
  markedListeners,
  targetInstance,
  type AppState,
  type View,
} from './app-state.js';
import { isProduction } from './connection.js';
import { t } from './i18n.js';
import { useLazyViews } from './lazy-views.js';
import type { OpsLog } from './ops/ops-log.js';
import type { ViewKeyHandler } from './view-keys.js';
import type { ViewFrameProps } from './view-props.js';
import type { Tone } from './theme.js';
import { DashboardView } from './views/dashboard-view.js';
import { DetailView } from './views/detail-view.js';
import { rulesViewInputs } from './rules/rules-inputs.js';

export interface WizardViewProps {
  client: AlbClient;
  store: Store | undefined;
  loadBalancerId: string;
  loadBalancerName: string;
  profileName?: string;
  lang: Lang;
  readOnly: boolean;
  /** The connection is the in-process local ALB: exports name a standalone one (it ends with the app). */
  localAlb?: boolean;
  /** A production connection: submitting asks for a typed confirmation. */
  production?: boolean;
  /** Edit this listener (of `loadBalancerId`) instead of creating one. */
  editListenerId?: string;
  /** As text: the listener as YAML in $VISUAL / $EDITOR first. */
  editAsText?: boolean;
  /** The connection the change goes to, named on the review. */
  target?: readonly ChangeTarget[];
  /** The listeners the app knows, for what depends on the one being edited. */
  siblings?: readonly ImpactListener[];
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  onClose: (result?: { listenerId?: string }) => void;
  flash: (message: Localized, tone: Tone) => void;
}

export interface ViewRouterProps {
  state: AppState;
  now: number;
  height: number;
  client: AlbClient | undefined;
  store: Store | undefined;
  /** The store is still opening (undefined above means "not yet", not "failed"). */
  storePending: boolean;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  onCloseView: (result?: { loadBalancerId: string; listenerId?: string }) => void;
  openView: (view: View) => void;
  switchConnection: (name: string) => void;
  flash: (message: Localized, tone: Tone) => void;
  /** The instances marked for apply-to-many (or the listeners `ids`) have been applied to: unmark them. */
  clearMarks?: (ids?: readonly string[]) => void;
  /** Every change this session made (`:ops`); the recording client fills it. */
  opsLog?: OpsLog;
  /** Puts text on the clipboard (OSC 52) and says what was copied. */
  copy?: (text: string, what?: string) => void;
}

export function ViewRouter({
  state,
  now,
  height,
  client,
  store,
  storePending,
  registerKeys,
  onCloseView,
  openView,
  switchConnection,
  flash,
  clearMarks,
  opsLog,
  copy,
}: ViewRouterProps) {
  const view = state.view;
  // With several connections open, the views act on the connection of the row they were opened from.
  const target = targetConnection(state);
  const readOnly = target.readOnly === true;
  const production = isProduction(target);
  const views = useLazyViews(view.kind !== 'dashboard' && view.kind !== 'detail');
  if (view.kind === 'dashboard') return <DashboardView state={state} />;
  if (view.kind === 'detail') return <DetailView state={state} now={now} />;
  // Drawn for the few milliseconds it takes when a view is opened before the views were preloaded.
  if (!views) return <Text dimColor>{t(state.lang, 'openingView')}</Text>;
  // What every view is drawn with, and what each view that changes the account refuses or asks by.
  const frame: ViewFrameProps = { lang: state.lang, width: state.terminal.columns, height, registerKeys };
  const access = { readOnly, production };
  const {
    WizardView,
    ProfilesView,
    ApplyView,
    UpdateView,
    ConnectionsView,
    RegionsView,
    OpsView,
    CertsView,
    ListenerCertsView,
    RuleFormView,
    RulesView,
    GroupsView,
  } = views;
  switch (view.kind) {
    case 'wizard': {
      if (!client) return <DashboardView state={state} />;
      const instance = state.dashboard.data?.instances.find((row) => row.id === view.loadBalancerId);
      return (
        <WizardView
          client={client}
          store={store}
          loadBalancerId={view.loadBalancerId}
          loadBalancerName={instance?.name ?? ''}
          {...(view.profileName === undefined ? {} : { profileName: view.profileName })}
          {...(view.editListenerId === undefined
            ? {}
            : {
                editListenerId: view.editListenerId,
                siblings: knownListeners(state),
                ...(view.editAsText ? { editAsText: true } : {}),
              })}
          {...access}
          target={changeTargets(state, [view.loadBalancerId])}
          localAlb={state.session.connection.kind === 'local'}
          {...frame}
          onClose={(result) =>
            onCloseView(
              result?.listenerId
                ? { loadBalancerId: view.loadBalancerId, listenerId: result.listenerId }
                : undefined,
            )
          }
          flash={flash}
        />
      );
    }
    case 'profiles': {
      const target = targetInstance(state);
      return (
        <ProfilesView
          store={store}
          storePending={storePending}
          {...frame}
          target={target === undefined ? undefined : instanceRef(state, target)}
          marked={markedInstances(state)}
          markedListeners={markedListeners(state)}
          onNewListener={(profileName, instance) =>
            openView({ kind: 'wizard', loadBalancerId: instance.id, profileName })
          }
          onApply={(profileName, instances) => openView({ kind: 'apply', profileName, instances })}
          onApplyUpdate={(profileName, listeners) =>
            openView({ kind: 'apply-update', profileName, listeners })
          }
        />
      );
    }
    case 'apply':
      if (!client) return <DashboardView state={state} />;
      return (
        <ApplyView
          client={client}
          store={store}
          profileName={view.profileName}
          instances={view.instances}
          {...access}
          target={changeTargets(
            state,
            view.instances.map((instance) => instance.id),
          )}
          {...frame}
          onClose={(select, how) => {
            if (how?.applied) clearMarks?.();
            if (how?.to === 'profiles') openView({ kind: 'profiles' });
            else onCloseView(select);
          }}
        />
      );
    case 'apply-update':
      if (!client) return <DashboardView state={state} />;
      return (
        <UpdateView
          client={client}
          store={store}
          profileName={view.profileName}
          listeners={view.listeners}
          {...access}
          target={changeTargets(
            state,
            view.listeners.map((listener) => listener.id),
          )}
          {...frame}
          onClose={(select, how) => {
            if (how?.applied) clearMarks?.(view.listeners.map((listener) => listener.id));
            if (how?.to === 'profiles') openView({ kind: 'profiles' });
            else onCloseView(select);
          }}
        />
      );
    case 'certs':
      if (!client) return <DashboardView state={state} />;
      return (
        <CertsView
          client={client}
          {...access}
          target={changeTargets(state)}
          {...frame}
          copy={(text) => copy?.(text)}
        />
      );
    case 'listener-certs':
      if (!client) return <DashboardView state={state} />;
      return (
        <ListenerCertsView
          client={client}
          listenerId={view.listenerId}
          port={view.port}
          {...access}
          target={changeTargets(state, [view.listenerId])}
          {...frame}
        />
      );
    case 'rules': {
      if (!client) return <DashboardView state={state} />;
      const rulesOf = rulesViewInputs(state, view.listenerId, view.loadBalancerId);
      return (
        <RulesView
          key={view.listenerId}
          client={client}
          {...rulesOf}
          {...access}
          target={changeTargets(state, [view.listenerId])}
          targetOfListener={(id) => targetOfResource(state, id)}
          {...frame}
          onOpenForm={(params) =>
            openView({ kind: 'rule-form', loadBalancerId: view.loadBalancerId, ...params })
          }
          copy={(text) => copy?.(text)}
        />
      );
    }
    case 'rule-form': {
      if (!client) return <DashboardView state={state} />;
      return (
        <RuleFormView
          key={`${view.listenerId}/${view.ruleId ?? 'new'}`}
          client={client}
          store={store}
          listenerId={view.listenerId}
          {...(view.ruleId ? { ruleId: view.ruleId } : {})}
          {...(view.asText ? { asText: true } : {})}
          {...access}
          target={changeTargets(state, [view.listenerId])}
          {...frame}
          // Back to the listener's rules, read again (a rule made or changed shows there).
          onClose={() =>
            openView({
              kind: 'rules',
              listenerId: view.listenerId,
              loadBalancerId: view.loadBalancerId,
              from: 'dashboard',
            })
          }
          flash={flash}
        />
      );
    }
    case 'ops':
      if (!opsLog) return <DashboardView state={state} />;
      return <OpsView log={opsLog} {...frame} copy={(text, what) => copy?.(text, what)} />;
    case 'groups':
      if (!client) return <DashboardView state={state} />;
      return (
        <GroupsView
          client={client}
          listeners={(state.dashboard.data?.listeners ?? []).map((row) => ({
            id: row.id,
            protocol: row.protocol,
            port: row.port,
            serverGroupIds: row.serverGroupIds,
          }))}
          {...access}
          target={changeTargets(state)}
          {...frame}
          copy={(text) => copy?.(text)}
        />
      );
    case 'connections':
      return (
        <ConnectionsView
          store={store}
          current={state.session.name ?? state.session.connection.profile}
          {...frame}
          onSwitch={switchConnection}
        />
      );
    case 'regions': {
      const open = new Set(
        (state.session.connection.members?.map((member) => member.connection) ?? [state.session.connection])
          .filter((connection) => connection.profile === target.profile)
          .map((connection) => connection.region),
      );
      return (
        <RegionsView
          client={client}
          open={open}
          name={target.profile}
          {...frame}
          onChoose={(regions, add) => {
            const spec = regionSpec(state, regions, add);
            if (spec === undefined) flash(connectionsText('regionNeedsProfile'), 'danger');
            else switchConnection(spec);
          }}
        />
      );
    }
  }
}
