import type { StudioConfig } from '../../../core/config/schema';
import type { StudioStore } from '../store/studioStore';
import type { Analysis } from './types';

/**
 * Puts a worker's analysis of `config` in the store, unless the configuration changed since (a stale
 * result never shows) or the main thread has already computed this configuration (no second commit).
 */
export function applyWorkerAnalysis(
  store: Pick<StudioStore, 'getState'>,
  analysis: Analysis,
  input: { config: StudioConfig; revision: number },
  ms: number,
): boolean {
  const s = store.getState();
  if (s.config !== input.config || s.analysisConfig === input.config) return false;
  s.setAnalysis(analysis, ms, input.revision, input.config, 'worker');
  return true;
}
