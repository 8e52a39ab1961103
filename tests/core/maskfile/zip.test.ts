import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeUnzip } from '../../../core/maskfile';
import {
  buildZip,
  deflateBomb,
  duplicateNameZip,
  lyingSizeZip,
  overlappingZip,
  sharedStreamZip,
} from '../../../scripts/fuzz/hostileZips';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'zip', name)));
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

function refusal(bytes: Uint8Array): { code: string; error: string } {
  const r = safeUnzip(bytes);
  if (r.ok) throw new Error('accepted a hostile archive');
  return r;
}

describe('safeUnzip on hostile archives', () => {
  it('the bomb builder really expands about 1,032 times', () => {
    const bomb = deflateBomb(4000);
    expect(bomb.length).toBeLessThan(1100);
    const member = { name: 'z.bin', data: bomb, method: 8 as const, declaredSize: 1 + 4000 * 258 };
    const r = safeUnzip(buildZip([member]));
    expect(r.ok && r.members.get('z.bin')!.length).toBe(1_032_001);
    expect(r.ok && r.members.get('z.bin')!.every((b) => b === 0)).toBe(true);
  });

  it('stops a 1 MB member that lies about its size (1 kB declared, ~1 GB inside)', () => {
    const zip = lyingSizeZip();
    expect(zip.length).toBeGreaterThan(1_000_000);
    expect(refusal(zip)).toMatchObject({
      code: 'decompressed-too-large',
      error:
        'Member padding.npy inflates past its declared 1000 bytes; the archive is damaged or crafted.',
    });
  });

  it('stops a small member that lies about its size on the one-call path too', () => {
    const data = deflateBomb(40);
    const zip = buildZip([{ name: 'small.npy', data, method: 8, declaredSize: 100 }]);
    expect(refusal(zip).error).toBe(
      'Member small.npy inflates past its declared 100 bytes; the archive is damaged or crafted.',
    );
  });

  it('refuses 4,000 directory entries sharing one stream before inflating any', () => {
    expect(refusal(sharedStreamZip(4000))).toMatchObject({
      code: 'zip-corrupt',
      error:
        'The file is truncated or corrupt: it cannot be read as a zip archive (the members m0.npy and m1.npy overlap; a damaged or crafted archive).',
    });
  });

  it('refuses a member whose bytes hold another member', () => {
    expect(refusal(overlappingZip()).error).toContain(
      'the members outer.npy and inner.npy overlap',
    );
  });

  it('refuses two members with one name', () => {
    expect(refusal(duplicateNameZip()).error).toContain('the member manifest.json appears twice');
  });

  it('refuses a member that inflates to less than it declares', () => {
    const data = deflateSync(new Uint8Array(10));
    const zip = buildZip([{ name: 'short.npy', data, method: 8, declaredSize: 20 }]);
    expect(refusal(zip).error).toContain('short.npy inflates to 10 bytes, not the 20 it declares');
  });

  it('refuses a directory that promises more members than the limit', () => {
    const r = safeUnzip(sharedStreamZip(50), {
      maxMembers: 10,
      maxMemberBytes: 1 << 20,
      maxTotalBytes: 1 << 20,
    });
    expect(r).toMatchObject({ ok: false, code: 'too-many-members' });
  });

  it('counts the total across members as they inflate', () => {
    const data = deflateSync(new Uint8Array(600_000));
    const m = (name: string) => ({ name, data, method: 8 as const, declaredSize: 600_000 });
    const r = safeUnzip(buildZip([m('a'), m('b')]), {
      maxMembers: 10,
      maxMemberBytes: 1 << 20,
      maxTotalBytes: 1 << 20,
    });
    expect(r).toMatchObject({ ok: false, code: 'decompressed-too-large' });
  });

  it('refuses a truncated archive with the corrupt message', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(100) });
    expect(refusal(zip.subarray(0, zip.length - 30)).error).toMatch(
      /^The file is truncated or corrupt/,
    );
  });
});

describe('safeUnzip on honest archives', () => {
  it('reads stored and deflated members of an fflate zip', () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 7);
    const zip = zipSync({ 'a.txt': [new TextEncoder().encode('hi'), { level: 0 }], 'b.bin': big });
    const r = safeUnzip(zip);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(text(r.members.get('a.txt'))).toBe('hi');
    expect(r.members.get('b.bin')).toEqual(big);
  });

  it('reads members written with zip64 fields (numpy.savez writes them)', () => {
    const r = safeUnzip(fixture('zip64-forced.zip'));
    expect(r.ok && text(r.members.get('a.npy'))).toBe('hello '.repeat(100));
    expect(r.ok && text(r.members.get('b.txt'))).toBe('stored? no, deflated');
  });

  it('reads zip64 sizes and offsets from the central directory', () => {
    const data = deflateSync(new TextEncoder().encode('zip64 body'));
    const zip = buildZip([{ name: 'x.txt', data, method: 8, declaredSize: 10 }], undefined, true);
    const r = safeUnzip(zip);
    expect(r.ok && text(r.members.get('x.txt'))).toBe('zip64 body');
  });

  it('reads members whose sizes follow in a data descriptor', () => {
    const r = safeUnzip(fixture('data-descriptor.zip'));
    expect(r.ok && text(r.members.get('c.txt'))).toBe('abc'.repeat(50));
    expect(r.ok && r.members.get('d.npy')!.length).toBe(5000);
  });
});
