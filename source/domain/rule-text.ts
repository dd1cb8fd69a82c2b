// The text formats of rule fields (hosts, paths, header names, query and cookie pairs, source IPs,
// redirect targets), as the API metadata states them. Pure predicates: each returns the problem or
// undefined, and the caller words the message.
import { both, type Localized } from './i18n.js';

export type TextProblem =
  | { kind: 'length'; length: number; min: number; max: number }
  | { kind: 'character'; character: string; allowed: Localized }
  | { kind: 'format'; rule: Localized };

function length(value: string, min: number, max: number): TextProblem | undefined {
  const n = [...value].length;
  return n < min || n > max ? { kind: 'length', length: n, min, max } : undefined;
}

function firstBad(value: string, ok: (c: string) => boolean): string | undefined {
  return [...value].find((c) => !ok(c));
}

const HOST_CHARS = both('a–z, 0–9, -, . and the wildcards * ?', '小写字母、数字、-、. 及通配符 * ?');

/** A host name: 3–128 of `a–z 0–9 - . * ?`, a dot inside, the last label letters and wildcards only. */
export function hostProblem(value: string): TextProblem | undefined {
  const bad = firstBad(value, (c) => /^[a-z0-9.*?-]$/.test(c));
  if (bad !== undefined)
    return {
      kind: 'character',
      character: bad,
      allowed: /^[A-Z]$/.test(bad)
        ? both(
            'lower-case letters (host names are matched case-insensitively)',
            '小写字母（域名匹配不区分大小写）',
          )
        : HOST_CHARS,
    };
  const tooLong = length(value, 3, 128);
  if (tooLong) return tooLong;
  if (!value.includes('.') || value.startsWith('.') || value.endsWith('.') || value.includes('..'))
    return {
      kind: 'format',
      rule: both(
        'a host name needs a dot inside it (not at the start or end)',
        '域名须包含半角句号（.），且不能以句号开头或结尾',
      ),
    };
  const labels = value.split('.');
  if (!/^[a-z*?]+$/.test(labels[labels.length - 1]!))
    return {
      kind: 'format',
      rule: both(
        'the last label (the top-level domain) takes letters and wildcards only',
        '最右侧的域标签只能包含字母和通配符',
      ),
    };
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-')))
    return {
      kind: 'format',
      rule: both('a label cannot start or end with -', '域标签不能以短划线（-）开头或结尾'),
    };
  return undefined;
}

const PATH_CHARS = both(
  'letters, digits, $ - _ . + / & ~ @ : and the wildcards * ?',
  '字母、数字、$ - _ . + / & ~ @ : 及通配符 * ?',
);
function isPathChar(c: string): boolean {
  return /^[A-Za-z0-9$\-_.+/&~@:*?]$/.test(c);
}

/** A path condition value: 1–128, starts with `/`, letters, digits and `$-_.+/&~@:` with `*` and `?`. */
export function pathProblem(value: string): TextProblem | undefined {
  const tooLong = length(value, 1, 128);
  if (tooLong) return tooLong;
  if (!value.startsWith('/'))
    return { kind: 'format', rule: both('a path starts with /', '路径须以正斜线（/）开头') };
  const bad = firstBad(value, isPathChar);
  return bad === undefined ? undefined : { kind: 'character', character: bad, allowed: PATH_CHARS };
}

const HEADER_KEY_CHARS = both('letters, digits, - and _', '字母、数字、- 和 _');
/** A header name (conditions, inserted and removed headers): 1–40 of `A–Z a–z 0–9 - _`. */
export function headerKeyProblem(value: string): TextProblem | undefined {
  const bad = firstBad(value, (c) => /^[A-Za-z0-9_-]$/.test(c));
  if (bad !== undefined) return { kind: 'character', character: bad, allowed: HEADER_KEY_CHARS };
  return length(value, 1, 40);
}

const PRINTABLE = both('printable ASCII characters', '可打印 ASCII 字符');
/** A header value to match or insert: 1–128 printable ASCII, no blank at either end. */
export function headerValueProblem(value: string): TextProblem | undefined {
  const bad = firstBad(value, (c) => c >= ' ' && c <= '~');
  if (bad !== undefined) return { kind: 'character', character: bad, allowed: PRINTABLE };
  const tooLong = length(value, 1, 128);
  if (tooLong) return tooLong;
  if (value.startsWith(' ') || value.endsWith(' '))
    return { kind: 'format', rule: both('no space at the start or end', '开头和结尾不能为空格') };
  return undefined;
}

