/**
 * Issue 7, acceptance 2: random byte mutations of a valid configuration file and of a valid mask
 * dump, fed through the desktop open path — main's damage check, then the renderer's real loaders
 * (core/config `parseConfig`, core/maskfile `readMaskDump`). Zero exceptions; every failure is a
 * message; and main never refuses a file the real loader would have accepted.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureSpec } from '../../../core/arch';
import { parseConfig } from '../../../core/config';
import { readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { openDocumentAt } from '../../../electron/main/ipc/documents';
import {
  validateJsonObjectBytes,
  validateMaskDump,
} from '../../../electron/main/lib/documentCheck';
import { arch, content } from '../../core/maskfile/helpers';
import { makeDeps, tempDir } from '../helpers';

const MUTATIONS = 10_000;

/** mulberry32: seeded, so a failing iteration can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random mutation: flip bytes, truncate, insert junk, delete a run, or clobber a 4-byte field. */
function mutate(base: Uint8Array, rand: () => number): Uint8Array {
  const at = (n = base.length) => Math.floor(rand() * Math.max(1, n));
  switch (Math.floor(rand() * 5)) {
    case 0: {
      const out = base.slice();
      for (let k = 0, n = 1 + at(8); k < n; k++) out[at()] = at(256);
      return out;
    }
    case 1:
      return base.slice(0, at());
    case 2: {
      const i = at();
      const junk = Uint8Array.from({ length: 1 + at(16) }, () => at(256));
      const out = new Uint8Array(base.length + junk.length);
      out.set(base.subarray(0, i));
      out.set(junk, i);
      out.set(base.subarray(i), i + junk.length);
      return out;
    }
    case 3: {
      const i = at();
      const tail = base.subarray(Math.min(base.length, i + 1 + at(32)));
      const out = new Uint8Array(i + tail.length);
      out.set(base.subarray(0, i));
      out.set(tail, i);
      return out;
    }
    default: {
      const out = base.slice();
      out.set(rand() < 0.5 ? [0xff, 0xff, 0xff, 0xff] : [0, 0, 0, 0x7f], at(base.length - 4));
      return out;
    }
  }
}

const configBytes = new Uint8Array(
  readFileSync(join(import.meta.dirname, '../../fixtures/config/v1-resnet50-mixed.json')),
);
// One block per stage keeps each load cheap (10,000 of them), with every member kind present.
const regnet = arch('regnety004');
const mini: ArchitectureSpec = {
  ...regnet,
  id: 'fuzz-mini',
  stages: regnet.stages.map((stage) => ({ ...stage, blocks: 1 })),
};
const loaderOptions = { architectures: [mini] };
const maskContent = content(
  mini,
  ['spatial', 'both', 'channel', 'layer'],
  [4, 2, 2, 7],
  [2, 2, 2, 2],
);
// Stored members let mutations hit zip headers and array bytes; deflated ones exercise inflate.
const maskBytes = writeMaskDump({ ...maskContent, compress: false });
const maskBytesDeflated = writeMaskDump({ ...maskContent, compress: true });
const decoder = new TextDecoder();

describe('the valid inputs', () => {
  it('pass both main and the loaders', () => {
    expect(validateJsonObjectBytes(configBytes)).toBeNull();
    expect(parseConfig(decoder.decode(configBytes)).ok).toBe(true);
    for (const valid of [maskBytes, maskBytesDeflated]) {
      expect(validateMaskDump(valid)).toBeNull();
      expect(readMaskDump(valid, loaderOptions).ok).toBe(true);
    }
  });
});

describe(`${MUTATIONS} mutations`, () => {
  it('of a configuration: no exception, a message for every failure', () => {
    const rand = prng(7);
    let refusedByMain = 0;
    let refusedByLoader = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const bytes = mutate(configBytes, rand);
      const mainProblem = validateJsonObjectBytes(bytes);
      const loaded = parseConfig(decoder.decode(bytes));
      if (mainProblem !== null) {
        refusedByMain++;
        expect(mainProblem, `iteration ${i}`).toMatch(/\S/);
        // Main must never move aside a file the real loader accepts.
        expect(loaded.ok, `iteration ${i}: ${mainProblem}`).toBe(false);
      }
      if (!loaded.ok) {
        refusedByLoader++;
        expect(loaded.error, `iteration ${i}`).toMatch(/\S/);
      }
    }
    // The mutations must actually exercise both layers.
    expect(refusedByMain).toBeGreaterThan(MUTATIONS / 4);
    expect(refusedByLoader).toBeGreaterThan(refusedByMain);
  });

  it('of a mask dump: no exception, a message for every failure', () => {
    const rand = prng(11);
    let refusedByMain = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const bytes = mutate(i % 2 === 0 ? maskBytes : maskBytesDeflated, rand);
      const mainProblem = validateMaskDump(bytes);
      const loaded = readMaskDump(bytes, loaderOptions);
      if (mainProblem !== null) {
        refusedByMain++;
        expect(mainProblem, `iteration ${i}`).toMatch(/\S/);
        expect(loaded.ok, `iteration ${i}: ${mainProblem}`).toBe(false);
      }
      if (!loaded.ok) expect(loaded.error, `iteration ${i}`).toMatch(/\S/);
    }
    expect(refusedByMain).toBeGreaterThan(MUTATIONS / 4);
  });
});

describe('mutated files opened from disk', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it('each either opens or is explained to the user; no file is renamed or rewritten', async () => {
    const rand = prng(3);
    const written = new Map<string, Uint8Array>();
    for (let i = 0; i < 200; i++) {
      const kind = i % 2 === 0 ? 'config' : 'mask';
      const path = join(dir, `f${i}.${kind === 'config' ? 'laudnet.json' : 'laudmask.npz'}`);
      const bytes = mutate(kind === 'config' ? configBytes : maskBytes, rand);
      writeFileSync(path, bytes);
      written.set(path, bytes);
      const deps = makeDeps(dir);
      const opened = await openDocumentAt(deps, path, kind);
      if (opened === null) {
        expect(deps.dialogs.asked, `file ${i}`).toHaveLength(1);
        expect(deps.dialogs.asked[0]?.message, `file ${i}`).toMatch(
          /cannot be opened|not a readable/,
        );
      } else {
        expect(deps.dialogs.asked, `file ${i}`).toHaveLength(0);
      }
    }
    // Every file is still where it was, byte for byte; nothing was added beside it.
    for (const [path, bytes] of written) expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toEqual([]);
  });
});
