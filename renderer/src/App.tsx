import { Suspense, useEffect, useState } from 'react';
import { ControlsPanel } from './controls/ControlsPanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { NetworkStrip } from './views/strip/NetworkStrip';
import { IDLE_PRELOAD, VIEWS, viewsFor } from './views/registry';
import { TransformerStrip } from './transformer/TransformerStrip';
import { useStudio } from './store';
import { DARK_QUERY, resolvedTheme } from './theme';
import { useAnalysis } from './worker/useAnalysis';
import { useSession } from './session/useSession';
import { useShortcuts } from './commands/useShortcuts';
import { useDesktopSync } from './commands/useDesktopSync';
import { Overlays } from './commands/OverlayHost';
import { ViewLoading } from './components/ViewLoading';
import { preloadDialogs } from './components/lazyDialogs';
import { whenIdle } from './lazyChunk';
import { masksWorker } from './worker/masksClient';
import { useFileDrop } from './files/useFileDrop';

/** Keeps <html data-theme> on the resolved theme, following OS changes while the preference is "system". */
function useThemeAttribute() {
  const theme = useStudio((s) => s.theme);
  useEffect(() => {
    const apply = () => {
      document.documentElement.dataset.theme = resolvedTheme(theme);
    };
    apply();
    if (theme !== 'system') return;
    const media = window.matchMedia(DARK_QUERY);
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

/**
 * Once the first prediction is on screen and the main thread is idle, fetches the chunks a user is likely
 * to need next (the 2D views, the masks view, the dialogs), so that opening them does not wait.
 */
function useIdlePreload() {
  useEffect(() => {
    const start = () =>
      whenIdle(() => {
        for (const v of VIEWS)
          if (IDLE_PRELOAD.includes(v.id)) v.preload?.().catch(() => undefined);
        preloadDialogs();
        masksWorker(); // its script compiles off the main thread, ready for the first image or dump
      });
    if (useStudio.getState().analysis) {
      start();
      return;
    }
    const unsubscribe = useStudio.subscribe((s) => {
      if (!s.analysis) return;
      unsubscribe();
      start();
    });
    return unsubscribe;
  }, []);
}

/**
 * False until the first prediction (or its error) is in: until then the view pane shows its loading state
 * and no view chunk is fetched, so the header's first number never waits for chart code to load and
 * compile. The curves the first view draws come after the prediction anyway.
 */
function useFirstResult(): boolean {
  const settled = useStudio((s) => s.analysis !== null || s.status === 'error');
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout>;
    if (settled) {
      // After the frame that paints the number: rAF runs before that paint, the timeout after it.
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => setReady(true), 0);
      });
    } else {
      timer = setTimeout(() => setReady(true), 4000); // never hold a view back long on a slow predictor
    }
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [settled, ready]);
  return ready;
}

export function App() {
  useThemeAttribute();
  useIdlePreload();
  const firstResult = useFirstResult();
  useAnalysis();
  useSession();
  useShortcuts();
  useFileDrop();
  useDesktopSync();
  const activeView = useStudio((s) => s.activeView);
  const transformer = useStudio((s) => s.transformer !== null);
  const views = viewsFor(transformer);
  const view = views.find((v) => v.id === activeView) ?? views[0]!;
  const View = view.component;
  return (
    <div className="app">
      {/* Slots: the header, the view and the status bar are block children of these, not grid or flex
          items, so their containment makes each a relayout boundary (Chromium never lays out a grid or
          flex item on its own): a changed number lays out its own region only. */}
      <div className="region-slot">
        <Header />
      </div>
      <div className="app-body">
        <ErrorBoundary area="Controls">
          {/* The controls and the strip join the frame after the first number: the first frame shows
              the number sooner, and the empty panel keeps its place so nothing moves. */}
          {firstResult ? (
            <ControlsPanel />
          ) : (
            <aside className="sidebar" aria-label="Controls" aria-busy="true" />
          )}
        </ErrorBoundary>
        <main className="main">
          <Notices />
          <div className="tabs" role="tablist" aria-label="Views">
            {views.map((v) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                id={`tab-${v.id}`}
                aria-selected={v.id === activeView}
                aria-controls="view-panel"
                className="tab"
                onClick={() => useStudio.getState().setActiveView(v.id)}
                onPointerEnter={() => void v.preload?.().catch(() => undefined)}
                onFocus={() => void v.preload?.().catch(() => undefined)}
              >
                {v.label}
              </button>
            ))}
          </div>
          <div className="region-slot view-slot">
            <div
              className="view"
              role="tabpanel"
              id="view-panel"
              aria-labelledby={`tab-${view.id}`}
            >
              <ErrorBoundary area={view.label} key={view.id}>
                <Suspense fallback={<ViewLoading label={view.label} />}>
                  {firstResult ? <View /> : <ViewLoading label={view.label} />}
                </Suspense>
              </ErrorBoundary>
            </div>
          </div>
          <div className="strip-dock">
            <ErrorBoundary area="Network strip">
              {!firstResult ? (
                <div className="strip-pending" aria-hidden="true" />
              ) : transformer ? (
                <TransformerStrip />
              ) : (
                <NetworkStrip />
              )}
            </ErrorBoundary>
          </div>
        </main>
      </div>
      <div className="region-slot">
        <StatusBar />
      </div>
      <Overlays />
    </div>
  );
}
