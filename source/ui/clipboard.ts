// Copying to the user's clipboard with OSC 52, which terminals (and tmux with set-clipboard on) carry
// over SSH. The text copied is always an ID we already show; it is sanitised all the same so nothing
// but the sequence itself reaches the terminal.
import { sanitizeForTerminal } from '../domain/text.js';

/** `ESC ] 52 ; c ; <base64> BEL`: put `text` on the clipboard. */
export function osc52(text: string): string {
  const payload = Buffer.from(sanitizeForTerminal(text), 'utf8').toString('base64');
  return `\x1b]52;c;${payload}\x07`;
}
