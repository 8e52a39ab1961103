/**
 * The explorer's form and last result, kept at module level so that switching tabs and back keeps them.
 * The result is large typed data (hundreds of thousands of points), so it stays out of the store; only
 * an adopted point goes through the store (as an undoable configuration change).
 */
import { EXPLORE_MODES, type ExploreMode } from '../../../../core/explore';
import type { ExploreOutcome } from '../../worker/exploreClient';

/** Limits of one stage as typed in the form. */
export interface StageLimits {
  modes: ExploreMode[];
  /** Comma list of allowed S ('' = any valid). */
  granularities: string;
  /** Comma list of allowed G ('' = any valid). */
  groupSizes: string;
}

/** Everything the user set in the explorer. */
export interface ExploreForm {
  devices: string[];
  modes: ExploreMode[];
  rates: string;
  perStageRates: boolean;
  trainableOnly: boolean;
  stages: StageLimits[];
  minFlopsPct: string;
  budgetMs: string;
}

/** Device colours (literal hex: the canvas cannot read CSS variables), distinct in both themes. */
export const DEVICE_COLORS = [
  '#2563eb',
  '#d97706',
  '#0d9488',
  '#c026d3',
  '#dc2626',
  '#65a30d',
  '#7c3aed',
  '#0891b2',
  '#be123c',
  '#4b5563',
];

/** A fresh form for a configuration's hardware and stage count. */
export function defaultForm(deviceId: string, stages: number): ExploreForm {
  return {
    devices: [deviceId],
    modes: [...EXPLORE_MODES],
    rates: '0.3:0.9:0.1',
    perStageRates: false,
    trainableOnly: true,
    stages: Array.from({ length: stages }, () => ({
      modes: [...EXPLORE_MODES],
      granularities: '',
      groupSizes: '',
    })),
    minFlopsPct: '60',
    budgetMs: '',
  };
}

/** What the last run explored (model key) and its result. */
export const memory: {
  form: ExploreForm | null;
  outcome: ExploreOutcome | null;
  modelKey: string | null;
} = { form: null, outcome: null, modelKey: null };

/** `0.3:0.9:0.1` or `0.3, 0.5` → rates; a message naming the accepted forms otherwise. */
export function parseRateGrid(
  text: string,
): { ok: true; rates: number[] } | { ok: false; error: string } {
  const t = text.trim();
  const bad = {
    ok: false as const,
    error: `Rates: expected start:stop:step (e.g. 0.3:0.9:0.1) or a comma list of rates in (0, 1], got '${t}'`,
  };
  if (t === '') return bad;
  if (t.includes(':')) {
    const parts = t.split(':').map((p) => Number(p.trim()));
    if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return bad;
    const [a, b, step] = parts as [number, number, number];
    if (!(step > 0) || b < a) return bad;
    const n = Math.floor((b - a) / step + 1e-9) + 1;
    if (n > 1000) return { ok: false, error: `Rates: '${t}' gives ${n} rates (at most 1,000)` };
    return {
      ok: true,
      rates: Array.from({ length: n }, (_, k) => Number((a + k * step).toFixed(12))),
    };
  }
  const rates = t
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  if (rates.some((r) => !Number.isFinite(r))) return bad;
  return { ok: true, rates };
}

/** `4, 8` → [4, 8]; '' → undefined (no limit); a message for anything else. */
export function parseIntList(
  text: string,
  what: string,
): { ok: true; values: number[] | undefined } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: true, values: undefined };
  const values = t
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 1))
    return {
      ok: false,
      error: `${what}: expected positive integers separated by commas, got '${t}'`,
    };
  return { ok: true, values };
}

/** Milliseconds with 3 significant decimals below 10 ms (the axes are in ms, so no switch to µs). */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${ms < 10 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
