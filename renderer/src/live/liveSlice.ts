/**
 * State of the live model: a trained LAUDNet opened as ONNX, run in the live worker on every image
 * the mask views open. Its masks go into the masks slice like a dump's (`maskDump` with `live` set);
 * this slice holds what is only the live model's: which one is open, timings, the batch's progress.
 * The threshold offsets are part of the configuration (`config.thresholdOffsets`), so they are
 * undoable and saved with it.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { StudioState } from '../store/studioStore';

/** One block of the live model, as the offset controls list it. */
export interface LiveBlockInfo {
  key: string;
  /** 0-based stage. */
  stage: number;
  /** True when the model outputs a soft score for the block (an offset applies to it). */
  hasScore: boolean;
}

/** The open live model (the session itself stays in the worker). */
export interface LiveModelInfo {
  fileName: string;
  sizeBytes: number;
  archId: string;
  archLabel: string;
  /** The metadata's weights text ("random-init", a checkpoint name…). */
  weightsText: string;
  randomInit: boolean;
  blocks: LiveBlockInfo[];
  /** Session creation time in the worker, ms. */
  createMs: number;
  /** Threads onnxruntime-web runs with (1 without cross-origin isolation). */
  threads: number;
}

/** Timings of the last image run, ms. */
export interface LiveTiming {
  decodeMs: number;
  preprocessMs: number;
  runMs: number;
  masksMs: number;
  totalMs: number;
  /** True when the mask views showed the live worker's decode (no second decode). */
  sharedDecode: boolean;
  /** Which decoder gave the pixels: WebCodecs' `ImageDecoder` or `createImageBitmap` + canvas. */
  decoder?: 'image-decoder' | 'image-bitmap';
  /** The worker's steps in order, ms each (the bench's breakdown). */
  steps?: Record<string, number>;
  /** When the page and the worker handled the image (ms since the epoch; the bench's breakdown). */
  at?: {
    /** The image file's bytes reached the live actions. */
    opening?: number;
    workerStart?: number;
    workerEnd?: number;
    /** The result reached the page. */
    arrived?: number;
    /** The store held the masks. */
    shown?: number;
  };
}

/** Where a batch's time went in the worker: sums over its images, ms. */
export interface LiveBatchTimes {
  /** Image files read where they run (absent: the page read them), ms. */
  readMs?: number;
  decodeMs: number;
  preprocessMs: number;
  runMs: number;
  /** Outputs mapped to masks. */
  masksMs: number;
  /** Masks added to the set statistics. */
  addMs: number;
}

/** One session a batch ran on: its threads and how long its creation took, ms. */
export interface LiveBatchSession {
  threads: number;
  createMs: number;
}

/** Timing of the last finished batch: wall time from start to the last image's masks, worker sums. */
export interface LiveBatchTiming {
  /** Images run (failed ones not counted). */
  images: number;
  wallMs: number;
  /** Null when the worker did not report them. */
  times: LiveBatchTimes | null;
  /** The batch workers' sessions (absent: the batch ran in the live worker's own session). */
  sessions?: LiveBatchSession[];
  /** Time to get the batch's sessions ready before its first image, ms (not in `wallMs`). */
  startMs?: number;
}

/** Progress of a batch run over a folder of images. */
export interface LiveBatchProgress {
  name: string;
  done: number;
  total: number;
  failed: number;
}

export interface LiveSlice {
  liveModel: LiveModelInfo | null;
  /** True while a model is being opened or an image run through it. */
  liveBusy: 'model' | 'image' | null;
  liveTiming: LiveTiming | null;
  liveBatch: LiveBatchProgress | null;
  liveBatchTiming: LiveBatchTiming | null;
  setLiveModel: (model: LiveModelInfo | null) => void;
  setLiveBusy: (busy: LiveSlice['liveBusy']) => void;
  setLiveTiming: (timing: LiveTiming | null) => void;
  setLiveBatch: (progress: LiveBatchProgress | null) => void;
  setLiveBatchTiming: (timing: LiveBatchTiming | null) => void;
}

export const createLiveSlice: StateCreator<StudioState, [], [], LiveSlice> = (set) => ({
  liveModel: null,
  liveBusy: null,
  liveTiming: null,
  liveBatch: null,
  liveBatchTiming: null,
  setLiveModel: (liveModel) => set({ liveModel }),
  setLiveBusy: (liveBusy) => set({ liveBusy }),
  setLiveTiming: (liveTiming) => set({ liveTiming }),
  setLiveBatch: (liveBatch) => set({ liveBatch }),
  setLiveBatchTiming: (liveBatchTiming) => set({ liveBatchTiming }),
});
