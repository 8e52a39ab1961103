import { useEffect } from 'react';
import type { StudioConfig } from '../../../../core/config/schema';
import type { StudioStore } from '../../store';
import type { MaskActions, MasksBackend } from './masksActions';
import { DEFAULT_SAMPLE_ID, SAMPLE_PHOTOS } from './samples';
import { dumpIsSource } from './selection';
import { atlasRequest } from './atlasRequest';
import type { MaskerResult } from '../../masksMain/masker';
import {
  canvasAtlasOf,
  pageProxyOf,
  rememberBasis,
  type PageProxy,
} from '../../masksMain/pageProxy';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs one computation at a time; while one runs, only the newest request waits (intermediate ones
 * are dropped, never queued). Unlike the analysis's `latestOnly`, every result is shown even when a
 * newer request waits: during a rate drag the masks follow the slider a computation behind, instead
 * of staying put until the drag ends.
 */
export function followLatest<I, O>(
  run: (input: I) => Promise<O>,
  onResult: (output: O, input: I) => void,
  onError: (error: unknown, input: I) => void,
): (input: I) => void {
  let busy = false;
  let pending: { input: I } | null = null;
  const pump = () => {
    if (busy || !pending) return;
    const { input } = pending;
    pending = null;
    busy = true;
    run(input)
      .then((out) => onResult(out, input))
      .catch((err: unknown) => onError(err, input))
      .finally(() => {
        busy = false;
        pump();
      });
  };
  return (input) => {
    pending = { input };
    pump();
  };
}

/**
 * Keeps proxy masks in step with the image and the configuration: opens the default sample when no
 * image is open, and recomputes masks in the worker on every change. Only the newest request runs next,
 * so dragging a rate slider never queues work. Returns the unsubscribe function.
 */
export function startMaskPipeline(
  store: StudioStore,
  backend: () => MasksBackend,
  actions: MaskActions,
  withAtlas = true,
): () => void {
  let lastError: string | null = null;
  const run = followLatest(
    (input: { imageId: number; config: StudioConfig }) =>
      backend().proxyMasks(input.imageId, input.config, withAtlas ? atlasRequest() : undefined),
    (result, input) => {
      const s = store.getState();
      if (!result.ok) {
        // A slider drag can repeat the same failure many times: say it once.
        if (result.error !== lastError)
          s.notify('error', `Proxy masks could not be computed: ${result.error}`);
        lastError = result.error;
        return;
      }
      lastError = null;
      if (s.maskImage?.id !== input.imageId) return;
      s.setProxyMasks({
        imageId: input.imageId,
        config: input.config,
        blocks: result.blocks,
        ponder: result.ponder,
        ...(result.atlas ? { atlas: result.atlas } : {}),
      });
    },
    (err) => store.getState().notify('error', `Proxy masks could not be computed: ${message(err)}`),
  );
  let requested: { imageId: number; config: StudioConfig } | null = null;
  // Proxy masks on the page (masksMain/): the image's basis comes from the worker once, then every
  // change is computed and drawn in its own frame.
  let basisAsked = '';
  const fetchBasis = followLatest(
    (imageId: number) => {
      const b = backend();
      return b.proxyBasis
        ? b.proxyBasis(imageId, atlasRequest().tilePx)
        : Promise.resolve({ ok: false as const, error: 'no basis' });
    },
    (result, imageId) => {
      if (!result.ok) {
        if (result.error !== lastError)
          store.getState().notify('error', `Proxy masks could not be computed: ${result.error}`);
        lastError = result.error;
        return;
      }
      rememberBasis(imageId, result.saliency, result.tilePx, result.tilePhoto);
      update();
    },
    (err) => store.getState().notify('error', `Proxy masks could not be computed: ${message(err)}`),
  );
  const onPage = (page: PageProxy) => {
    const s = store.getState();
    let result: MaskerResult;
    try {
      result = page.masker.update(s.config);
    } catch (err) {
      const text = message(err);
      if (text !== lastError) s.notify('error', `Proxy masks could not be computed: ${text}`);
      lastError = text;
      return;
    }
    lastError = null;
    const canvases = withAtlas ? canvasAtlasOf(page, atlasRequest()) : null;
    const atlas = canvases?.apply(result);
    // The ponder map is read from the result when something asks for it (the 3D view does not).
    s.setProxyMasks({
      imageId: page.imageId,
      config: s.config,
      blocks: result.blocks,
      get ponder() {
        return result.ponder;
      },
      ...(atlas ? { atlas } : {}),
    });
  };
  const update = () => {
    const s = store.getState();
    if (!s.maskImage || dumpIsSource(s)) return;
    if (requested && requested.imageId === s.maskImage.id && requested.config === s.config) return;
    const proxy = s.proxyMasks;
    // Masks computed for the 3D view have no pictures: the 2D view asks for them again.
    if (
      proxy &&
      proxy.imageId === s.maskImage.id &&
      proxy.config === s.config &&
      (proxy.atlas || !withAtlas)
    )
      return;
    if (backend().proxyBasis) {
      const id = s.maskImage.id;
      const page = pageProxyOf(id);
      if (page && (!withAtlas || page.tilePx === atlasRequest().tilePx)) return onPage(page);
      const ask = `${id}/${atlasRequest().tilePx}`;
      if (basisAsked !== ask) {
        basisAsked = ask;
        fetchBasis(id);
      }
      return;
    }
    requested = { imageId: s.maskImage.id, config: s.config };
    run(requested);
  };
  const initial = store.getState();
  if (!initial.maskImage && !initial.maskLoading) {
    const sample = SAMPLE_PHOTOS.find((p) => p.id === DEFAULT_SAMPLE_ID);
    if (sample) void actions.openSample(sample);
  }
  update();
  return store.subscribe((state, prev) => {
    if (
      state.config !== prev.config ||
      state.maskImage !== prev.maskImage ||
      state.maskDump !== prev.maskDump
    ) {
      update();
    }
  });
}

/**
 * {@link startMaskPipeline} for the lifetime of a view; `withAtlas`: the worker also draws the 2D
 * views' pictures (the 3D view does not need them).
 */
export function useMaskPipeline(
  store: StudioStore,
  backend: () => MasksBackend,
  actions: MaskActions,
  withAtlas = true,
): void {
  useEffect(
    () => startMaskPipeline(store, backend, actions, withAtlas),
    [store, backend, actions, withAtlas],
  );
}
