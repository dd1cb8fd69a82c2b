// Which view fills the body: the dashboard, the listener detail, or the create-listener wizard (more,
// e.g. profiles, later). Views other than these two built-in ones get their keys through a handler
// they register with the root's one input dispatcher.
//
// THE WIZARD CONTRACT (issue 5). The wizard view is `WizardView` from source/ui/wizard/wizard-view.tsx,
// a component taking `WizardViewProps` below. Props the root passes:
//   - client: AlbClient                  the open connection's client (loadTargetContext, createListener …)
//   - store: Store | undefined           drafts (saveDraft/loadDraft/clearDraft) and listener profiles;
//                                        undefined when the store could not be opened
//   - loadBalancerId: string             the instance the listener is created on
//   - loadBalancerName: string           its name, sanitised ('' when unknown)
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
import type { AlbClient } from '../alb/client.js';
import type { Lang, Localized } from '../domain/i18n.js';
import type { Store } from '../store/index.js';
import type { AppState } from './app-state.js';
import type { KeyPress } from './keys.js';
import type { Tone } from './theme.js';
import { DashboardView } from './views/dashboard-view.js';
import { DetailView } from './views/detail-view.js';
import { WizardView } from './wizard/wizard-view.js';

/** A view's key handler: true when it used the key. */
export type ViewKeyHandler = (key: KeyPress) => boolean;

export interface WizardViewProps {
  client: AlbClient;
  store: Store | undefined;
  loadBalancerId: string;
  loadBalancerName: string;
  lang: Lang;
  readOnly: boolean;
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
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
  onCloseView: (result?: { loadBalancerId: string; listenerId?: string }) => void;
  flash: (message: Localized, tone: Tone) => void;
}

export function ViewRouter({
  state,
  now,
  height,
  client,
  store,
  registerKeys,
  onCloseView,
  flash,
}: ViewRouterProps) {
  const view = state.view;
  switch (view.kind) {
    case 'dashboard':
      return <DashboardView state={state} />;
    case 'detail':
      return <DetailView state={state} now={now} />;
    case 'wizard': {
      if (!client) return <DashboardView state={state} />;
      const instance = state.dashboard.data?.instances.find((row) => row.id === view.loadBalancerId);
      return (
        <WizardView
          client={client}
          store={store}
          loadBalancerId={view.loadBalancerId}
          loadBalancerName={instance?.name ?? ''}
          lang={state.lang}
          readOnly={state.session.connection.readOnly === true}
          width={state.terminal.columns}
          height={height}
          registerKeys={registerKeys}
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
  }
}
