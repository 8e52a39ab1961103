import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../../electron/main/lib/fsPort';
import {
  RecoveryStore,
  createLatestWinsWriter,
  createSaveBarrier,
  contentHash,
  readRecoveryRecord,
  shouldOfferRestore,
  validateRecoveryText,
  type RecoveryRecord,
} from '../../../../electron/main/lib/recovery';
import { tempDir } from '../../helpers';

const HASH_A = contentHash('{"a":1}');
const record = (
  savedAtMs: number,
  text = '{"session":1}',
  basis: { dirty: boolean; documentHash: string | null } = { dirty: false, documentHash: HASH_A },
): RecoveryRecord => ({
  format: 'laudnet-recovery',
  version: 2,
  savedAtMs,
  documentPath: '/docs/model.laudnet.json',
  text,
  ...basis,
});

describe('shouldOfferRestore (by content, never by clock)', () => {
  it('offers a session with unsaved changes even when the file on disk is unchanged', () => {
    expect(shouldOfferRestore(record(1, 's', { dirty: true, documentHash: HASH_A }), HASH_A)).toBe(
      true,
    );
  });
  it('offers a saved session when the file on disk is no longer what it was based on', () => {
    expect(shouldOfferRestore(record(1), contentHash('{"a":2}'))).toBe(true);
    expect(shouldOfferRestore(record(1), null)).toBe(true); // the file is gone
  });
  it('does not offer a clean session identical to the file on disk', () => {
    expect(shouldOfferRestore(record(1), HASH_A)).toBe(false);
  });
  it('offers it when the session was never saved to a file', () => {
    expect(shouldOfferRestore({ ...record(1_000), documentPath: null }, null)).toBe(true);
  });
  it('offers nothing for no or an empty recovery', () => {
    expect(shouldOfferRestore(null, null)).toBe(false);
    expect(shouldOfferRestore(record(5_000, '  '), null)).toBe(false);
  });
});

describe('frozen recovery files of every version', () => {
  const frozen = (v: number) =>
    readFileSync(
      join(import.meta.dirname, '../../../fixtures/persisted/recovery', `v${v}.json`),
      'utf8',
    );

  it('reads version 1 as unsaved work of unknown basis, so it is always offered', () => {
    expect(validateRecoveryText(frozen(1))).toBeNull();
    const r = readRecoveryRecord(frozen(1));
    expect(r).toEqual({
      format: 'laudnet-recovery',
      version: 2,
      savedAtMs: 1740830400000,
      documentPath: '/docs/model.laudnet.json',
      text: '{"session":1}',
      documentHash: null,
      dirty: true,
    });
    expect(shouldOfferRestore(r, contentHash('{}'))).toBe(true);
  });

  it('refuses a record from a later release, naming the version found and the newest supported', () => {
    const future = JSON.stringify({ ...(JSON.parse(frozen(2)) as object), version: 3 });
    expect(validateRecoveryText(future)).toMatch(
      /recovery file has version 3, newer than the newest this release reads \(2\)/,
    );
  });

  it('names the field of a damaged version 1 record', () => {
    const v1 = JSON.stringify({ ...(JSON.parse(frozen(1)) as object), savedAtMs: 'noon' });
    expect(validateRecoveryText(v1)).toMatch(/\(version 1\) is damaged: savedAtMs/);
  });

  it('reads version 2 with its basis', () => {
    expect(validateRecoveryText(frozen(2))).toBeNull();
    const r = readRecoveryRecord(frozen(2));
    expect(r).toEqual({
      format: 'laudnet-recovery',
      version: 2,
      savedAtMs: 1740830400000,
      documentPath: '/docs/model.laudnet.json',
      text: '{"session":2}',
      documentHash: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      dirty: false,
    });
    expect(r.documentHash).toBe(contentHash('{}'));
    expect(shouldOfferRestore(r, contentHash('{}'))).toBe(false);
    expect(shouldOfferRestore(r, contentHash('{} '))).toBe(true);
  });
});

