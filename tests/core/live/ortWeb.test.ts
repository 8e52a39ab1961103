/**
 * Acceptance 1 (Node half): the committed test ONNX models run with onnxruntime-web (wasm backend, as the
 * app's worker runs them) and every mask equals the Python exporter's dump of the same image, cell for
 * cell: decision grids, conv2 and conv1 masks, channel groups, layer gates. The image is preprocessed in
 * TypeScript (core/live) from the committed PNG; fixtures: tests/fixtures/onnx (README there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { LiveTensor } from '../../../core/live';
import {
  checkSessionNames,
  outputsToDump,
  parseLiveModel,
  preprocessRgba,
} from '../../../core/live';
import { decodePng, readMaskDump } from '../../../core/maskfile';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'onnx');
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));
ort.env.wasm.numThreads = 1;

describe('live ONNX fixtures in onnxruntime-web (wasm, Node)', () => {
  it.each(['tiny-random', 'tiny-mixed'])(
    '%s: every mask equals the Python dump, cell for cell',
    async (name) => {
      const bytes = read(`${name}.onnx`);
      const parsed = parseLiveModel(bytes);
      if (!parsed.ok) throw new Error(parsed.error);
      const meta = parsed.meta;
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      expect(checkSessionNames(meta, session.inputNames, session.outputNames)).toBeNull();
      const png = decodePng(read('image.png'));
      if (!png.ok) throw new Error(png.error);
      const pre = preprocessRgba(png.rgba, png.width, png.height, meta.preprocessing);
      const outputs = await session.run({
        [meta.inputName]: new ort.Tensor('float32', pre.input, meta.inputShape),
      });
      await session.release();
      const live = outputsToDump(meta, outputs as unknown as Record<string, LiveTensor>);
      if (!live.ok) throw new Error(live.error);
      const py = readMaskDump(read(`${name}.laudmask.npz`));
      if (!py.ok) throw new Error(py.error);

      // The network input is the dump's image.png, pixel for pixel.
      const pyImage = decodePng(py.dump.imagePng);
      if (!pyImage.ok) throw new Error(pyImage.error);
      expect(Buffer.from(pre.cropRgba).equals(Buffer.from(pyImage.rgba))).toBe(true);

      expect(live.dump.blocks.map((b) => b.key)).toEqual(py.dump.blocks.map((b) => b.key));
      let cells = 0;
      let mixed = 0;
      for (const [i, b] of live.dump.blocks.entries()) {
        const p = py.dump.blocks[i]!;
        expect(b.mode).toBe(p.mode);
        for (const kind of ['grid', 'conv2', 'conv1'] as const) {
          expect(b[kind] === null, `${b.key} ${kind}`).toBe(p[kind] === null);
          const a = b[kind];
          const q = p[kind];
          if (!a || !q) continue;
          expect([a.groups, a.height, a.width]).toEqual([q.groups, q.height, q.width]);
          expect(Buffer.from(a.data).equals(Buffer.from(q.data)), `${b.key} ${kind}`).toBe(true);
          cells += a.data.length;
        }
        expect(b.channel === null).toBe(p.channel === null);
        if (b.channel && p.channel) {
          expect(Buffer.from(b.channel).equals(Buffer.from(p.channel)), `${b.key} channel`).toBe(
            true,
          );
          cells += b.channel.length;
        }
        if (b.rates.spatial !== null && b.rates.spatial > 0 && b.rates.spatial < 1) mixed++;
        // Soft scores: float32 here, float16 in the dump (≤ half a float16 step apart, same sign).
        if (b.gridScore && p.gridScore) {
          for (let k = 0; k < b.gridScore.data.length; k++) {
            const s = b.gridScore.data[k]!;
            const t = p.gridScore.data[k]!;
            expect(Math.abs(s - t)).toBeLessThanOrEqual(Math.max(Math.abs(t), 2 ** -14) * 2 ** -10);
            expect(s >= 0).toBe(t >= 0);
          }
        }
      }
      expect(cells).toBeGreaterThan(30_000);
      if (name === 'tiny-mixed') expect(mixed).toBeGreaterThan(5); // a real test of the decisions
      expect(live.dump.manifest.prediction?.top5_index).toEqual(
        py.dump.manifest.prediction?.top5_index,
      );
    },
    60_000,
  );
});
