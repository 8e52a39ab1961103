/// <reference lib="webworker" />
/**
 * The transformer worker: the exact whole-model predictor for the tuner (prediction, curves, hardware
 * rows) and the patch saliency of photos for the proxy token masks — all off the UI thread.
 */
import { expose, transfer } from 'comlink';
import type { HardwareParams } from '../../../core/predictor/hardware';
import type { TfUiConfig } from './tfConfig';
import { analyzeTransformer, transformerCurves, transformerHardwareRows } from './tfCompute';
import { patchSaliency } from './tokenSaliency';

const api = {
  analyze: (c: TfUiConfig, hw: HardwareParams) => analyzeTransformer(c, hw),
  curves: (c: TfUiConfig, hw: HardwareParams) => transformerCurves(c, hw),
  hardwareRows: (c: TfUiConfig) => transformerHardwareRows(c),
  /** Saliency of an image file's bytes, or of a URL (the sample photos). */
  saliency: async (source: { bytes: Uint8Array } | { url: string }) => {
    let bytes: Uint8Array;
    if ('url' in source) {
      const res = await fetch(source.url);
      if (!res.ok)
        return { ok: false as const, error: `The photo could not be loaded (HTTP ${res.status}).` };
      bytes = new Uint8Array(await res.arrayBuffer());
    } else bytes = source.bytes;
    const result = await patchSaliency(bytes);
    return result.ok ? transfer(result, [result.value.input]) : result;
  },
};

export type TransformerWorkerApi = typeof api;

expose(api);
