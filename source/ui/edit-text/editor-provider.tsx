// Makes the external editor available to the views (the wizard's "edit as text"). Inside Ink's tree,
// so it can hand the terminal over cleanly: leave the alternate screen and raw mode for the editor,
// then enter them again and have Ink draw its whole last frame anew.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStdin, useStdout } from 'ink';
import { ENTER_ALTERNATE_SCREEN, HIDE_CURSOR, LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR } from '../fullscreen.js';
import { createEditorRunner, type RunEditor } from './external-editor.js';

const EditorContext = createContext<RunEditor | undefined>(undefined);

/** The editor runner, or undefined where none can run (no terminal). */
export function useExternalEditor(): RunEditor | undefined {
  return useContext(EditorContext);
}

export interface ExternalEditorProviderProps {
  children: ReactNode;
  env: Record<string, string | undefined>;
  /** The app is in the alternate screen (a terminal): leave it while the editor runs. */
  alternateScreen: boolean;
  /** A runner to use instead (tests). */
  runner?: RunEditor;
}

export function ExternalEditorProvider({
  children,
  env,
  alternateScreen,
  runner,
}: ExternalEditorProviderProps) {
  const { stdout, write } = useStdout();
  const { stdin } = useStdin();
  const value = useMemo(() => {
    // Ink's readers of stdin, off while the editor runs: the event loop goes on, and a key meant for
    // the editor must not reach the app.
    let readers: ((...args: unknown[]) => void)[] = [];
    return (
      runner ??
      createEditorRunner({
        env,
        handover: {
          suspend() {
            if (alternateScreen) stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
            readers = stdin.listeners('readable') as typeof readers;
            for (const reader of readers) stdin.removeListener('readable', reader);
            if (stdin.isTTY) stdin.setRawMode(false);
          },
          resume() {
            if (stdin.isTTY) stdin.setRawMode(true);
            for (const reader of readers) stdin.addListener('readable', reader);
            readers = [];
            if (alternateScreen) stdout.write(`${ENTER_ALTERNATE_SCREEN}\x1b[2J\x1b[H${HIDE_CURSOR}`);
            // Ink forgets what it drew and draws its last frame whole (writeToStdout restores it).
            write('');
          },
        },
      })
    );
  }, [runner, env, alternateScreen, stdout, stdin, write]);
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}
