// ALB's wildcard patterns (`*` any run of characters, `?` exactly one), compiled once into a matcher.
// No regular expressions: a pattern like `*a*a*a*b` would backtrack exponentially in a RegExp; the
// greedy two-pointer walk below is O(pattern × text) at worst and a plain comparison in the common
// cases. Matchers are plain data (no closures), so compiling thousands of rules allocates little.

export interface GlobMatcher {
  /** `exact`: no wildcard; `ends`: one `*` and no `?` (prefix and suffix); `walk`: anything else. */
  kind: 'exact' | 'ends' | 'walk';
  source: string;
  /** `ends`: the literal text before and after the `*`. */
  prefix: string;
  suffix: string;
  /** `walk`: where the literal text before the first wildcard ends and after the last begins; the walk is
   * tried only when both ends of the text fit them (compared in place: compiling allocates no slices). */
  head: number;
  tail: number;
  /** The fewest characters a match can have (literals and `?`). */
  minLength: number;
}

/** `caseInsensitive` matchers expect their text already lower-cased (the caller does it once per request). */
export function compileGlob(pattern: string, caseInsensitive: boolean): GlobMatcher {
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const star = source.indexOf('*');
  const hasQuestion = source.includes('?');
  if (star < 0 && !hasQuestion)
    return { kind: 'exact', source, prefix: '', suffix: '', head: 0, tail: 0, minLength: source.length };
  let stars = 0;
  let first = -1;
  let last = -1;
  for (let index = 0; index < source.length; index += 1) {
    const symbol = source.charCodeAt(index);
    if (symbol !== STAR && symbol !== QUESTION) continue;
    if (symbol === STAR) stars += 1;
    if (first < 0) first = index;
    last = index;
  }
  const minLength = source.length - stars;
  if (!hasQuestion && stars === 1)
    return {
      kind: 'ends',
      source,
      prefix: source.slice(0, star),
      suffix: source.slice(star + 1),
      head: 0,
      tail: 0,
      minLength,
    };
  return { kind: 'walk', source, prefix: '', suffix: '', head: first, tail: last + 1, minLength };
}

export function matchGlob(matcher: GlobMatcher, text: string): boolean {
  switch (matcher.kind) {
    case 'exact':
      return text === matcher.source;
    case 'ends':
      return (
        text.length >= matcher.minLength && text.startsWith(matcher.prefix) && text.endsWith(matcher.suffix)
      );
    case 'walk':
      return text.length >= matcher.minLength && endsFit(matcher, text) && globMatches(matcher.source, text);
  }
}

function endsFit({ source, head, tail }: GlobMatcher, text: string): boolean {
  for (let index = 0; index < head; index += 1)
    if (source.charCodeAt(index) !== text.charCodeAt(index)) return false;
  const shift = text.length - source.length;
  for (let index = tail; index < source.length; index += 1)
    if (source.charCodeAt(index) !== text.charCodeAt(index + shift)) return false;
  return true;
}

/** Whether `text` matches `pattern` exactly as given (no case folding). */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let textAtStar = 0;
  while (t < text.length) {
    const symbol = pattern.charCodeAt(p);
    if (p < pattern.length && symbol === QUESTION) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && symbol === STAR) {
      starAt = p;
      textAtStar = t;
      p += 1;
    } else if (p < pattern.length && symbol === text.charCodeAt(t)) {
      p += 1;
      t += 1;
    } else if (starAt >= 0) {
      p = starAt + 1;
      textAtStar += 1;
      t = textAtStar;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p += 1;
  return p === pattern.length;
}

const STAR = 42;
const QUESTION = 63;
