import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { createBrowserHost } from './host/browserHost';
import { createElectronHost, findPreloadApi } from './host/electronHost';
import type { Host } from './host/types';
import { HostContext } from './hostContext';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/loading.css';
import { analysisWorker } from './worker/useAnalysis';

declare const __APP_VERSION__: string;

/** Desktop when the preload exposed its API, the browser host otherwise. */
function pickHost(): Host {
  const api = findPreloadApi();
  return api ? createElectronHost(api) : createBrowserHost(__APP_VERSION__);
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');

const host = pickHost();
// Start the analysis worker now: its script loads and compiles while React renders the first screen,
// so the first prediction is not queued behind the render.
analysisWorker();

createRoot(rootElement).render(
  <StrictMode>
    <ErrorBoundary area="LAUDNet Studio" fullPage onError={(m) => host.log?.('error', m)}>
      <HostContext.Provider value={host}>
        <App />
      </HostContext.Provider>
    </ErrorBoundary>
  </StrictMode>,
);
