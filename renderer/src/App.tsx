import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ControlsPanel } from './controls/ControlsPanel';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { Notices } from './components/Notices';
import { StatusBar } from './components/StatusBar';
import { NetworkStrip } from './views/strip/NetworkStrip';
import { viewsFor } from './views/registry';
import { TransformerStrip } from './transformer/TransformerStrip';
import { useStudio } from './store';
import { DARK_QUERY, resolvedTheme } from './theme';
import { useAnalysis } from './worker/useAnalysis';
import { useSession } from './session/useSession';
import { useShortcuts } from './commands/useShortcuts';
import { useDesktopSync } from './commands/useDesktopSync';
import { Overlays } from './commands/Overlays';
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

export function App() {
  useThemeAttribute();
  useAnalysis();
  useSession();
  useShortcuts();
  useFileDrop();
  useDesktopSync();
  const { activeView, analysisRevision } = useStudio(
    useShallow((s) => ({ activeView: s.activeView, analysisRevision: s.analysisRevision })),
  );
  const transformer = useStudio((s) => s.transformer !== null);
  const views = viewsFor(transformer);
  const view = views.find((v) => v.id === activeView) ?? views[0]!;
  const View = view.component;
  return (
    // data-rendered-revision: every view on screen has rendered the analysis of this configuration revision
    // (one store state, one React commit); the slider benchmark waits for it.
    <div className="app" data-rendered-revision={analysisRevision}>
      <Header />
      <div className="app-body">
        <ErrorBoundary area="Controls">
          <ControlsPanel />
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
              >
                {v.label}
              </button>
            ))}
          </div>
          <div className="view" role="tabpanel" id="view-panel" aria-labelledby={`tab-${view.id}`}>
            <ErrorBoundary area={view.label} key={view.id}>
              <View />
            </ErrorBoundary>
          </div>
          <div className="strip-dock">
            <ErrorBoundary area="Network strip">
              {transformer ? <TransformerStrip /> : <NetworkStrip />}
            </ErrorBoundary>
          </div>
        </main>
      </div>
      <StatusBar />
      <Overlays />
    </div>
  );
}
