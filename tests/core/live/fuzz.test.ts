/**
 * Opening a live model never throws, whatever the bytes: seeded mutations of the fixture's ONNX bytes
 * (flipped, deleted, inserted, truncated) and of its metadata JSON (values swapped for hostile ones) each
 * give `{ok: true}` or a refusal with a message of reasonable length.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLiveMetadata, parseLiveModel } from '../../../core/live';
import { metadataOf, withMetadata } from './onnxBytes';

const model = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'onnx', 'tiny-random.onnx')),
);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const HOSTILE: unknown[] = [
  null,
  -1,
  0,
  1e308,
  Number.MAX_SAFE_INTEGER,
  'x'.repeat(5000),
  [],
  {},
  [1, 2],
  true,
  '224',
  [null],
];

/** Every path to a value in a JSON tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

describe('live model loading under hostile input', () => {
  it('metadata: every value replaced by hostile ones, or removed', () => {
    const meta = metadataOf(model);
    let refused = 0;
    for (const path of paths(meta)) {
      for (const value of [...HOSTILE, undefined]) {
        const r = parseLiveMetadata(JSON.stringify(setAt(meta, path, value)));
        if (!r.ok) {
          refused++;
          expect(r.error.length).toBeLessThanOrEqual(1000);
          expect(r.error).toMatch(/^[A-Z]/);
        }
      }
    }
    expect(refused).toBeGreaterThan(500);
  });

  it('ONNX bytes: 400 seeded mutations', () => {
    const next = rng(15);
    const text = JSON.stringify(metadataOf(model));
    const outcomes = { ok: 0, refused: 0 };
    for (let run = 0; run < 400; run++) {
      let bytes: Uint8Array = model.slice();
      const kind = run % 4;
      // Mostly mutate the head (the top-level fields and the metadata at the end are where the reader looks).
      const at = () =>
        next() < 0.5 ? Math.floor(next() * 64) : bytes.length - 1 - Math.floor(next() * 4000);
      if (kind === 0)
        for (let k = 0; k < 4; k++) bytes[Math.max(0, at())] = Math.floor(next() * 256);
      if (kind === 1) bytes = bytes.subarray(0, Math.floor(next() * bytes.length));
      if (kind === 2) {
        const i = Math.max(0, at());
        const tail = bytes.subarray(i + 1 + Math.floor(next() * 8));
        const cut = new Uint8Array(i + tail.length);
        cut.set(bytes.subarray(0, i), 0);
        cut.set(tail, i);
        bytes = cut;
      }
      if (kind === 3) {
        const i = Math.floor(next() * text.length);
        bytes = withMetadata(model, {
          laudnet: text.slice(0, i) + '"]}{,:'.charAt(Math.floor(next() * 6)) + text.slice(i + 1),
        });
      }
      const r = parseLiveModel(bytes);
      if (r.ok) outcomes.ok++;
      else {
        outcomes.refused++;
        expect(r.error.length).toBeLessThanOrEqual(1000);
      }
    }
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
