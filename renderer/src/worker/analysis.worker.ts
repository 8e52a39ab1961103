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

// Warm-up of the page's worker (started by its first script while the page loads): predicting the
// default configuration compiles the predictor and fills its memoised tile searches, so the first
// prediction the page asks for (the default configuration on a fresh start) is answered at once.
if (self.name === 'analysis') {
  try {
    analyze(defaultConfig());
  } catch {
    // Nothing to report: the page's own requests report their errors.
  }
}
