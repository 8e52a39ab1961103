/// <reference lib="webworker" />
import { expose } from 'comlink';
import { defaultConfig } from '../../../core/config/defaults';
import type { StudioConfig } from '../../../core/config/schema';
import {
  autoGranularity,
  ratesForFlopsTarget,
  ratesForLatencyBudget,
  type RateStrategy,
} from '../../../core/solvers';
import { parseSession } from '../session/sessionFile';
import { isWarmUpMessage } from '../session/storageKey';
import { analyze, hardwareRows } from './analysis';
import { curves } from './curves';
import type { GranularityChoice } from './types';

/** The analysis worker's API (called through comlink from useAnalysis). */
const api = {
  analyze: (config: StudioConfig) => analyze(config),
  curves: (config: StudioConfig, scope: 'stage' | 'network', stage: number) =>
    curves(config, scope, stage),
  hardwareRows: (config: StudioConfig) => hardwareRows(config),
  fitFlops: (config: StudioConfig, target: number, strategy: RateStrategy) =>
    ratesForFlopsTarget(config, target, strategy),
  fitBudget: (config: StudioConfig, budgetMsPerImage: number) =>
    ratesForLatencyBudget(config, budgetMsPerImage),
  chooseGranularity: (config: StudioConfig): GranularityChoice => autoGranularity(config),
};

export type AnalysisWorkerApi = typeof api;

expose(api);

/**
 * The configuration the page will ask for first: the saved session's, read by the page's first script
 * (the text it posted, parsed here off the main thread), or the default configuration.
 */
function firstConfig(sessionText: string | null): StudioConfig {
  if (sessionText) {
    const parsed = parseSession(sessionText);
    if (parsed.ok) return parsed.session.config;
  }
  return defaultConfig();
}

// Warm-up of the page's worker (started by its first script while the page loads): predicting the
// configuration the page will ask for first compiles the predictor and fills its memoised tile
// searches, so the first prediction is answered at once. A damaged session warms up on the defaults
// (the page reports it).
if (self.name === 'analysis') {
  const onWarmUp = (ev: MessageEvent<unknown>) => {
    if (!isWarmUpMessage(ev.data)) return;
    self.removeEventListener('message', onWarmUp);
    try {
      analyze(firstConfig(ev.data.laudnetWarmUp));
    } catch {
      // Nothing to report: the page's own requests report their errors.
    }
  };
  self.addEventListener('message', onWarmUp);
}
