import { useEffect, useMemo, useState } from 'react';
import { useStudio } from '../store';
import { transformerWorker } from './tfClient';
import { keptTokenCount, modeSwitches } from './tfConfig';
import { rankPatches, tokenMask, type TokenMask } from './tokenMasks';

export interface SaliencySource {
  /** Cache key: a sample id or "file:<name>". */
  key: string;
  label: string;
  source: { url: string } | { bytes: Uint8Array };
}

export interface LoadedPatches {
  key: string;
  input: ImageBitmap;
  ranking: number[];
}

const cache = new Map<string, LoadedPatches>();

/** The patch ranking of a photo (computed once per photo in the transformer worker, then cached). */
export function usePatchRanking(src: SaliencySource | null): {
  loaded: LoadedPatches | null;
  error: string | null;
} {
  // Results of the worker, by source key; a cached photo is read during render, no effect needed.
  const [failed, setFailed] = useState<{ key: string; error: string } | null>(null);
  const [, setDone] = useState(0);
  const key = src?.key ?? null;
  useEffect(() => {
    if (!src || cache.has(src.key)) return;
    let alive = true;
    transformerWorker()
      .saliency(src.source)
      .then((res) => {
        if (!res.ok) {
          if (alive) setFailed({ key: src.key, error: res.error });
          return;
        }
        cache.set(src.key, {
          key: src.key,
          input: res.value.input,
          ranking: rankPatches(res.value.scores),
        });
        if (alive) setDone((n) => n + 1);
      })
      .catch((err: unknown) => {
        if (alive)
          setFailed({ key: src.key, error: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      alive = false;
    };
  }, [src]);
  const loaded = key === null ? null : (cache.get(key) ?? null);
  return { loaded, error: failed && failed.key === key ? failed.error : null };
}

/** One mask per block of the current transformer (all 197 tokens where token skipping is off). */
export function useBlockMasks(ranking: number[] | null): TokenMask[] {
  const tf = useStudio((s) => s.transformer);
  return useMemo(() => {
    if (!tf || !ranking) return [];
    const on = modeSwitches(tf.mode).token;
    return tf.tokenRate.map((t) => tokenMask(ranking, on ? keptTokenCount(t) : 197));
  }, [tf, ranking]);
}
