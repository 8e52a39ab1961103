/**
 * The live model engine: one onnxruntime session, created once per opened model and kept, that turns
 * decoded images into mask dumps (core/live does the metadata, preprocessing and output mapping). It
 * has no DOM: the worker wires it to onnxruntime-web and the platform's image decoder, tests run it in
 * Node with the same onnxruntime-web package, and the bench times it against `session.run` alone.
 */
import type { ArchitectureSpec } from '../../../core/arch';
import { BUILTIN_ARCHITECTURES } from '../../../core/arch';
import {
  applyThresholdOffsets,
  checkSessionNames,
  liveOutputNames,
  outputsToDump,
  parseLiveModel,
  preprocessRgba,
  preprocessSourceRegion,
  type LiveModelMeta,
  type PreprocessedImage,
  type LiveTensor,
  type ThresholdOffsets,
} from '../../../core/live';
import type { PixelRegion } from '../../../core/live/jpegYuv';
import type { MaskDump } from '../../../core/maskfile/types';

/** The part of an onnxruntime `InferenceSession` the engine uses. */
export interface LiveSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, unknown>,
    fetches: readonly string[],
  ): Promise<Record<string, LiveTensor>>;
  release(): Promise<void>;
}

/** What the engine needs from an onnxruntime build. */
export interface LiveRuntime {
  createSession(bytes: Uint8Array): Promise<LiveSession>;
  /** A float32 tensor of `dims` over `data`. */
  tensor(data: Float32Array, dims: readonly number[]): unknown;
}

/** Largest model the app opens (wasm32 memory is 4 GiB; the weights are held twice while loading). */
export const MAX_LIVE_MODEL_BYTES = 1024 * 1024 * 1024;

export type LiveFailure = { ok: false; error: string };

/** What the page learns of an opened model. */
export interface OpenedLiveModel {
  ok: true;
  archId: string;
  archLabel: string;
  weights: MaskDump['weights'];
  weightsText: string | null;
  blocks: { key: string; stage: number; hasScore: boolean }[];
  /** Session creation, ms. */
  createMs: number;
  /** The architecture (a custom one goes into the configuration). */
  arch: ArchitectureSpec;
}

/** One image run: the dump (model's own decisions) and where the time went. */
export interface LiveRun {
  dump: MaskDump;
  preprocessMs: number;
  runMs: number;
  masksMs: number;
}

/** The session of an open model. */
interface OpenModel {
  meta: LiveModelMeta;
  session: LiveSession;
  fetches: string[];
}