describe('validateRecoveryText', () => {
  it('accepts a well-formed record and names the problem of a bad one', () => {
    expect(validateRecoveryText(JSON.stringify(record(1)))).toBeNull();
    expect(validateRecoveryText('{')).toMatch(/not valid JSON/);
    expect(validateRecoveryText(JSON.stringify({ ...record(1), version: 9 }))).toMatch(/version 9/);
    expect(validateRecoveryText(JSON.stringify({ ...record(1), text: 3 }))).toMatch(
      /damaged: text:/,
    );
  });
});

describe('createLatestWinsWriter', () => {
  it('writes the last submitted text last, skipping superseded ones', async () => {
    const written: string[] = [];
    let release: () => void = () => {};
    const writer = createLatestWinsWriter(async (text) => {
      written.push(text);
      if (text === 'a') await new Promise<void>((r) => (release = r));
    });
    const first = writer.submit('a');
    const second = writer.submit('b');
    const third = writer.submit('c');
    release();
    await Promise.all([first, second, third]);
    // 'b' was superseded while 'a' was being written; 'c' is what is on disk.
    expect(written).toEqual(['a', 'c']);
  });

  it('rejects the callers of a failed write and keeps working', async () => {
    const writer = createLatestWinsWriter((text) =>
      text === 'bad' ? Promise.reject(new Error('ENOSPC')) : Promise.resolve(),
    );
    await expect(writer.submit('bad')).rejects.toThrow('ENOSPC');
    await expect(writer.submit('good')).resolves.toBeUndefined();
  });
});

describe('createSaveBarrier', () => {
  it('resolves true on the next save and false on timeout', async () => {
    const barrier = createSaveBarrier();
    const waiting = barrier.waitForNextSave(1_000);
    barrier.notifySaved();
    expect(await waiting).toBe(true);
    expect(await barrier.waitForNextSave(10)).toBe(false);
  });
});

describe('RecoveryStore', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  let nowMs = Date.parse('2025-03-01T12:00:00Z');
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'recovery', 'session.json');
  });
  afterEach(() => cleanup());
  const store = () => new RecoveryStore(nodeFs, file, () => new Date(nowMs));

  it('round-trips a session with its document path and time', async () => {
    await store().save('{"layers":3}', '/docs/a.laudnet.json', {
      documentHash: HASH_A,
      dirty: true,
    });
    const { record: loaded } = await store().load();
    expect(loaded).toEqual({
      format: 'laudnet-recovery',
      version: 2,
      savedAtMs: nowMs,
      documentPath: '/docs/a.laudnet.json',
      text: '{"layers":3}',
      documentHash: HASH_A,
      dirty: true,
    });
  });

  it('falls back to the previous autosave when the recovery file is damaged', async () => {
    await store().save('first', null);
    nowMs += 1_000;
    await store().save('second', null);
    writeFileSync(file, '{"format":"laudnet-rec');
    const { record: loaded, outcome } = await store().load();
    expect(outcome.status).toBe('corrupt');
    expect(loaded?.text).toBe('first');
  });

  it('archives (does not delete) a discarded recovery file, keeping the newest five', async () => {
    for (let i = 0; i < 7; i++) {
      nowMs += 1_000;
      await store().save(`session ${i}`, null);
      await store().discard();
    }
    const archives = readdirSync(join(dir, 'recovery')).filter((n) => n.includes('.discarded-'));
    expect(archives).toHaveLength(5);
    const newest = archives.sort().at(-1) ?? '';
    expect(JSON.parse(readFileSync(join(dir, 'recovery', newest), 'utf8'))).toMatchObject({
      text: 'session 6',
    });
    expect((await store().load()).record).toBeNull();
  });

  it('keeps a damaged session under its own name', async () => {
    const path = await store().keepDamaged('unparseable session');
    expect(path).toMatch(/session\.json\.damaged-/);
    expect(readFileSync(path, 'utf8')).toBe('unparseable session');
  });
});
