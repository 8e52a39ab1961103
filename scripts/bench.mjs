// Runs every benchmark under bench/ in turn (TypeScript through tsx, .mjs with node) and prints figures.
// Benchmarks print their own figures; this runner only sequences them and reports failures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const cmd = file.endsWith('.ts')
    ? ['npx', ['tsx', join(dir, file)]]
    : ['node', [join(dir, file)]];
  const res = spawnSync(cmd[0], cmd[1], { stdio: 'inherit' });
  if (res.status !== 0) {
    failed++;
    console.log(`!!! ${file} exited with status ${res.status}`);
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
