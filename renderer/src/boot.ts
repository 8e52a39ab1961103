/**
 * The analysis worker, started as early as the page allows: the web build's first script (inline in
 * index.html, see vite.renderer.config.mts) creates it before the application's chunks are requested,
 * and this module adopts it; the desktop build runs this module as a separate first script; the dev
 * server runs it as main.tsx's first import. Its script loads, compiles and warms up on the other core
 * while the page loads, so the first prediction is answered at once.
 */

import type { WarmUpMessage } from './session/storageKey';

/** Set by the web build's inline first script (the name is also in vite.renderer.config.mts). */
declare global {
  var __laudnetBootWorkers: { analysis?: Worker } | undefined;
}

let worker: Worker | null = null;

/** The analysis worker (the prediction of the live configuration, the solvers), created on first call. */
export function analysisWorkerInstance(): Worker {
  if (worker) return worker;
  const early = globalThis.__laudnetBootWorkers?.analysis;
  if (early) worker = early;
  else {
    worker = new Worker(new URL('./worker/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'analysis',
    });
    // Where no early script read the saved session (desktop, dev server): the default configuration.
    const warmUp: WarmUpMessage = { laudnetWarmUp: null };
    worker.postMessage(warmUp);
  }
  return worker;
}

analysisWorkerInstance();
