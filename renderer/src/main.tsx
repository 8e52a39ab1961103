import './boot'; // first: starts the analysis worker (a separate first script in the built page)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
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
import { restoreSession } from './session/useSession';
import { useStudio } from './store';
import { analysisWorker } from './worker/useAnalysis';
import { afterFirstNumber } from './firstNumber';
import { whenIdle } from './lazyChunk';

declare const __APP_VERSION__: string;

/** How long the first render waits for the saved session (desktop: a file read in the main process). */
const SESSION_WAIT_MS = 1000;
/**
 * How long the first render waits for the first prediction: the worker, started by the page's first
 * script and warmed up while the page loaded, usually answers within a few ms, and then the first frame
 * already shows the number; a slower answer is not waited for (it lands in the frame after it arrives).
 */
const FIRST_RESULT_WAIT_MS = 120;

/** Desktop when the preload exposed its API, the browser host otherwise. */
function pickHost(): Host {
  const api = findPreloadApi();
  return api ? createElectronHost(api) : createBrowserHost(__APP_VERSION__);
}

performance.mark('laudnet:main');
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');

const host = pickHost();
const root = createRoot(rootElement);
let rendered = false;

/**
 * Asks the worker for the prediction of the configuration as it is now (after the session restore) and
 * puts it in the store unless a newer configuration or result came first. After the first render the
 * update is flushed at once, so the number reaches the next frame. useAnalysis asks again on mount (the
 * answer is then warm and identical) and reports a failure.
 */
function primeFirstAnalysis(): Promise<void> {
  const { config, revision } = useStudio.getState();
  const t0 = performance.now();
  return analysisWorker()
    .analyze(config)
    .then(
      (analysis) => {
        const apply = () => {
          const s = useStudio.getState();
          if (s.analysis === null && s.config === config)
            s.setAnalysis(analysis, performance.now() - t0, revision, config);
        };
        if (rendered) flushSync(apply);
        else apply();
      },
      () => undefined,
    );
}

const within = (work: Promise<void>, ms: number) =>
  Promise.race([work, new Promise<void>((resolve) => setTimeout(resolve, ms))]);

function render() {
  rendered = true;
  performance.mark(
    useStudio.getState().analysis ? 'laudnet:render' : 'laudnet:render-without-number',
  );
  root.render(
    <StrictMode>
      <ErrorBoundary area="LAUDNet Studio" fullPage onError={(m) => host.log?.('error', m)}>
        <HostContext.Provider value={host}>
          <App />
        </HostContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

void within(restoreSession(host), SESSION_WAIT_MS)
  .then(() => within(primeFirstAnalysis(), FIRST_RESULT_WAIT_MS))
  .then(render);

// Once the first number is on screen and the page is idle: a mask dump's first open is warmed up (its
// code compiled in the masks worker and here), so opening one from the start screen does not wait for it.
void afterFirstNumber().then(() =>
  whenIdle(() => {
    import('./warmUp/dumpOpen').then((m) => m.warmUpDumpOpen()).catch(() => undefined);
  }),
);
