import type { StateCreator } from 'zustand/vanilla';
import type { TransformerPrediction } from '../../../core/transformer';
import type { TfUiConfig } from '../transformer/tfConfig';
import type { TfCurveSet, TfHardwareRow } from '../transformer/tfCompute';
import type { StudioState } from './studioStore';

/**
 * The dynamic vision transformer being tuned (issue 18). `transformer` is null while a CNN backbone is
 * picked; when set, the tuner, header and views show the transformer instead. The CNN configuration is
 * left untouched, so picking a CNN again returns to it.
 */
export interface TransformerSlice {
  transformer: TfUiConfig | null;
  /** Prediction of `tfResultFor` (the configuration the worker answered for). */
  tfPrediction: TransformerPrediction | null;
  tfResultFor: TfUiConfig | null;
  tfCurves: TfCurveSet | null;
  tfHardware: TfHardwareRow[] | null;
  tfStatus: 'idle' | 'busy' | 'error';
  tfError: string | null;
  tfComputeMs: number | null;
  /** Block shown in the token masks and highlighted elsewhere. */
  tfBlock: number;
  setTransformer: (config: TfUiConfig | null) => void;
  editTransformer: (edit: (config: TfUiConfig) => TfUiConfig) => void;
  setTfPrediction: (prediction: TransformerPrediction, forConfig: TfUiConfig, ms: number) => void;
  setTfCurves: (curves: TfCurveSet | null) => void;
  setTfHardware: (rows: TfHardwareRow[] | null) => void;
  setTfStatus: (status: 'idle' | 'busy' | 'error', error?: string | null) => void;
  selectTfBlock: (block: number) => void;
}

export const createTransformerSlice: StateCreator<StudioState, [], [], TransformerSlice> = (
  set,
  get,
) => ({
  transformer: null,
  tfPrediction: null,
  tfResultFor: null,
  tfCurves: null,
  tfHardware: null,
  tfStatus: 'idle',
  tfError: null,
  tfComputeMs: null,
  tfBlock: 0,
  setTransformer: (transformer) =>
    set((s) => ({
      transformer,
      tfBlock: transformer ? Math.min(s.tfBlock, transformer.tokenRate.length - 1) : 0,
      ...(transformer?.model === s.transformer?.model
        ? {}
        : { tfPrediction: null, tfResultFor: null, tfCurves: null, tfHardware: null }),
    })),
  editTransformer: (edit) => {
    const before = get().transformer;
    if (!before) return;
    const after = edit(before);
    if (after !== before) get().setTransformer(after);
  },
  setTfPrediction: (tfPrediction, tfResultFor, tfComputeMs) =>
    set({ tfPrediction, tfResultFor, tfComputeMs, tfStatus: 'idle', tfError: null }),
  setTfCurves: (tfCurves) => set({ tfCurves }),
  setTfHardware: (tfHardware) => set({ tfHardware }),
  setTfStatus: (tfStatus, tfError = null) => set({ tfStatus, tfError }),
  selectTfBlock: (tfBlock) => set({ tfBlock }),
});