/**
 * Query-string and cookie keys and values: visible ASCII, letters in lower case, none of
 * `#[]{}\|<>&` (and `;` for cookies), with `*` and `?` as wildcards.
 */
export function pairTextProblem(
  value: string,
  min: number,
  max: number,
  cookie: boolean,
): TextProblem | undefined {
  const forbidden = cookie ? ';#[]{}\\|<>&' : '#[]{}\\|<>&';
  const allowed = both(
    `visible ASCII characters in lower case, without space and ${forbidden}`,
    `小写字母及可见 ASCII 字符，不能包含空格和 ${forbidden}`,
  );
  const bad = firstBad(value, (c) => c > ' ' && c <= '~' && !forbidden.includes(c) && !/^[A-Z]$/.test(c));
  if (bad !== undefined) return { kind: 'character', character: bad, allowed };
  return length(value, min, max);
}

function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const all = halves.flatMap(groups);
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes('.')) {
      if (!ipv4(g)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/** An IPv4 or IPv6 address, or a CIDR block of one. */
export function isSourceIp(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || address === undefined) return false;
  const v4 = ipv4(address);
  const v6 = !v4 && ipv6(address);
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

/** `*` and `?` in a condition value: each counts towards the edition's wildcard quota. */
export function wildcardCount(value: string): number {
  let n = 0;
  for (const c of value) if (c === '*' || c === '?') n++;
  return n;
}

/**
 * A redirect or rewrite target with variables: `${host}` etc. each at most once, the rest checked
 * by `rest`. `alone` variables (`${host}`, `${port}`, `${protocol}` in their own field) cannot be
 * combined with other text.
 */
export function templateProblem(
  value: string,
  variables: readonly string[],
  rest: (text: string, startsWithVariable: boolean) => TextProblem | undefined,
): TextProblem | undefined {
  const tooLong = length(value, 1, 128);
  if (tooLong) return tooLong;
  let text = value;
  for (const name of variables) {
    const token = '${' + name + '}';
    const first = text.indexOf(token);
    if (first >= 0 && text.indexOf(token, first + 1) >= 0)
      return {
        kind: 'format',
        rule: both(`${token} may appear at most once`, `${token} 最多只能出现一次`),
      };
    text = text.replace(token, '');
  }
  if (text.includes('${'))
    return {
      kind: 'format',
      rule: both(
        `the only variables here are ${variables.map((v) => '${' + v + '}').join(' ')}`,
        `此处只能引用变量 ${variables.map((v) => '${' + v + '}').join(' ')}`,
      ),
    };
  return text === '' ? undefined : rest(text, value.startsWith('${'));
}

/** A redirect/rewrite path: `${path}`, `${host}`, `${protocol}`, `${port}` and path characters. */
export function targetPathProblem(value: string): TextProblem | undefined {
  return templateProblem(value, ['path', 'host', 'protocol', 'port'], (text, startsWithVariable) => {
    if (!startsWithVariable && !text.startsWith('/'))
      return { kind: 'format', rule: both('a path starts with /', '路径须以正斜线（/）开头') };
    const bad = firstBad(text, isPathChar);
    return bad === undefined ? undefined : { kind: 'character', character: bad, allowed: PATH_CHARS };
  });
}

/** A redirect/rewrite query: `${query}`, `${host}`, `${protocol}`, `${port}` and query characters. */
export function targetQueryProblem(value: string): TextProblem | undefined {
  return templateProblem(value, ['query', 'host', 'protocol', 'port'], (text) => {
    const problem = pairTextProblem(text, 1, 128, false);
    return problem?.kind === 'length' ? undefined : problem;
  });
}

/** A CORS origin: `*` alone, or `http(s)://` and a domain or one-level wildcard domain, a port optional. */
export function corsOriginIsValid(value: string): boolean {
  const match = /^https?:\/\/(\*\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]+)(?::(\d{1,5}))?$/i.exec(
    value,
  );
  if (!match) return false;
  const port = match[3];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** A CORS allowed or exposed header: `*`, or 1–32 letters, digits, `-` and `_` not at either end. */
export function corsHeaderIsValid(value: string): boolean {
  return value === '*' || /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,30}[A-Za-z0-9])?$/.test(value);
}

/** Bytes of a string as UTF-8 (the fixed-response body limit is in bytes). */
export function utf8Bytes(value: string): number {
  let n = 0;
  for (const c of value) {
    const code = c.codePointAt(0)!;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}
