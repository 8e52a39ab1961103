/**
 * Warm-up of a mask dump's first open, run once at idle after the first number (main.tsx): a small
 * built-in dump (warmUpDump.ts) goes through the same path as a user's — read in the masks worker (zip,
 * npy, PNG), its masks drawn into the atlas and canvases here — so that the first real dump does not pay
 * for compiling that code on both threads. Nothing reaches the store or the screen.
 */
import dumpUrl from './warmup.laudmask.npz?url';
import { pixelsCanvas } from '../views/masks/draw';
import { atlasRequest } from '../views/masks/useMaskPipeline';
import { buildMaskAtlas } from '../worker/masksAtlas';
import { masksWorker } from '../worker/masksClient';

let started = false;

/** Reads and draws the built-in dump once per page; failures are ignored (it is only a warm-up). */
export async function warmUpDumpOpen(): Promise<void> {
  if (started) return;
  started = true;
  const response = await fetch(dumpUrl);
  if (!response.ok) return;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const result = await masksWorker().openDump(bytes, []);
  if (!result.ok) return;
  result.input.close();
  const pixels = buildMaskAtlas(result.dump.blocks, result.dump.ponder, atlasRequest());
  for (const p of [pixels.tiles, pixels.overlays, pixels.ponder, pixels.strips])
    if (p) pixelsCanvas(p.rgba, p.width, p.height);
}
