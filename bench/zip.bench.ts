// Hostile-zip benchmarks (issue 13). Each hand-built archive must be refused in < 1 s; an honest
// dump must still unzip quickly. Prints the worst of a few runs (ms), since a bomb's cost is its
// worst case.
import { findBuiltinArchitecture } from '../core/arch';
import { composeMaskDump, encodePngRgb, safeUnzip, writeMaskDump } from '../core/maskfile';
import {
  duplicateNameZip,
  lyingSizeZip,
  overlappingZip,
  sharedStreamZip,
} from '../scripts/fuzz/hostileZips';

function worst(label: string, bytes: Uint8Array, targetMs: number, expectOk: boolean): void {
  let max = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = safeUnzip(bytes);
    max = Math.max(max, performance.now() - t0);
    if (r.ok !== expectOk) throw new Error(`${label}: expected ok=${expectOk}`);
  }
  const size = `${(bytes.length / 1024).toFixed(0)} kB`;
  const verdict = max < targetMs ? 'ok' : 'SLOW';
  console.log(
    `${label.padEnd(58)} ${size.padStart(8)} worst ${max.toFixed(1).padStart(8)} ms (target < ${targetMs} ms) ${verdict}`,
  );
}

worst('member lying about its size (1 kB declared, ~1 GB inside)', lyingSizeZip(), 1000, false);
worst('8 MB member lying about its size (~8 GB inside)', lyingSizeZip(8_000_000), 1000, false);
worst('4,000 directory entries on one stream', sharedStreamZip(4000), 1000, false);
worst('a member holding another member', overlappingZip(), 1000, false);
worst('two members with one name', duplicateNameZip(), 1000, false);

const arch = findBuiltinArchitecture('resnet101')!;
const png = encodePngRgb(new Uint8Array(224 * 224 * 4).fill(90), 224, 224);
const honest = writeMaskDump(
  composeMaskDump({
    arch,
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    imagePng: png,
    masksFor: () => ({}),
  }),
);
worst('honest 33-block ResNet-101 dump', honest, 50, true);
