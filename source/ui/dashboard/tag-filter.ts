// Filter terms on tags: `tag:env=prod` keeps rows tagged env=prod exactly, `tag:env` rows with an
// `env` tag of any value. Keys and values are compared in the filter's form (case and width folded).
import type { Tag } from '../../domain/resources.js';
import { sanitizeForTerminal } from '../../domain/text.js';
import { searchForm } from './rows.js';

const PREFIX = 'tag:';

/** A row's tags as shown (`key=value`, sanitised for the terminal). */
export function tagEntries(tags: readonly Tag[] | undefined): readonly string[] {
  return (tags ?? []).map((tag) => `${sanitizeForTerminal(tag.key)}=${sanitizeForTerminal(tag.value)}`);
}

/**
 * Whether `term` (already in search form) holds for a row with these tag entries; undefined when the
 * term is not a tag term, so the caller matches it as text.
 */
export function tagTermMatches(term: string, entries: readonly string[] | undefined): boolean | undefined {
  if (!term.startsWith(PREFIX) || term.length === PREFIX.length) return undefined;
  const wanted = term.slice(PREFIX.length);
  const eq = wanted.indexOf('=');
  const key = eq < 0 ? wanted : wanted.slice(0, eq);
  const value = eq < 0 ? undefined : wanted.slice(eq + 1);
  return (entries ?? []).some((entry) => {
    const form = searchForm(entry);
    const at = form.indexOf('=');
    return form.slice(0, at) === key && (value === undefined || form.slice(at + 1) === value);
  });
}
