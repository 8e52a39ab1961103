/**
 * The page's first script (a separate entry in index.html, a few hundred bytes): starts the analysis
 * worker while the browser is still fetching and compiling the application's chunks, so that its script
 * loads, compiles and warms up on the other core before the first prediction is asked for.
 * The main entry adopts the same worker through {@link analysisWorkerInstance}.
 */

let worker: Worker | null = null;

/** The analysis worker (the prediction of the live configuration, the solvers), created on first call. */
export function analysisWorkerInstance(): Worker {
  worker ??= new Worker(new URL('./worker/analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'analysis',
  });
  return worker;
}

analysisWorkerInstance();
