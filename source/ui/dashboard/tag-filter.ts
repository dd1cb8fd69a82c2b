// Filter terms on tags: `tag:env=prod` keeps rows tagged env=prod exactly, `tag:env` rows with an
// `env` tag of any value. Keys and values are compared in the filter's form (case and width folded).
import type { Tag } from '../../domain/resources.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { searchForm } from './search-form.js';

const PREFIX = 'tag:';

// Most rows have no tags: they share one empty list instead of holding one each.
const NO_TAGS: readonly string[] = Object.freeze([]);

/** A row's tags as shown (`key=value`, sanitised for the terminal). */
export function tagEntries(tags: readonly Tag[] | undefined): readonly string[] {
  if (!tags || tags.length === 0) return NO_TAGS;
  return tags.map((tag) => `${sanitizeForTerminal(tag.key)}=${sanitizeForTerminal(tag.value)}`);
}

/** What a `tag:` term asks for: a key, and the value when the term has `=`. */
export interface TagTerm {
  readonly key: string;
  readonly value?: string;
}

/** The tag term `term` (already in search form) stands for; undefined when it is not one (plain text). */
export function parseTagTerm(term: string): TagTerm | undefined {
  if (!term.startsWith(PREFIX) || term.length === PREFIX.length) return undefined;
  const wanted = term.slice(PREFIX.length);
  const eq = wanted.indexOf('=');
  return eq < 0 ? { key: wanted } : { key: wanted.slice(0, eq), value: wanted.slice(eq + 1) };
}

/**
 * Whether `term` (already in search form) holds for a row with these tag entries; undefined when the
 * term is not a tag term, so the caller matches it as text.
 */
export function tagTermMatches(term: string, entries: readonly string[] | undefined): boolean | undefined {
  const tag = parseTagTerm(term);
  return tag && tagMatches(tag, entries);
}

/** Whether a row with these tag entries has the tag `tag` asks for. */
export function tagMatches({ key, value }: TagTerm, entries: readonly string[] | undefined): boolean {
  if (!entries || entries.length === 0) return false;
  return entries.some((entry) => {
    const form = searchForm(entry);
    const at = form.indexOf('=');
    return form.slice(0, at) === key && (value === undefined || form.slice(at + 1) === value);
  });
}
