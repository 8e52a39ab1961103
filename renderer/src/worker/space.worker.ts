/// <reference lib="webworker" />
/**
 * The 3D view's worker: the three.js scene drawn with WebGL on the OffscreenCanvas the page handed over.
 * Mask updates, texture uploads and renders happen here, not on the page's main thread; the page forwards
 * the user's pointer, wheel and key events ({@link ElementProxy}) and hears of each render and pick.
 * Protocol: renderer/src/views/space/protocol.ts.
 */
import type { BlockMaskSet } from '../../../core/maskfile/types';
import { ElementProxy } from '../views/space/elementProxy';
import { SpaceEngine } from '../views/space/engine';
import { decodeUpdate, type FromSpaceWorker, type ToSpaceWorker } from '../views/space/protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const element = new ElementProxy();
let engine: SpaceEngine | null = null;
let blocks: BlockMaskSet[] = [];
let input: Uint8ClampedArray | null = null;
/** The page's sequence number of the content the scene holds (0: none yet). */
let seq = 0;

const post = (message: FromSpaceWorker) => scope.postMessage(message);

function start(m: Extract<ToSpaceWorker, { type: 'init' }>): void {
  element.setBox(m.width, m.height, 0, 0);
  try {
    engine = new SpaceEngine(
      {
        canvas: m.canvas,
        element: element as unknown as HTMLElement,
        pixelRatio: m.pixelRatio,
        frames: {
          request: (cb) => scope.requestAnimationFrame(cb),
          cancel: (h) => scope.cancelAnimationFrame(h),
        },
        renderSoon: true,
      },
      m.width,
      m.height,
      (r) => post({ type: 'rendered', seq, renders: r.renders, inFrame: r.inFrame }),
    );
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (e: MessageEvent<ToSpaceWorker>) => {
  const m = e.data;
  if (m.type === 'init') {
    start(m);
    return;
  }
  if (!engine) return;
  switch (m.type) {
    case 'content':
      seq = m.seq;
      blocks = m.blocks;
      if (m.input !== undefined) input = m.input;
      engine.setContent(blocks, input);
      break;
    case 'update':
      seq = m.seq;
      blocks = decodeUpdate(blocks, m.changed, m.bytes);
      engine.setContent(blocks, input);
      break;
    case 'select':
      engine.setSelected(m.key);
      break;
    case 'frameAll':
      engine.frameAll();
      break;
    case 'resize':
      element.setBox(m.width, m.height, m.left, m.top);
      engine.resize(m.width, m.height);
      break;
    case 'event':
      element.dispatch(m.event);
      break;
    case 'pick':
      post({ type: 'picked', key: engine.pick(m.x, m.y) });
      break;
  }
};