/** An image preprocessed for one open model, ready to run. */
export interface PreparedImage extends PreprocessedImage {
  name: string;
  model: OpenModel;
  preprocessMs: number;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** True for the errors a runtime throws when it cannot get the memory a model needs. */
export function isOutOfMemory(err: unknown): boolean {
  return (
    err instanceof RangeError ||
    /out of memory|memory access out of bounds|allocation failed|failed to allocate|bad_alloc|cannot enlarge memory|array buffer allocation/i.test(
      message(err),
    )
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The engine over one runtime. Opening a model replaces the session only once the new one works. */
export function createLiveEngine(runtime: LiveRuntime, options: { maxBytes?: number } = {}) {
  const maxBytes = options.maxBytes ?? MAX_LIVE_MODEL_BYTES;
  let current: OpenModel | null = null;
  /**
   * Network inputs whose run is over, reused by the next images (a batch has two in flight: one
   * running, the next prepared), so that each image does not leave 600 kB to the garbage collector.
   */
  const spareInputs: Float32Array[] = [];

  async function open(
    name: string,
    bytes: Uint8Array,
    extraArchitectures: readonly ArchitectureSpec[] = [],
  ): Promise<OpenedLiveModel | LiveFailure> {
    if (bytes.length > maxBytes) {
      return {
        ok: false,
        error: `${name} is too large for memory: ${megabytes(bytes.length)}, the app runs models of up to ${megabytes(maxBytes)}.`,
      };
    }
    const architectures = [
      ...BUILTIN_ARCHITECTURES,
      ...extraArchitectures.filter((a) => !BUILTIN_ARCHITECTURES.some((b) => b.id === a.id)),
    ];
    const parsed = parseLiveModel(bytes, { architectures, maxBytes });
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const { meta } = parsed;
    const t0 = performance.now();
    let session: LiveSession;
    try {
      session = await runtime.createSession(bytes);
    } catch (err) {
      if (isOutOfMemory(err)) {
        return {
          ok: false,
          error: `${name} is too large for memory: onnxruntime could not allocate what its ${megabytes(bytes.length)} of weights need (${message(err).slice(0, 160)}). Close other models or use an fp16 export (--fp16).`,
        };
      }
      return {
        ok: false,
        error: `onnxruntime cannot load ${name}: ${message(err).slice(0, 300)}`,
      };
    }
    const createMs = performance.now() - t0;
    const names = checkSessionNames(meta, session.inputNames, session.outputNames);
    if (names) {
      await session.release().catch(() => undefined);
      return { ok: false, error: names };
    }
    const previous = current;
    current = { meta, session, fetches: liveOutputNames(meta) };
    if (previous) await previous.session.release().catch(() => undefined);
    return {
      ok: true,
      archId: meta.arch.id,
      archLabel: meta.arch.label,
      weights: meta.weights,
      weightsText: meta.weightsText,
      blocks: meta.blocks.map((b) => ({
        key: b.geometry.key,
        stage: b.geometry.stage,
        hasScore: b.outputs.spatial_logit !== undefined,
      })),
      createMs,
      arch: meta.arch,
    };
  }

  /** The network input of an image, as the exporter makes it. */
  function preprocess(rgba: Uint8ClampedArray, width: number, height: number) {
    if (!current) throw new Error('no model is open');
    return preprocessRgba(rgba, width, height, current.meta.preprocessing);
  }

  /**
   * Preprocesses RGBA pixels for the open model (the part of a run that can go ahead while the session
   * runs another image).
   */
  function prepare(
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
    name: string,
  ): PreparedImage | LiveFailure {
    const model = current;
    if (!model) return { ok: false, error: 'No live model is open.' };
    const t0 = performance.now();
    try {
      const prepared = preprocessRgba(
        rgba,
        width,
        height,
        model.meta.preprocessing,
        spareInputs.pop(),
      );
      return { ...prepared, name, model, preprocessMs: performance.now() - t0 };
    } catch (err) {
      return { ok: false, error: `${name} could not be preprocessed: ${message(err)}` };
    }
  }

  /**
   * The pixels of a `width × height` image the open model's preprocessing reads (null: no model open,
   * or a size it cannot preprocess: all of them are decoded and {@link prepare} says what is wrong).
   */
  function sourceRegion(width: number, height: number): PixelRegion | null {
    const model = current;
    if (!model) return null;
    try {
      return preprocessSourceRegion(width, height, model.meta.preprocessing);
    } catch {
      return null;
    }
  }

  /** Runs a prepared image; the dump carries the model's own decisions. */
  async function runPrepared(prepared: PreparedImage): Promise<LiveRun | LiveFailure> {
    const { model, name } = prepared;
    if (model !== current) return { ok: false, error: `${name}: the live model was replaced.` };
    const t1 = performance.now();
    let outputs: Record<string, LiveTensor>;
    try {
      const input = runtime.tensor(prepared.input, model.meta.inputShape);
      outputs = await model.session.run({ [model.meta.inputName]: input }, model.fetches);
      // The runtime has copied the input; the buffer serves the next image.
      if (spareInputs.length < 2) spareInputs.push(prepared.input);
    } catch (err) {
      const text = isOutOfMemory(err)
        ? `the model ran out of memory (${message(err).slice(0, 160)})`
        : message(err).slice(0, 300);
      return { ok: false, error: `${name}: onnxruntime failed: ${text}` };
    }
    const t2 = performance.now();
    const { geometry } = prepared;
    const mapped = outputsToDump(model.meta, outputs, {
      input: {
        file: name,
        orig_size: [geometry.origWidth, geometry.origHeight],
        crop_box: geometry.cropBox,
      },
    });
    if (!mapped.ok) return mapped;
    return {
      dump: mapped.dump,
      preprocessMs: prepared.preprocessMs,
      runMs: t2 - t1,
      masksMs: performance.now() - t2,
    };
  }

  /** Runs the open model on RGBA pixels; the dump carries the model's own decisions. */
  async function run(
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
    name: string,
  ): Promise<LiveRun | LiveFailure> {
    const prepared = prepare(rgba, width, height, name);
    if ('ok' in prepared) return prepared;
    return runPrepared(prepared);
  }

  /** The dump with its decisions re-thresholded (no rerun: soft scores are in the dump). */
  function withOffsets(dump: MaskDump, offsets: ThresholdOffsets): MaskDump {
    return applyThresholdOffsets(dump, offsets);
  }

  async function close(): Promise<void> {
    const model = current;
    current = null;
    if (model) await model.session.release().catch(() => undefined);
  }

  return {
    open,
    run,
    prepare,
    sourceRegion,
    runPrepared,
    preprocess,
    withOffsets,
    close,
    get meta(): LiveModelMeta | null {
      return current?.meta ?? null;
    },
  };
}
