// The create-listener wizard pane: paints the lines wizard-render.ts lays out, and binds the pane to
// the root's one input dispatcher (view-router.tsx, "THE WIZARD CONTRACT").
import { useEffect, useMemo, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { useTheme } from '../theme.js';
import type { WizardViewProps } from '../view-router.js';
import { wizardText } from './wizard-i18n.js';
import { renderWizard, type Line } from './wizard-render.js';
import { isBusy, type WizardScreen } from './wizard-screen.js';
import { useWizard, type WizardEnvironment } from './use-wizard.js';

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
  const writeTerminal = props.writeTerminal ?? ((bytes: string) => void stdout.write(bytes));
  const { screen, onKey } = useWizard(
    loadBalancerId,
    { client, store, writeTerminal, readOnly, ...props.environment },
    (result) => {
      if (!result.listenerId) return onClose(undefined);
      flash(wizardText('created', { id: result.listenerId }), 'good');
      onClose({ listenerId: result.listenerId });
    },
  );

  useEffect(() => {
    registerKeys(onKey);
    return () => registerKeys(undefined);
  }, [registerKeys, onKey]);

  const busy = spinning(screen);
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setFrame((f) => f + 1), SPINNER_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const knownName = props.loadBalancerName;
  const lines = useMemo(() => {
    const named = knownName && !screen.instanceName ? { ...screen, instanceName: knownName } : screen;
    return renderWizard(named, { lang, width, height, spinner: frame });
  }, [screen, knownName, lang, width, height, frame]);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.map((line, index) => (
        <PaintedLine key={index} line={line} />
      ))}
    </Box>
  );
}

function PaintedLine({ line }: { line: Line }) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((segment, index) => (
        <Text
          key={index}
          {...(segment.tone ? { color: theme.tone(segment.tone) } : {})}
          bold={segment.bold ?? false}
          dimColor={segment.dim ?? false}
          inverse={segment.inverse ?? false}
        >
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}
