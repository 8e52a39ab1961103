import { createElement, lazy, useState, type ComponentType, type FunctionComponent } from 'react';

/** A component loaded on demand, and a `preload` that starts fetching its chunk ahead of the first show. */
export interface LazyPart<P> {
  component: ComponentType<P>;
  preload: () => Promise<unknown>;
}

/**
 * A component loaded on demand from a module's named export; `preload` starts the same import early
 * (tab hover, idle time). The module is fetched once either way; a failed fetch (offline, a replaced
 * build) is tried again on the next show, while the error boundary around the part reports the failure.
 *
 * Once the module is in, the part renders its component directly: a `React.lazy` part suspends on its
 * first show even when its chunk was prefetched, and React then holds the revealed content back (its
 * Suspense throttle, ≈ 300 ms) — the time a dump opened from another tab, or a tab switch, would wait.
 */
export function lazyNamed<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyPart<P> {
  let pending: Promise<Record<K, ComponentType<P>>> | null = null;
  let loaded: ComponentType<P> | null = null;
  const preload = () => {
    pending ??= load().then(
      (m) => {
        loaded = m[name];
        return m;
      },
      (err: unknown) => {
        pending = null;
        throw err;
      },
    );
    return pending;
  };
  const Lazy: ComponentType<P> = lazy<ComponentType<P>>(() =>
    preload().then((m) => ({ default: m[name] })),
  );
  // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount it.
  const Part: FunctionComponent<P> = (props) => {
    const [direct] = useState(() => loaded);
    return createElement(direct ?? Lazy, props);
  };
  Part.displayName = `Lazy(${name})`;
  return { component: Part, preload };
}

/** Runs `fn` once the main thread is idle (after `timeoutMs` at the latest). */
export function whenIdle(fn: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(() => fn(), { timeout: timeoutMs });
  else setTimeout(fn, 200);
}
