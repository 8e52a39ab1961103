/**
 * The live model's actions: open an ONNX model (validated in the worker; a failure only adds a notice,
 * whatever was open stays), run every image the mask views open, re-threshold on offset changes, and
 * adopt the masks like a dump's: the masks slice shows them, their measured rates go into the
 * configuration (so kept fraction and predicted latency follow), labelled "live: <model file>".
 */
import { proxy } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import type { StudioConfig } from '../../../core/config/schema';
import type { ThresholdOffsets } from '../../../core/live';
import type { OpenedFile } from '../host/types';
import type { StudioStore } from '../store';
import type { MaskImage } from '../store/masksSlice';
import { configFromDump } from '../views/masks/adoptDump';
import { atlasRequest } from '../views/masks/atlasRequest';
import type { MaskAtlasRequest } from '../worker/masksAtlas';
import { latestOnly } from '../worker/latestOnly';
import type { OpenedLiveModel, LiveFailure } from './engine';
import { previewSize, type LiveImageView } from './imageHook';
import type { LiveImageResult } from './live.worker';
import type { LiveMasks } from './liveMasks';
import type { LiveModelInfo } from './liveSlice';
import { rememberLiveAtlas } from './preparedAtlas';

/** The worker calls the actions need (the comlink remote in the app, a fake or Node engine in tests). */
export interface LiveBackend {
  openModel(
    name: string,
    bytes: Uint8Array,
    extraArchitectures: ArchitectureSpec[],
  ): Promise<(OpenedLiveModel & { threads: number }) | LiveFailure>;
  runImage(
    name: string,
    bytes: Uint8Array,
    offsets: ThresholdOffsets,
    withView?: boolean | ((view: LiveImageView) => unknown),
    atlas?: MaskAtlasRequest,
    previewLater?: boolean,
  ): Promise<LiveImageResult | LiveFailure>;
  rethreshold(
    offsets: ThresholdOffsets,
    atlas?: MaskAtlasRequest,
  ): Promise<LiveMasks | LiveFailure>;
}

export interface LiveActionsDeps {
  backend: () => LiveBackend;
  store: StudioStore;
  /** A quick model's session.run time, ms (default {@link QUICK_RUN_MS}). */
  quickRunMs?: number;
}

/**
 * A model whose last session.run took less than this (ms) shows each image with its masks at once,
 * decoded once (by the live worker): the view waits for the masks instead of showing the image first
 * with proxy masks that are replaced a moment later (and the masks worker neither decodes it again nor
 * computes proxy masks beside the run). A slower model's image is shown first.
 */
export const QUICK_RUN_MS = 2000;

/** No offsets: the model's own decisions. */
export const ZERO_OFFSETS: ThresholdOffsets = { global: 0, perBlock: {} };

