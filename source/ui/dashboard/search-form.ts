// The form text takes for the filters (the dashboard's, the rules pane's): one module of its own, so
// the row builders and the tag filter both use it without importing each other.

/**
 * The form the filter compares: compatibility-normalised (full-width digits and letters become
 * ASCII, so `４４３` finds 443) and lower-cased.
 */
export function searchForm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
