/**
 * Writes renderer/src/warmUp/warmup.laudmask.npz, the dump a fresh page reads once at idle (see
 * renderer/src/warmUp/warmUpDump.ts). Usage: npx tsx scripts/make-warmup-dump.ts
 */
import { writeFileSync } from 'node:fs';
import { warmUpDumpBytes } from '../renderer/src/warmUp/warmUpDump';

const out = new URL('../renderer/src/warmUp/warmup.laudmask.npz', import.meta.url);
const bytes = warmUpDumpBytes();
writeFileSync(out, bytes);
console.log(`wrote ${out.pathname}: ${bytes.length} bytes`);
