import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPngHeader } from '../../../core/maskfile/png';
import { openMaskDump } from '../../../renderer/src/worker/masksCompute';
import { warmUpDumpBytes } from '../../../renderer/src/warmUp/warmUpDump';

const committed = () =>
  new Uint8Array(
    readFileSync(join(process.cwd(), 'renderer', 'src', 'warmUp', 'warmup.laudmask.npz')),
  );

describe('the warm-up dump a fresh page reads at idle', () => {
  it('is the committed file, byte for byte (regenerate: npx tsx scripts/make-warmup-dump.ts)', () => {
    expect(Buffer.from(warmUpDumpBytes()).equals(Buffer.from(committed()))).toBe(true);
  });

  it('opens like a user dump: ResNet-50, 16 spatial blocks, a third of the cells skipped', () => {
    const opened = openMaskDump(committed());
    if (!opened.ok) throw new Error(opened.error);
    const { dump } = opened;
    expect(dump.archId).toBe('resnet50');
    expect(dump.blocks).toHaveLength(16);
    const sides = dump.blocks.map((b) => b.grid?.height);
    expect(sides.slice(0, 3)).toEqual([14, 14, 14]); // stage 1 at S = 4 over 56×56
    expect(sides.at(-1)).toBe(7); // stage 4 at S = 1
    for (const block of dump.blocks) {
      const cells = Array.from(block.grid?.data ?? []);
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.filter((v) => v === 0)).toHaveLength(Math.ceil(cells.length / 3));
    }
    expect(dump.warnings.join(' ')).not.toMatch(/could not|invalid/i);
    const png = readPngHeader(dump.input.png);
    expect([png?.width, png?.height]).toEqual([224, 224]);
  });
});
