// Errors as the UI keeps them in state: a kind to choose the advice by and a message in both
// languages. Built from whatever a call threw, so state stays plain data.
import { isAlbError, type AlbErrorKind } from '../alb/errors.js';
import type { Localized } from '../domain/i18n.js';
import { sanitizeForTerminal } from '../domain/text.js';

export interface ErrorInfo {
  /** The ALB client's kind; `connection` when the connection itself could not be opened. */
  kind: AlbErrorKind | 'connection';
  message: Localized;
}

function safe(message: Localized): Localized {
  return { en: sanitizeForTerminal(message.en), 'zh-CN': sanitizeForTerminal(message['zh-CN']) };
}

function hasLocalized(error: unknown): error is { localized: Localized } {
  const localizedMessage = (error as { localized?: Partial<Localized> } | null)?.localized;
  return typeof localizedMessage?.en === 'string' && typeof localizedMessage['zh-CN'] === 'string';
}

export function errorInfo(error: unknown): ErrorInfo {
  if (isAlbError(error)) return { kind: error.kind, message: safe(error.message) };
  // The CLI's ConnectionError and the store's StoreError carry their message in both languages (the UI
  // does not import the CLI, so it goes by shape and name).
  if (hasLocalized(error)) {
    const kind = (error as { name?: unknown }).name === 'ConnectionError' ? 'connection' : 'unknown';
    return { kind, message: safe(error.localized) };
  }
  const text = sanitizeForTerminal(error instanceof Error ? error.message : String(error));
  return { kind: 'unknown', message: { en: text, 'zh-CN': text } };
}
