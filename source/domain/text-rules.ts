// Parsing of what users type, shared by the wizard (strings) and the API checks.
import { HEADER_ALIAS_LENGTH, NAME_LENGTH } from './limits.js';

/**
 * A decimal integer as a user types it: surrounding blanks ignored, ASCII digits only, no sign, no
 * fraction, no exponent. Returns undefined when the text is not one.
 */
export function parseDecimalInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export type NameProblem = { kind: 'length'; length: number } | { kind: 'character'; character: string };

/** The seed's `^([^\x00-\xff]|[\w.,;/@-]){2,256}$`, counting code points (an emoji is one character). */
export function listenerNameProblem(name: string): NameProblem | undefined {
  const characters = [...name];
  for (const character of characters) {
    if (!isNameCharacter(character)) return { kind: 'character', character };
  }
  if (characters.length < NAME_LENGTH.min || characters.length > NAME_LENGTH.max) {
    return { kind: 'length', length: characters.length };
  }
  return undefined;
}

function isNameCharacter(character: string): boolean {
  return character.codePointAt(0)! > 0xff || /^[A-Za-z0-9_.,;/@-]$/.test(character);
}

/** Custom names for the client-certificate headers: 1–40 of `a–z 0–9 - _`. */
export function headerAliasIsValid(alias: string): boolean {
  return new RegExp(`^[a-z0-9_-]{${HEADER_ALIAS_LENGTH.min},${HEADER_ALIAS_LENGTH.max}}$`).test(alias);
}

/** A character as it can be quoted in a message without reaching the terminal raw. */
export function describeCharacter(character: string): string {
  if (character === ' ') return 'space';
  const code = character.codePointAt(0)!;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x2000 && code <= 0x206f)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${character}"`;
}
