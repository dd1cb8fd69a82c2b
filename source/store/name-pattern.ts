// Listener name patterns of profiles: literal name characters and `{placeholder}`s, expanded for the
// instance a profile is applied to. Listener names cannot contain braces, so no escaping is needed.
import type { Localized } from '../domain/i18n.js';
import type { ListenerProtocol } from '../domain/resources.js';
import { describeCharacter } from '../domain/text-rules.js';
import { storeMessages } from './messages.js';

export const NAME_PLACEHOLDERS = ['protocol', 'port', 'instance', 'instanceName'] as const;
export type NamePlaceholder = (typeof NAME_PLACEHOLDERS)[number];

export const NAME_PATTERN_MAX_LENGTH = 256;

export interface NamePatternValues {
  protocol: ListenerProtocol;
  port: number;
  /** The instance ID, e.g. `alb-7kq2…`. */
  instance: string;
  /** The instance's name; the ID when it has none. */
  instanceName?: string;
}

type Token = { kind: 'text'; text: string } | { kind: 'placeholder'; name: string };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) tokens.push({ kind: 'text', text: pattern.slice(last, m.index) });
    tokens.push({ kind: 'placeholder', name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) tokens.push({ kind: 'text', text: pattern.slice(last) });
  return tokens;
}

function isPlaceholder(name: string): name is NamePlaceholder {
  return (NAME_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Same characters as a listener name (listener-rules.md), checked on the literal parts. */
function isNameCharacter(character: string): boolean {
  return character.codePointAt(0)! > 0xff || /^[A-Za-z0-9_.,;/@-]$/.test(character);
}

/** What is wrong with a pattern, or undefined. An empty pattern means the default name. */
export function namePatternProblem(pattern: string): Localized | undefined {
  if ([...pattern].length > NAME_PATTERN_MAX_LENGTH) {
    return storeMessages.namePatternLength(NAME_PATTERN_MAX_LENGTH);
  }
  for (const token of tokenize(pattern)) {
    if (token.kind === 'placeholder') {
      if (!isPlaceholder(token.name)) return storeMessages.namePatternPlaceholder(`{${token.name}}`);
      continue;
    }
    for (const character of token.text) {
      if (!isNameCharacter(character))
        return storeMessages.namePatternCharacter(describeCharacter(character));
    }
  }
  return undefined;
}

/**
 * The listener name a pattern stands for on one instance: `{protocol}_{port}` → `HTTPS_443`,
 * `web-{instanceName}` → `web-shop`. Unknown placeholders are kept as written (the pattern check
 * refuses them before they are saved). The result is not checked; the wizard checks names.
 */
export function expandNamePattern(pattern: string, values: NamePatternValues): string {
  return tokenize(pattern)
    .map((token) => {
      if (token.kind === 'text') return token.text;
      switch (token.name) {
        case 'protocol':
          return values.protocol;
        case 'port':
          return String(values.port);
        case 'instance':
          return values.instance;
        case 'instanceName':
          return values.instanceName || values.instance;
        default:
          return `{${token.name}}`;
      }
    })
    .join('');
}
