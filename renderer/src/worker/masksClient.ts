import { wrap, type Remote } from 'comlink';
import type { ArchitectureSpec } from '../../../core/arch';
import { atlasRequest } from '../views/masks/atlasRequest';
import type { MasksWorkerApi } from './masks.worker';
import type { MaskAtlasRequest } from './masksAtlas';

type DumpRead = ReturnType<Remote<MasksWorkerApi>['openDump']>;

let inner: Remote<MasksWorkerApi> | null = null;
let remote: Remote<MasksWorkerApi> | null = null;
/** Dump reads started before the masks view asked (see {@link readDumpEarly}), by the file's bytes. */
const early = new WeakMap<
  Uint8Array,
  { extra: ArchitectureSpec[]; atlas: MaskAtlasRequest; read: DumpRead }
>();

const sameArchitectures = (a: readonly ArchitectureSpec[], b: readonly ArchitectureSpec[]) =>
  a.length === b.length && a.every((arch, i) => arch === b[i]);

function worker(): Remote<MasksWorkerApi> {
  inner ??= wrap<MasksWorkerApi>(
    new Worker(new URL('./masks.worker.ts', import.meta.url), { type: 'module', name: 'masks' }),
  );
  return inner;
}

const samePictures = (a: MaskAtlasRequest, b: MaskAtlasRequest | undefined) =>
  b !== undefined && a.tilePx === b.tilePx && a.tileStripPx === b.tileStripPx;

/** `openDump` that first takes a read {@link readDumpEarly} started for the same bytes. */
function openDump(
  bytes: Uint8Array,
  extra: ArchitectureSpec[],
  atlas?: MaskAtlasRequest,
): DumpRead {
  const started = early.get(bytes);
  early.delete(bytes);
  if (started && sameArchitectures(started.extra, extra) && samePictures(started.atlas, atlas))
    return started.read;
  return worker().openDump(bytes, extra, atlas);
}

/** The shared masks worker (created on first use, like the analysis worker). */
export function masksWorker(): Remote<MasksWorkerApi> {
  remote ??= new Proxy(worker(), {
    get: (target, prop, receiver) =>
      prop === 'openDump' ? openDump : (Reflect.get(target, prop, receiver) as unknown),
  });
  return remote;
}

/**
 * Starts reading a mask dump in the worker now, while the masks view (maybe its code) is still on its
 * way: the view's own open request for the same bytes then takes this read instead of starting one.
 * The read also draws the masks' pictures at the page's pixel ratio, as the view asks for them.
 * Bytes that are not a zip (a `.npz` starts with "PK") are left alone.
 */
export function readDumpEarly(bytes: Uint8Array, extra: ArchitectureSpec[]): void {
  if (bytes.length < 2 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || early.has(bytes)) return;
  const atlas = atlasRequest();
  const read = worker().openDump(bytes, extra, atlas);
  read.catch(() => undefined); // a failure is reported by the view's request, which takes this read
  early.set(bytes, { extra, atlas, read });
}
