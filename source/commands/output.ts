// The one way out of a subcommand. runSubcommand wraps stdout and stderr in TerminalOutput, so every
// line any command writes (tables, messages, prompts, errors) passes the dashboard's sanitiser, and
// text from the API or the command line cannot clear the screen, retitle the window or write the
// clipboard. JSON is the exception that needs none: it is written by toSafeJson, which leaves no
// control, bidirectional or invisible format character raw, so it stays exact JSON and harmless.
import { sanitizeForTerminal } from '../domain/text.js';
import type { TextSink } from './context.js';

/**
 * Characters JSON.stringify leaves raw that a terminal acts on or hides: DEL and the C1 controls,
 * the soft hyphen, bidirectional marks, overrides and isolates, zero-width and other format
 * characters, line and paragraph separators, the byte-order mark and the interlinear annotations.
 * Written as `\uXXXX` they read back as the same string.
 */
const JSON_UNSAFE =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * JSON for a terminal or a script: what JSON.stringify writes (it already escapes C0 controls and
 * lone surrogates), with every other character from JSON_UNSAFE escaped too. Still exact: parsing
 * it gives back the same value.
 */
export function toSafeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, unicodeEscape);
}

/** Each line of the text made safe, the line breaks kept. */
export function sanitizeLines(text: string): string {
  if (/^[\x20-\x7e\n]*$/.test(text)) return text;
  return text
    .split('\n')
    .map((line) => sanitizeForTerminal(line))
    .join('\n');
}

/** A stream every write to which is sanitised line by line; JSON goes through writeJson. */
export class TerminalOutput implements TextSink {
  constructor(private readonly raw: TextSink) {}

  write(text: string, done?: (error?: Error | null) => void): unknown {
    return this.raw.write(sanitizeLines(text), done);
  }

  /** Safe by construction (toSafeJson), so written as is: sanitising could alter the data. */
  writeJson(value: unknown, indent: number, done?: (error?: Error | null) => void): unknown {
    return this.raw.write(`${toSafeJson(value, indent)}\n`, done);
  }
}

/** `sink` itself when it already is one (a command run inside another keeps one wrapper). */
export function terminalOutput(sink: TextSink): TerminalOutput {
  return sink instanceof TerminalOutput ? sink : new TerminalOutput(sink);
}

/** Writes a value as JSON (one document, then a line break); resolves once it is handed on. */
export function writeJson(sink: TextSink, value: unknown, indent = 2): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    if (sink instanceof TerminalOutput) sink.writeJson(value, indent, done);
    else sink.write(`${toSafeJson(value, indent)}\n`, done);
  });
}
