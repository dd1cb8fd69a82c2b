// Loads the views of `lazy-view-set.ts` once, on demand or ahead of time (`preloadViews`).
import { useEffect, useState } from 'react';
import type * as LazyViewSet from './lazy-view-set.js';

export type LazyViews = typeof LazyViewSet;

let loaded: LazyViews | undefined;
let loading: Promise<LazyViews> | undefined;

/** Starts loading the views (once); resolves when they can be drawn. */
export function preloadViews(): Promise<LazyViews> {
  loading ??= import('./lazy-view-set.js').then((views) => {
    loaded = views;
    return views;
  });
  return loading;
}

/** True once the views can be drawn without waiting. */
export function viewsLoaded(): boolean {
  return loaded !== undefined;
}

/** The views once loaded; until then undefined, and the caller draws again when they are. */
export function useLazyViews(needed: boolean): LazyViews | undefined {
  const [views, setViews] = useState(loaded);
  useEffect(() => {
    if (views || !needed) return;
    let current = true;
    void preloadViews().then((ready) => {
      if (current) setViews(ready);
    });
    return () => {
      current = false;
    };
  }, [views, needed]);
  return views ?? loaded;
}
