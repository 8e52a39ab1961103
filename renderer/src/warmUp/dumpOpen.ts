/**
 * Warm-up of a mask dump's first open, run once at idle after the first number (main.tsx): a small
 * built-in dump (warmUpDump.ts) goes through the same path as a user's — read in the masks worker (zip,
 * npy, PNG, the masks' pictures drawn there as bitmaps) — so that the first real dump does not pay for
 * compiling that code. Nothing reaches the store or the screen.
 */
import dumpUrl from './warmup.laudmask.npz?url';
import { atlasRequest } from '../views/masks/atlasRequest';
import { masksWorker } from '../worker/masksClient';

let started = false;

/** Reads and draws the built-in dump once per page; failures are ignored (it is only a warm-up). */
export async function warmUpDumpOpen(): Promise<void> {
  if (started) return;
  started = true;
  const response = await fetch(dumpUrl);
  if (!response.ok) return;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const result = await masksWorker().openDump(bytes, [], atlasRequest());
  if (!result.ok) return;
  result.input.close();
  const atlas = result.atlas;
  if (atlas) for (const b of [atlas.tiles, atlas.overlays, atlas.strips, atlas.ponder]) b?.close();
}
