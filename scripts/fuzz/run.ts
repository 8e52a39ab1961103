/**
 * `npm run fuzz`: mutation fuzzing of every loader (config, architecture, hardware, mask dump,
 * set summary, session, recent files, recovery) plus the hand-built hostile zips. Prints, per loader, how many
 * inputs were accepted, refused (with a message), crashed (threw) or slow (> 1 s), and the peak
 * memory. `npm run fuzz -- --runs 10000 --seed 7` sets the count per loader and the seed.
 * Exits 1 when anything crashed or was slow.
 */
import { fuzzAll, formatReport } from './engine';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const runs = flag('runs', 2000);
const seed = flag('seed', 1);
const report = fuzzAll({
  runs,
  seed,
  onProgress: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`\n${formatReport(report)}\n`);
const bad = report.loaders.reduce((n, l) => n + l.crashed + l.slow, 0);
process.exit(bad > 0 ? 1 : 0);
