/** Issue 13: a set summary's or a mask dump's own values echoed in a refusal are cut short. */
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readMaskDump, writeMaskDump } from '../../../core/maskfile';
import { readMaskSetSummary, writeMaskSetSummary } from '../../../core/maskset';
import { arch, content } from '../maskfile/helpers';
import { smallSet } from './helpers';

const MB = 'x'.repeat(1 << 20);

function summaryWithManifest(edit: (m: Record<string, unknown>) => void): Uint8Array {
  const set = smallSet({
    modes: ['spatial', 'spatial', 'spatial', 'spatial'],
    S: [4, 4, 2, 1],
    images: 2,
    rate: () => 0.5,
  });
  const members = unzipSync(writeMaskSetSummary(set));
  const manifest = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as Record<
    string,
    unknown
  >;
  edit(manifest);
  members['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
  return zipSync(members, { level: 0 });
}

function refusal(bytes: Uint8Array): string {
  const r = readMaskSetSummary(bytes);
  if (r.ok) throw new Error('accepted');
  return r.error;
}

describe('set summary message caps', () => {
  it('a 1 MB architecture name gives a short refusal naming the field', () => {
    const error = refusal(
      summaryWithManifest((m) => ((m.model as Record<string, unknown>).arch = MB)),
    );
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('model.arch');
  });

  it('a 1 MB key in the set manifest gives a short refusal naming the field', () => {
    const error = refusal(
      summaryWithManifest((m) => {
        m.model = { ...(m.model as Record<string, unknown>), dyn_mode: { [MB]: 1 } };
      }),
    );
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('manifest.json is invalid at model.dyn_mode');
  });

  it('a mask dump whose manifest has a 1 MB array name: the path is cut with an ellipsis', () => {
    const dump = writeMaskDump(
      content(
        arch('resnet50'),
        ['spatial', 'spatial', 'channel', 'layer'],
        [4, 4, 2, 1],
        [2, 2, 2, 2],
      ),
    );
    const members = unzipSync(dump);
    const manifest = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as Record<
      string,
      unknown
    >;
    manifest.arrays = { [MB]: { dtype: 'float32', shape: [1] } };
    members['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    const r = readMaskDump(zipSync(members, { level: 0 }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.length).toBeLessThan(1000);
    expect(r.error).toMatch(/^manifest\.json is invalid at arrays\.x{39}…/);
  });
});
