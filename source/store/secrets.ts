// The last line of defence before anything reaches disk: alb-tui never stores a secret. Schemas refuse
// unknown keys; this guard refuses, at write time, any key or value that looks like a credential,
// and any value that contains a secret the process can see in its environment.
import { storeMessages } from './messages.js';
import { StoreError } from './errors.js';

const SECRET_KEY =
  /secret|passw(?:or)?d|access[-_]?key|security[-_]?token|sts[-_]?token|session[-_]?token|private[-_]?key|api[-_]?key|bearer/i;

/** Environment variables whose values are credentials (those @alicloud/credentials reads, and the like). */
const SECRET_ENV = /SECRET|TOKEN|PASSW|ACCESS_KEY|PRIVATE_KEY|API_KEY|CREDENTIAL/i;
/** …except the ones that name a file, a URL or a switch rather than holding the secret itself. */
const NOT_A_SECRET_ENV = /(_FILE|_PATH|_URI|_URL|_DISABLED|_ENABLED|_ARN|_SESSION_NAME|_REGION)$/i;
const MIN_SECRET_LENGTH = 8;

const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /LTAI[0-9A-Za-z]{12,30}/, // an Alibaba Cloud AccessKey ID
  /\bSTS\.[0-9A-Za-z]{16,}/, // an STS AccessKey ID
  /\bCAIS[0-9A-Za-z+/=]{40,}/, // an STS security token
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /:\/\/[^/\s:@"]+:[^/\s@"]+@/, // a password in a URL (anchored on `://`, so it scans fast)
];

/** A key a credential would be stored under, e.g. `accessKeySecret`, `securityToken`. */
export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** The values of credential-bearing environment variables, to make sure none is ever written. */
export function secretsInEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if (SECRET_ENV.test(name) && !NOT_A_SECRET_ENV.test(name)) out.add(value);
  }
  return [...out];
}

/** Whether a single string value has the shape of a credential. */
export function looksLikeSecretValue(value: string): boolean {
  return SECRET_VALUE_PATTERNS.some((re) => re.test(value));
}

/**
 * A stricter test for short fields that only ever hold names (connection names, regions, profile
 * and role names): an AccessKey secret is 30 letters and digits, which no such name looks like.
 */
export function looksLikeBareSecret(value: string): boolean {
  return /^[A-Za-z0-9]{30}$/.test(value) && /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
}

/**
 * Throws when `value` (about to be written to `file`) has a key or value that looks like a secret or
 * contains one of `knownSecrets`. The error names the path, never the value.
 */
export function assertNoSecrets(value: unknown, knownSecrets: readonly string[], file: string): void {
  assertNoSecretsInText(JSON.stringify(value) ?? '', value, knownSecrets, file);
}

/**
 * The same, given `text`, the JSON of `value` (as it will be written): one fast pass over the text,
 * and the precise walk only when something in it matches.
 */
export function assertNoSecretsInText(
  text: string,
  value: unknown,
  knownSecrets: readonly string[],
  file: string,
): void {
  const escaped = knownSecrets.map((secret) => JSON.stringify(secret).slice(1, -1));
  const suspicious =
    SECRET_KEY.test(text) ||
    SECRET_VALUE_PATTERNS.some((re) => re.test(text)) ||
    escaped.some((secret) => text.includes(secret));
  if (!suspicious) return;
  const containsKnown = (s: string) => knownSecrets.some((secret) => s.includes(secret));
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (looksLikeSecretValue(node) || containsKnown(node)) {
        throw new StoreError('secret', storeMessages.secretRefused(path || file));
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (containsKnown(key)) throw new StoreError('secret', storeMessages.secretRefused(path || file));
        const childPath = path ? `${path}.${key}` : key;
        if (looksLikeSecretKey(key)) throw new StoreError('secret', storeMessages.secretRefused(childPath));
        walk(child, childPath);
      }
    }
  };
  walk(value, '');
  // Matched the text but no single value or key: e.g. a secret split across fields. Refuse anyway.
  if (escaped.some((secret) => text.includes(secret)))
    throw new StoreError('secret', storeMessages.secretRefused(file));
}
