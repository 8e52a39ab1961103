import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, serializeConfig, validateConfig } from '../../../core/config';

const base = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'config', 'v1-resnet50-mixed.json'),
  'utf8',
);

/** mulberry32: a small seeded PRNG, so a failure is reproducible from the iteration number. */
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

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const pick = <T>(rand: () => number, xs: readonly T[]): T =>
  xs[Math.floor(rand() * xs.length)] as T;

const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  0.5,
  1,
  2,
  3,
  7,
  1e308,
  -0,
  1.5,
  '',
  'x',
  'spatial',
  'layer',
  'static',
  'stage9/9',
  '__proto__',
  [],
  [1, 2],
  {},
  { kind: 'builtin' },
  { kind: 'custom' },
  'resnet50',
  'v100',
];

/** All paths to values inside a JSON document. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (doc !== null && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function structuralMutation(rand: () => number, text: string): string {
  const doc = JSON.parse(text) as Json;
  const all = paths(doc).filter((p) => p.length > 0);
  const path = pick(rand, all);
  let parent: Json = doc;
  for (const part of path.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[part] as Json;
  const last = path[path.length - 1] as string | number;
  const holder = parent as Record<string | number, Json>;
  const action = rand();
  if (action < 0.5) holder[last] = pick(rand, ODD_VALUES);
  else if (action < 0.7) {
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
  } else if (action < 0.85) {
    if (Array.isArray(holder)) holder.push(holder[last] ?? null);
    else holder[`${String(last)}${pick(rand, ['', 'x', '_2'])}`] = pick(rand, ODD_VALUES);
  } else {
    const v = holder[last];
    if (typeof v === 'number') holder[last] = v * pick(rand, [-1, 0.5, 2, 1e6, 1 / 3]);
    else holder[last] = pick(rand, ODD_VALUES);
  }
  return JSON.stringify(doc, null, pick(rand, [0, 2]));
}

function textMutation(rand: () => number, text: string): string {
  const pos = Math.floor(rand() * text.length);
  const action = rand();
  if (action < 0.35) return text.slice(0, pos) + text.slice(pos + 1 + Math.floor(rand() * 8));
  if (action < 0.7)
    return (
      text.slice(0, pos) +
      pick(rand, [
        '{',
        '}',
        '[',
        ']',
        '"',
        ',',
        ':',
        '0',
        '9',
        '-',
        '.',
        'e',
        'null',
        'true',
        '\\',
        'é',
        '\u0000',
      ]) +
      text.slice(pos)
    );
  if (action < 0.85)
    return (
      text.slice(0, pos) +
      text.slice(pos + 1, pos + 2) +
      text.slice(pos, pos + 1) +
      text.slice(pos + 2)
    );
  return text.slice(0, pos);
}

describe('fuzz: 1,000 seeded mutations of a valid configuration file', () => {
  it('each either loads (and is then valid and round-trips) or fails with a message', () => {
    const rand = prng(20240607);
    let loaded = 0;
    let failed = 0;
    for (let i = 0; i < 1000; i++) {
      let text = base;
      const steps = 1 + Math.floor(rand() * 3);
      for (let s = 0; s < steps; s++) {
        try {
          text = rand() < 0.6 ? structuralMutation(rand, text) : textMutation(rand, text);
        } catch {
          text = textMutation(rand, text); // the previous step broke the JSON: keep mutating as text
        }
      }
      let res: ReturnType<typeof parseConfig>;
      try {
        res = parseConfig(text);
      } catch (e) {
        throw new Error(`mutation ${i} threw ${String(e)} for input:\n${text}`, { cause: e });
      }
      if (res.ok) {
        loaded++;
        expect(validateConfig(res.config), `mutation ${i}`).toEqual([]);
        expect(parseConfig(serializeConfig(res.config)), `mutation ${i}`).toEqual(res);
      } else {
        failed++;
        expect(typeof res.error, `mutation ${i}`).toBe('string');
        expect(res.error.trim().length, `mutation ${i}`).toBeGreaterThan(0);
        expect(res.error, `mutation ${i}`).not.toMatch(/undefined|\[object Object\]/);
      }
    }
    expect(loaded + failed).toBe(1000);
    // Both outcomes must occur, or the mutations are not exercising anything.
    expect(loaded).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(300);
  });
});
