// ALB's wildcard patterns (`*` any run of characters, `?` exactly one), compiled once into a matcher.
// No regular expressions: a pattern like `*a*a*a*b` would backtrack exponentially in a RegExp; the
// greedy two-pointer walk below is O(pattern × text) at worst and a plain comparison in the common
// cases. Matchers are plain data (no closures), so compiling thousands of rules allocates little.

export interface GlobMatcher {
  /** `exact`: no wildcard; `ends`: one `*` and no `?` (prefix and suffix); `walk`: anything else. */
  kind: 'exact' | 'ends' | 'walk';
  source: string;
  prefix: string;
  suffix: string;
}

/** `caseInsensitive` matchers expect their text already lower-cased (the caller does it once per request). */
export function compileGlob(pattern: string, caseInsensitive: boolean): GlobMatcher {
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  const star = source.indexOf('*');
  const hasQuestion = source.includes('?');
  if (star < 0 && !hasQuestion) return { kind: 'exact', source, prefix: '', suffix: '' };
  if (!hasQuestion && star === source.lastIndexOf('*'))
    return { kind: 'ends', source, prefix: source.slice(0, star), suffix: source.slice(star + 1) };
  return { kind: 'walk', source, prefix: '', suffix: '' };
}

export function matchGlob(matcher: GlobMatcher, text: string): boolean {
  switch (matcher.kind) {
    case 'exact':
      return text === matcher.source;
    case 'ends':
      return (
        text.length >= matcher.prefix.length + matcher.suffix.length &&
        text.startsWith(matcher.prefix) &&
        text.endsWith(matcher.suffix)
      );
    case 'walk':
      return globMatches(matcher.source, text);
  }
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
