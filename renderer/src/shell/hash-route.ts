/**
 * Hash routes: `#/<view>?layer=...&variant=...`, so a view and its selection can be linked (reports
 * and the README link into them) and Back/Forward work. The selection slice is written into the hash
 * and read back from it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useSelectionStore } from '../store/selection-store';

export interface Route {
  view: string;
  params: URLSearchParams;
}

const knownViews = new Set<string>();

/** The view table (views.tsx) says which views exist, so a view can link to another only if it is there. */
export function registerViews(ids: string[]): void {
  for (const id of ids) knownViews.add(id);
}

export function isKnownView(id: string): boolean {
  return knownViews.has(id);
}

export function parseHash(hash: string): Route {
  const [view = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { view: view || 'home', params: new URLSearchParams(query) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseHash(hash);
}

export function hrefOf(view: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
}

export function navigate(view: string, params: Record<string, string | null | undefined> = {}): void {
  location.hash = hrefOf(view, params);
}

/** Keeps the selection slice and the hash in step (both ways). */
export function useSelectionInHash(): void {
  const route = useRoute();
  const layer = route.params.get('layer');
  const variant = route.params.get('variant');
  useEffect(() => {
    const state = useSelectionStore.getState();
    if (layer !== state.layer || variant !== state.variant) state.select({ layer, variant });
  }, [layer, variant]);
  useEffect(
    () =>
      useSelectionStore.subscribe((state) => {
        const current = parseHash(location.hash);
        if (current.params.get('layer') === state.layer && current.params.get('variant') === state.variant)
          return;
        const params = Object.fromEntries(current.params.entries());
        history.replaceState(
          null,
          '',
          hrefOf(current.view, { ...params, layer: state.layer, variant: state.variant }),
        );
      }),
    [],
  );
}
