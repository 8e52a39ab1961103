/** The mutation engine and the bookkeeping of `npm run fuzz` (also driven by a CI test). */
import { safeUnzip } from '../../core/maskfile';
import { LOADERS, type Loader } from './loaders';
import { duplicateNameZip, lyingSizeZip, overlappingZip, sharedStreamZip } from './hostileZips';

export interface LoaderReport {
  name: string;
  runs: number;
  accepted: number;
  refused: number;
  crashed: number;
  slow: number;
  slowestMs: number;
  /** First few crash messages, with the iteration to replay. */
  crashes: string[];
}

export interface FuzzReport {
  loaders: LoaderReport[];
  peakRssMb: number;
  seconds: number;
}

/** mulberry32: seeded, so a failing iteration can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** Values that break naive code: huge, tiny, denormal, negative, non-numbers, deep nesting. */
const NASTY = [
  '1e308',
  '1e-320',
  '5e-324',
  '-1',
  '0',
  '-0',
  '1e10',
  '1.5',
  '2147483648',
  '9007199254740993',
  '"x"',
  'null',
  'true',
  '[]',
  '{}',
  '""',
  '"1e10"',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  '{"__proto__":{"x":1}}',
  '"\\u0000"',
  '1e400',
  // Echoed in a message, these must come out shortened (issue 13's message caps).
  `"${'x'.repeat(200_000)}"`,
  `{${Array.from({ length: 2000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
];

function byteMutation(base: Uint8Array, rand: () => number): Uint8Array {
  const at = (n = base.length) => Math.floor(rand() * Math.max(1, n));
  switch (Math.floor(rand() * 5)) {
    case 0: {
      const out = base.slice();
      for (let k = 1 + at(8); k > 0; k--) out[at()] = at(256);
      return out;
    }
    case 1:
      return base.slice(0, at());
    case 2: {
      const i = at();
      const junk = Uint8Array.from({ length: 1 + at(64) }, () => at(256));
      return Uint8Array.from([...base.subarray(0, i), ...junk, ...base.subarray(i)]);
    }
    case 3: {
      const i = at();
      return Uint8Array.from([...base.subarray(0, i), ...base.subarray(i + 1 + at(64))]);
    }
    default: {
      const out = base.slice();
      const i = at(Math.max(1, base.length - 4));
      const v = [0, 0xffffffff, 0x7fffffff, 0x80000000, at(0x10000)][at(5)]!;
      new DataView(out.buffer).setUint32(i, v >>> 0, true);
      return out;
    }
  }
}

/** Text mutations aimed at JSON: replace a number or value with a nasty one, or nest deeply. */
function textMutation(base: Uint8Array, rand: () => number): Uint8Array {
  const text = dec.decode(base);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * 4)) {
    case 0: {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
      if (numbers.length === 0) return byteMutation(base, rand);
      const m = pick(numbers);
      return enc.encode(text.slice(0, m.index) + pick(NASTY) + text.slice(m.index + m[0].length));
    }
    case 1: {
      const values = [...text.matchAll(/:\s*("[^"]*"|true|false|null|-?\d[\d.eE+-]*)/g)];
      if (values.length === 0) return byteMutation(base, rand);
      const m = pick(values);
      const start = m.index + m[0].indexOf(m[1]!);
      return enc.encode(text.slice(0, start) + pick(NASTY) + text.slice(start + m[1]!.length));
    }
    case 2: {
      const depth = 1 + Math.floor(rand() * 5000);
      const at = text.indexOf(':', Math.floor(rand() * text.length));
      if (at < 0) return byteMutation(base, rand);
      return enc.encode(
        `${text.slice(0, at + 1)}${'['.repeat(depth)}1${']'.repeat(depth)},"zz":${text.slice(at + 1)}`,
      );
    }
    default:
      return byteMutation(base, rand);
  }
}

function timed(loader: Loader, input: Uint8Array, report: LoaderReport, iteration: number): void {
  const t0 = performance.now();
  try {
    const v = loader.load(input);
    report[v]++;
  } catch (e) {
    report.crashed++;
    if (report.crashes.length < 5) {
      report.crashes.push(
        `#${iteration}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300),
      );
    }
  }
  const ms = performance.now() - t0;
  report.slowestMs = Math.max(report.slowestMs, ms);
  if (ms > 1000) report.slow++;
}

const blank = (name: string): LoaderReport => ({
  name,
  runs: 0,
  accepted: 0,
  refused: 0,
  crashed: 0,
  slow: 0,
  slowestMs: 0,
  crashes: [],
});

/** Runs `runs` mutations per loader, plus the hostile zips; never throws. */
export function fuzzAll(opts: {
  runs: number;
  seed: number;
  only?: readonly string[];
  onProgress?: (line: string) => void;
}): FuzzReport {
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  const loaders: LoaderReport[] = [];
  for (const loader of LOADERS.filter((l) => !opts.only || opts.only.includes(l.name))) {
    const rand = prng(opts.seed);
    const report = blank(loader.name);
    timed(loader, loader.seed, report, -1); // the seed itself
    for (let i = 0; i < opts.runs; i++) {
      const input =
        loader.text && rand() < 0.6
          ? textMutation(loader.seed, rand)
          : byteMutation(loader.seed, rand);
      timed(loader, input, report, i);
      report.runs++;
      if (i % 256 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    loaders.push(report);
    opts.onProgress?.(formatLine(report));
  }
  if (!opts.only || opts.only.includes('hostile zips')) {
    const report = blank('hostile zips');
    const zips = [
      lyingSizeZip(),
      lyingSizeZip(8_000_000),
      sharedStreamZip(4000),
      overlappingZip(),
      duplicateNameZip(),
    ];
    zips.forEach((zip, i) => {
      timed(
        {
          name: 'zip',
          seed: zip,
          text: false,
          load: (b) => (safeUnzip(b).ok ? 'accepted' : 'refused'),
        },
        zip,
        report,
        i,
      );
      report.runs++;
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    loaders.push(report);
    opts.onProgress?.(formatLine(report));
  }
  return {
    loaders,
    peakRssMb: Math.round(peak / 1048576),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function formatLine(r: LoaderReport): string {
  return (
    `${r.name.padEnd(14)} runs ${String(r.runs).padStart(6)}  accepted ${String(r.accepted).padStart(6)}` +
    `  refused ${String(r.refused).padStart(6)}  crashed ${r.crashed}  slow ${r.slow}` +
    `  slowest ${r.slowestMs.toFixed(0)} ms`
  );
}

export function formatReport(report: FuzzReport): string {
  const lines = report.loaders.map(formatLine);
  for (const r of report.loaders) for (const c of r.crashes) lines.push(`  ${r.name} crash ${c}`);
  lines.push(`peak memory ${report.peakRssMb} MB, ${report.seconds} s`);
  return lines.join('\n');
}