/** The offsets of a configuration (absent: none). */
export function offsetsOf(config: StudioConfig): ThresholdOffsets {
  return config.thresholdOffsets ?? ZERO_OFFSETS;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Wall-clock time comparable with the worker's (ms since the epoch). */
const epochNow = () => performance.timeOrigin + performance.now();

/** Same per-block rates and stage settings: adopting would change nothing. */
function sameRates(a: StudioConfig, b: StudioConfig): boolean {
  return (
    JSON.stringify(a.blockRates) === JSON.stringify(b.blockRates) &&
    JSON.stringify(a.stages) === JSON.stringify(b.stages) &&
    JSON.stringify(a.model) === JSON.stringify(b.model)
  );
}

/** `config` with `offsets` (the key left out when there are none, so plain configurations stay plain). */
export function withOffsets(
  config: StudioConfig,
  offsets: ThresholdOffsets | undefined,
): StudioConfig {
  const { thresholdOffsets: _drop, ...rest } = config;
  if (!offsets) return rest;
  return {
    ...rest,
    thresholdOffsets: { global: offsets.global, perBlock: { ...offsets.perBlock } },
  };
}

/** The live actions, bound to a store and a worker backend. */
export function createLiveActions(deps: LiveActionsDeps) {
  const { store, backend } = deps;
  const quickRunMs = deps.quickRunMs ?? QUICK_RUN_MS;
  /** The image shown last, with its file's bytes (what a newly opened model runs first). */
  let lastImage: { image: MaskImage; bytes: Uint8Array } | null = null;
  let modelGeneration = 0;

  const notifyError = (text: string) => {
    store.getState().notify('error', text);
    return false;
  };

  /**
   * Shows `masks` as `image`'s, and their rates in the configuration. `showing`: the image is not shown
   * yet (it is shown here, with its masks, in one store update).
   */
  function adopt(
    masks: LiveMasks,
    image: MaskImage,
    model: LiveModelInfo,
    coalesce: boolean,
    showing = false,
    ratesLater = false,
  ) {
    const s = store.getState();
    if (!showing && s.maskImage?.id !== image.id) return false;
    const adopted = configFromDump(s.config, masks.arch, masks.patch);
    if (!adopted.ok) return notifyError(`${model.fileName}: ${adopted.error}`);
    // The worker drew the views' pictures of these masks: the views copy from them.
    if (masks.atlas) rememberLiveAtlas(masks.blocks, masks.atlas);
    const next = withOffsets(adopted.config, s.config.thresholdOffsets);
    if (!sameRates(next, s.config)) {
      if (coalesce) s.editConfig(() => next, 'live-offsets');
      else if (ratesLater && JSON.stringify(next.model) === JSON.stringify(s.config.model))
        adoptRatesLater(masks);
      else s.replaceConfig(next);
    }
    s.setMaskDump(
      {
        fileName: model.fileName,
        live: model.fileName,
        archId: masks.archId,
        archLabel: masks.archLabel,
        weights: masks.weights,
        weightsText: masks.weightsText,
        checkpoint: masks.checkpoint,
        warnings: masks.warnings,
        blocks: masks.blocks,
        ponder: masks.ponder,
      },
      image,
    );
    return true;
  }

  /**
   * Adopts the rates of `masks` (still shown, same model) once the frame that shows them has been
   * painted: the views that follow the configuration re-render after the masks are on screen, not in
   * their frame. Recomputed then against the configuration of that moment.
   */
  function adoptRatesLater(masks: LiveMasks): void {
    let done = false;
    const apply = () => {
      if (done) return;
      done = true;
      const s = store.getState();
      if (s.maskDump?.blocks !== masks.blocks) return;
      const adopted = configFromDump(s.config, masks.arch, masks.patch);
      if (!adopted.ok) return;
      const next = withOffsets(adopted.config, s.config.thresholdOffsets);
      if (!sameRates(next, s.config)) s.replaceConfig(next);
    };
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => setTimeout(apply, 0));
    // A hidden page paints no frames: the rates follow soon all the same.
    setTimeout(apply, 250);
  }

  /** A run started as soon as the image's bytes arrived (overlapping the views' own decoding). */
  let early: {
    bytes: Uint8Array;
    generation: number;
    result: Promise<LiveImageResult | LiveFailure>;
    /** The result once it has arrived. */
    settled: LiveImageResult | LiveFailure | null;
    /** When the bytes reached the actions and when the result reached the page (epoch ms). */
    openingAt: number;
    arrivedAt: number | null;
    /** A quick model's run: its image is shown with its masks, by the live actions. */
    quick: boolean;
    /** The preview being scaled here while the model runs (the view came with it unscaled). */
    preview: { scaled: Promise<ImageBitmap | null> | null };
  } | null = null;

  /** Counts image openings: a quick image waiting for its masks is shown only if none came after it. */
  let openings = 0;

  /** When the shown run's bytes arrived and its result reached the page (epoch ms). */
  let lastArrival: { openingAt: number; arrivedAt: number | null } | null = null;

  /** Shows a run's result (or its failure); true when its masks are shown. */
  function show(
    image: MaskImage,
    model: LiveModelInfo,
    result: LiveImageResult | LiveFailure,
    showing: boolean,
    late: ImageBitmap | null = null,
  ): boolean {
    const s = store.getState();
    s.setLiveBusy(null);
    if (!result.ok) return notifyError(`Live masks of ${image.name}: ${result.error}`);
    // A view that went ahead without its preview gets it with the masks.
    const pictured = late && !image.original ? { ...image, original: late } : image;
    if (late && pictured === image) late.close();
    const first = s.selectedBlock === null || s.maskDump?.live !== model.fileName;
    // The model's later images show their masks first and adopt their rates a frame later.
    const shown = adopt(result.masks, pictured, model, false, showing, !first);
    if (shown && first) {
      s.selectStage(0);
      s.selectBlock(result.masks.blocks[0]?.key ?? null);
    }
    const { workerStart, workerEnd } = result.timing;
    const arrival = lastArrival;
    lastArrival = null;
    s.setLiveTiming({
      ...result.timing,
      at: {
        ...(arrival ? { opening: arrival.openingAt } : {}),
        ...(arrival?.arrivedAt ? { arrived: arrival.arrivedAt } : {}),
        workerStart,
        workerEnd,
        shown: epochNow(),
      },
    });
    return shown;
  }

  /** Runs the image through the open model (nothing happens without one). */
  async function runImage(image: MaskImage, bytes: Uint8Array): Promise<boolean> {
    const model = store.getState().liveModel;
    if (!model) return false;
    const generation = modelGeneration;
    store.getState().setLiveBusy('image');
    const ready = early?.bytes === bytes && early.generation === generation ? early : null;
    const started = ready?.result ?? null;
    early = null;
    let result: LiveImageResult | LiveFailure;
    try {
      result = await (started ??
        backend().runImage(
          image.name,
          bytes,
          offsetsOf(store.getState().config),
          false,
          atlasRequest(),
        ));
    } catch (err) {
      result = { ok: false, error: message(err) };
    }
    if (generation !== modelGeneration) return false;
    if (store.getState().maskImage?.id !== image.id) {
      store.getState().setLiveBusy(null);
      return false;
    }
    lastArrival = ready ? { openingAt: ready.openingAt, arrivedAt: ready.arrivedAt } : null;
    return show(image, model, result, false);
  }

  /**
   * An image file is being opened: start its live run now. The returned promise (never rejecting)
   * gives the view the image as the live worker decoded it (null when that failed), so that the view
   * does not decode it again; it arrives before the run. When the model's last image took less than
   * {@link QUICK_RUN_MS} to run, it comes without its preview and the views register it while the
   * model runs, then the live actions show it with its masks (and preview) in one update; a slower
   * model's image is shown first, its masks later, unless the worker is busy with another image
   * (then the view decodes it: undefined).
   */
  function imageOpening(
    name: string,
    bytes: Uint8Array,
  ): Promise<LiveImageView | null> | undefined {
    const s = store.getState();
    if (!s.liveModel) return undefined;
    const openingAt = epochNow();
    openings++;
    const quick = s.liveTiming !== null && s.liveTiming.runMs < quickRunMs;
    // While the worker runs another image, a slow model's image would wait for that run to be
    // decoded there: the views decode it themselves at once.
    const handsOver = quick || s.liveBusy === null;
    let handOver: (view: LiveImageView | null) => void = () => {};
    const handedOver = new Promise<LiveImageView | null>((resolve) => (handOver = resolve));
    // A quick model's preview comes at full size: scaled here while the model runs, and shown with
    // the masks (the views get the image without it).
    const preview: NonNullable<typeof early>['preview'] = { scaled: null };
    const receive = (view: LiveImageView) => {
      const full = view.original;
      if (view.originalSide === undefined || !full) return handOver(view);
      const [resizeWidth, resizeHeight] = previewSize(full.width, full.height, view.originalSide);
      preview.scaled = createImageBitmap(full, {
        resizeWidth,
        resizeHeight,
        resizeQuality: 'medium',
      })
        .catch(() => null)
        .finally(() => full.close());
      handOver({ ...view, original: null, originalSide: undefined });
    };
    // The image comes back before the run (a quick model's without its preview, which comes with
    // the masks): the views register it while the model runs, and show it with its masks.
    const result = backend().runImage(
      name,
      bytes,
      offsetsOf(s.config),
      handsOver ? proxy(receive) : false,
      atlasRequest(),
      quick,
    );
    const entry: NonNullable<typeof early> = {
      bytes,
      generation: modelGeneration,
      result,
      settled: null,
      openingAt,
      arrivedAt: null,
      quick,
      preview,
    };
    early = entry;
    // A failure is reported when the image is shown (or dropped with it when another one is opened).
    void result.then(
      (value) => {
        entry.settled = value;
        entry.arrivedAt = epochNow();
        // A failed decode or preprocessing hands nothing over: the view decodes the image itself.
        handOver(null);
      },
      (err: unknown) => {
        entry.settled = { ok: false, error: message(err) };
        handOver(null);
      },
    );
    return handsOver ? handedOver : undefined;
  }

  /**
   * Shows a quick model's image once its masks arrive, both in one store update (or the image alone
   * when the run failed or the model changed); nothing when another image was opened meanwhile.
   */
  async function showWithMasks(
    entry: NonNullable<typeof early>,
    image: MaskImage,
    model: LiveModelInfo,
  ): Promise<void> {
    const opening = openings;
    store.getState().setLiveBusy('image');
    let result: LiveImageResult | LiveFailure;
    try {
      result = await entry.result;
    } catch (err) {
      result = { ok: false, error: message(err) };
    }
    const original = entry.preview.scaled ? await entry.preview.scaled : null;
    if (opening !== openings) {
      original?.close();
      return;
    }
    // Without masks the image is shown with its preview all the same.
    const plain = original && !image.original ? { ...image, original } : image;
    if (entry.generation !== modelGeneration) {
      store.getState().setLiveBusy(null);
      store.getState().setMaskImage(plain);
      return;
    }
    lastArrival = { openingAt: entry.openingAt, arrivedAt: entry.arrivedAt };
    if (!show(plain, model, result, true)) store.getState().setMaskImage(plain);
  }

  /**
   * The mask views are showing an image: remember it and run it when a model is open. True when the
   * live actions show it (its live masks had arrived and were shown with it, or a quick model's run
   * is under way and it is shown with them); the view then does not show it itself.
   */
  function imageOpened(image: MaskImage, bytes: Uint8Array): boolean {
    lastImage = { image, bytes };
    const model = store.getState().liveModel;
    const ready = early;
    if (model && ready?.bytes === bytes && ready.generation === modelGeneration) {
      if (ready.settled?.ok === true && !ready.quick) {
        early = null;
        lastArrival = { openingAt: ready.openingAt, arrivedAt: ready.arrivedAt };
        return show(image, model, ready.settled, true);
      }
      if (ready.quick && ready.settled?.ok !== false) {
        early = null;
        void showWithMasks(ready, image, model);
        return true;
      }
    }
    void runImage(image, bytes);
    return false;
  }

  /** Opens an ONNX model; the current one (and everything else) stays when it cannot be opened. */
  async function openModel(file: OpenedFile): Promise<boolean> {
    const s = store.getState();
    const { config } = s;
    const custom = config.model.kind === 'custom' ? [config.model.architecture] : [];
    s.setLiveBusy('model');
    let opened: (OpenedLiveModel & { threads: number }) | LiveFailure;
    try {
      opened = await backend().openModel(file.name, file.bytes, custom);
    } catch (err) {
      opened = { ok: false, error: message(err) };
    }
    store.getState().setLiveBusy(null);
    if (!opened.ok)
      return notifyError(`${file.name} could not be opened as a live model: ${opened.error}`);
    modelGeneration++;
    const info: LiveModelInfo = {
      fileName: file.name,
      sizeBytes: file.bytes.length,
      archId: opened.archId,
      archLabel: opened.archLabel,
      weightsText: opened.weightsText ?? (opened.weights === 'random-init' ? 'random-init' : ''),
      randomInit: opened.weights === 'random-init',
      blocks: opened.blocks,
      createMs: opened.createMs,
      threads: opened.threads,
    };
    const now = store.getState();
    now.setLiveModel(info);
    now.setLiveTiming(null);
    now.notify(
      'info',
      `${file.name} is open: ${opened.archLabel}, session created in ${Math.round(opened.createMs)} ms. Every image opened now gets its live masks.${
        info.randomInit
          ? ' Its weights are randomly initialised: the masks only test the pipeline.'
          : ''
      }`,
      { key: `live:${file.name}` },
    );
    const current = now.maskImage;
    if (lastImage && current && lastImage.image.id === current.id)
      await runImage(current, lastImage.bytes);
    return true;
  }

  /** Closes the live model; the views go back to proxy masks. */
  function closeModel(): void {
    modelGeneration++;
    const s = store.getState();
    s.setLiveModel(null);
    s.setLiveTiming(null);
    s.setLiveBusy(null);
    if (s.maskDump?.live) s.clearMaskDump();
  }

  const rethreshold = latestOnly(
    (offsets: ThresholdOffsets) => backend().rethreshold(offsets, atlasRequest()),
    (masks) => {
      const s = store.getState();
      const model = s.liveModel;
      if (!masks.ok || !model || !s.maskImage || !s.maskDump?.live) {
        if (!masks.ok) notifyError(`Live masks: ${masks.error}`);
        return;
      }
      adopt(masks, s.maskImage, model, true);
    },
    (err) => notifyError(`Live masks: ${message(err)}`),
  );

  /** Re-thresholds the shown live masks whenever the configuration's offsets change. */
  function startOffsetSync(): () => void {
    return store.subscribe((state, prev) => {
      if (state.config.thresholdOffsets === prev.config.thresholdOffsets) return;
      if (!state.liveModel || !state.maskDump?.live) return;
      rethreshold(offsetsOf(state.config));
    });
  }

  /** Sets one block's offset (null key: the global one), as a coalesced undo step. */
  function setOffset(key: string | null, value: number): void {
    store.getState().editConfig((config) => {
      const current = offsetsOf(config);
      const next: ThresholdOffsets =
        key === null
          ? { global: value, perBlock: current.perBlock }
          : { global: current.global, perBlock: { ...current.perBlock, [key]: value } };
      if (key !== null && value === 0) {
        const { [key]: _gone, ...rest } = next.perBlock;
        return withOffsets(config, { global: next.global, perBlock: rest });
      }
      return withOffsets(config, next);
    }, 'live-offsets');
  }

  /** Removes every offset (one undo step). */
  function resetOffsets(): void {
    store.getState().editConfig((config) => withOffsets(config, undefined));
  }

  return {
    openModel,
    imageOpening,
    imageOpened,
    runImage,
    closeModel,
    startOffsetSync,
    setOffset,
    resetOffsets,
  };
}
