/**
 * onnxruntime-web (WebAssembly) as the live engine's runtime, for the worker. Its .wasm and .mjs files
 * are bundled assets served by the app itself (offline, same origin); threads are used when the page
 * is cross-origin isolated (SharedArrayBuffer), SIMD always (the only wasm build shipped has it).
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { LiveRuntime, LiveSession } from './engine';
import type { LiveTensor } from '../../../core/live';

/** Most threads a session of this worker may use (a batch pool's workers ask for fewer). */
let threadLimit = 4;

/** Caps the threads of this worker's sessions; call it before the first session is created. */
export function limitLiveThreads(limit: number): void {
  threadLimit = Math.max(1, Math.floor(limit));
}

/** Threads onnxruntime may use here: several only where SharedArrayBuffer exists. */
export function liveThreads(): number {
  const isolated = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  if (!isolated) return 1;
  return Math.max(1, Math.min(threadLimit, navigator.hardwareConcurrency || 1));
}

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  ort.env.wasm.wasmPaths = {
    wasm: new URL(wasmUrl, self.location.href).href,
    mjs: new URL(mjsUrl, self.location.href).href,
  };
  ort.env.wasm.numThreads = liveThreads();
  ort.env.wasm.simd = true;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
}

/** The runtime over onnxruntime-web's wasm backend. */
export const ortRuntime: LiveRuntime = {
  async createSession(bytes: Uint8Array): Promise<LiveSession> {
    configure();
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      async run(feeds, fetches) {
        const out = await session.run(feeds as Record<string, ort.Tensor>, [...fetches]);
        const result: Record<string, LiveTensor> = {};
        for (const [name, tensor] of Object.entries(out)) {
          result[name] = { data: tensor.data as ArrayLike<number>, dims: tensor.dims };
        }
        return result;
      },
      release: () => session.release(),
    };
  },
  tensor(data, dims) {
    return new ort.Tensor('float32', data, [...dims]);
  },
};
