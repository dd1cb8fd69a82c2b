// The create-listener wizard pane: paints the lines wizard-render.ts lays out, and binds the pane to
// the root's one input dispatcher (view-router.tsx, "THE WIZARD CONTRACT").
import { useEffect, useMemo, useState } from 'react';
import { useStdout } from 'ink';
import { STANDALONE_LOCAL_ALB_ENDPOINT } from '../../domain/exporters.js';
import { PaintedLines } from '../components/painted-lines.js';
import type { WizardViewProps } from '../view-router.js';
import { useExternalEditor } from '../edit-text/editor-provider.js';
import { listenerStatusWord } from '../dashboard/rows.js';
import { editText } from './edit-i18n.js';
import { wizardText } from './wizard-i18n.js';
import { renderWizard } from './wizard-render.js';
import { isBusy, type WizardScreen } from './wizard-screen.js';
import { useWizard, type WizardEnvironment } from './use-wizard.js';
import { useViewKeys } from '../view-keys.js';

/** Test and tooling hooks beyond the root's contract. */
export interface WizardViewExtras {
  /** Writes raw bytes to the terminal; stdout unless given. */
  writeTerminal?: (bytes: string) => void;
  environment?: Partial<Omit<WizardEnvironment, 'client' | 'store'>>;
}

const SPINNER_MS = 100;

function spinning(screen: WizardScreen): boolean {
  return screen.load.status === 'loading' || isBusy(screen) || screen.wizard.precheck.status === 'running';
}

export function WizardView(props: WizardViewProps & WizardViewExtras) {
  const { client, store, loadBalancerId, lang, readOnly, width, height, registerKeys, onClose, flash } =
    props;
  const { stdout } = useStdout();
  const runEditor = useExternalEditor();
  const writeTerminal = props.writeTerminal ?? ((bytes: string) => void stdout.write(bytes));
  const { screen, onKey } = useWizard(
    loadBalancerId,
    {
      client,
      store,
      writeTerminal,
      readOnly,
      ...(props.production ? { production: true } : {}),
      ...(props.profileName === undefined ? {} : { profileName: props.profileName }),
      ...(props.editListenerId === undefined
        ? {}
        : {
            editListenerId: props.editListenerId,
            ...(props.siblings ? { siblings: props.siblings } : {}),
            ...(props.editAsText ? { editAsText: true } : {}),
          }),
      ...(runEditor ? { runEditor } : {}),
      lang,
      // The in-process local ALB ends with the app: exports name the standalone one.
      ...(props.localAlb ? { exportEndpoint: STANDALONE_LOCAL_ALB_ENDPOINT } : {}),
      ...props.environment,
    },
    (result) => {
      if (!result.listenerId) {
        if (result.message) flash(result.message.message, result.message.tone);
        return onClose(undefined);
      }
      // Made, and more to say (its profile's rules): that says it all.
      if (result.message) {
        flash(result.message.message, result.message.tone);
        return onClose({ listenerId: result.listenerId });
      }
      flash(
        result.edited
          ? editText('updated', {
              id: result.listenerId,
              status: {
                en: listenerStatusWord(result.status === 'Stopped' ? 'Stopped' : 'Running', 'en'),
                'zh-CN': listenerStatusWord(result.status === 'Stopped' ? 'Stopped' : 'Running', 'zh-CN'),
              },
            })
          : wizardText('created', { id: result.listenerId }),
        'good',
      );
      onClose({ listenerId: result.listenerId });
    },
  );

  useViewKeys(registerKeys, onKey);

  const busy = spinning(screen);
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setFrame((f) => f + 1), SPINNER_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const knownName = props.loadBalancerName;
  const target = props.target;
  const lines = useMemo(() => {
    const named = knownName && !screen.instanceName ? { ...screen, instanceName: knownName } : screen;
    return renderWizard(named, { lang, width, height, spinner: frame, ...(target ? { target } : {}) });
  }, [screen, knownName, lang, width, height, frame, target]);
  return <PaintedLines lines={lines} width={width} height={height} />;
}
