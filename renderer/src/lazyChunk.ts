import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A component loaded on demand, and a `preload` that starts fetching its chunk ahead of the first show. */
export interface LazyPart<P> {
  component: LazyExoticComponent<ComponentType<P>>;
  preload: () => Promise<unknown>;
}

/**
 * A component loaded on demand from a module's named export; `preload` starts the same import early
 * (tab hover, idle time). The module is fetched once either way; a failed fetch (offline, a replaced
 * build) is tried again on the next show, while the error boundary around the part reports the failure.
 */
export function lazyNamed<P, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyPart<P> {
  let pending: Promise<Record<K, ComponentType<P>>> | null = null;
  const preload = () => {
    pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
  return { component: lazy(() => preload().then((m) => ({ default: m[name] }))), preload };
}

/** Runs `fn` once the main thread is idle (after `timeoutMs` at the latest). */
export function whenIdle(fn: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(() => fn(), { timeout: timeoutMs });
  else setTimeout(fn, 200);
}
