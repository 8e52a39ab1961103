import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../../electron/main/lib/fsPort';
import {
  MAX_RECENT,
  RecentStore,
  addRecent,
  findRecent,
  recentId,
  toRecentFiles,
  validateRecentText,
  type RecentEntry,
} from '../../../../electron/main/lib/recent';
import { tempDir } from '../../helpers';

const entry = (path: string, openedAtMs = 0): RecentEntry => ({ path, kind: 'config', openedAtMs });

describe('addRecent', () => {
  it('puts the newest first', () => {
    const list = addRecent([entry('/a')], entry('/b'), 'linux');
    expect(list.map((e) => e.path)).toEqual(['/b', '/a']);
  });

  it('de-duplicates: reopening a file moves it to the top', () => {
    const list = [entry('/a', 1), entry('/b', 2), entry('/c', 3)];
    const next = addRecent(list, entry('/b', 9), 'linux');
    expect(next.map((e) => [e.path, e.openedAtMs])).toEqual([
      ['/b', 9],
      ['/a', 1],
      ['/c', 3],
    ]);
  });

  it('caps the list', () => {
    let list: RecentEntry[] = [];
    for (let i = 0; i < 25; i++) list = addRecent(list, entry(`/f${i}`), 'linux');
    expect(list).toHaveLength(MAX_RECENT);
    expect(MAX_RECENT).toBe(10);
    expect(list[0]?.path).toBe('/f24');
    expect(list.at(-1)?.path).toBe('/f15');
  });

  it('treats paths case-insensitively on Windows and macOS only', () => {
    expect(addRecent([entry('C:\\Docs\\A.json')], entry('c:/docs/a.json'), 'win32')).toHaveLength(
      1,
    );
    expect(addRecent([entry('/Docs/A.json')], entry('/docs/a.json'), 'darwin')).toHaveLength(1);
    expect(addRecent([entry('/Docs/A.json')], entry('/docs/a.json'), 'linux')).toHaveLength(2);
  });

  it('does not modify its input', () => {
    const list = [entry('/a')];
    addRecent(list, entry('/b'), 'linux');
    expect(list).toEqual([entry('/a')]);
  });
});

describe('recent ids', () => {
  it('are stable, distinct and hide the path', () => {
    expect(recentId('/docs/a.laudnet.json')).toBe(recentId('/docs/a.laudnet.json'));
    expect(recentId('/docs/a.laudnet.json')).not.toBe(recentId('/docs/b.laudnet.json'));
    expect(recentId('/docs/a.laudnet.json')).toMatch(/^r[0-9a-f]{8}$/);
    const files = toRecentFiles([entry('/docs/a.laudnet.json', 5)]);
    expect(files).toEqual([
      {
        id: recentId('/docs/a.laudnet.json'),
        name: 'a.laudnet.json',
        folder: '/docs',
        kind: 'config',
        openedAtMs: 5,
      },
    ]);
    expect(findRecent([entry('/docs/a.laudnet.json')], files[0]?.id ?? '')?.path).toBe(
      '/docs/a.laudnet.json',
    );
  });
});

describe('RecentStore', () => {
  let dir: string;
  let cleanup: () => void;
  const logs: string[] = [];
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());
  const store = () =>
    new RecentStore(nodeFs, join(dir, 'recent.json'), 'linux', (m) => logs.push(m));

  it('persists additions and reloads them', async () => {
    const a = store();
    await a.load();
    await a.add(entry('/x/one.laudnet.json', 1));
    await a.add(entry('/x/two.laudmask.npz', 2));
    const b = store();
    await b.load();
    expect(b.list().map((e) => e.path)).toEqual(['/x/two.laudmask.npz', '/x/one.laudnet.json']);
  });

  it('keeps a damaged list aside, logs it and recovers the backup', async () => {
    const a = store();
    await a.load();
    await a.add(entry('/x/one'));
    await a.add(entry('/x/two'));
    writeFileSync(join(dir, 'recent.json'), '[[[');
    const b = store();
    await b.load();
    expect(b.list().map((e) => e.path)).toEqual(['/x/one']);
    expect(logs.at(-1)).toMatch(/recent list damaged/);
    const corrupt = readdirSync(dir).find((n) => n.startsWith('recent.json.corrupt-')) ?? '';
    expect(readFileSync(join(dir, corrupt), 'utf8')).toBe('[[[');
  });

  it('removes and clears', async () => {
    const a = store();
    await a.load();
    await a.add(entry('/x/one'));
    await a.add(entry('/x/two'));
    await a.remove('/x/one');
    expect(a.list().map((e) => e.path)).toEqual(['/x/two']);
    await a.clear();
    const b = store();
    await b.load();
    expect(b.list()).toEqual([]);
  });
});

describe('frozen recent lists of every version', () => {
  const frozen = (v: number) =>
    readFileSync(
      join(import.meta.dirname, '../../../fixtures/persisted/recent', `v${v}.json`),
      'utf8',
    );
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('loads version 1 as it was written', async () => {
    expect(validateRecentText(frozen(1))).toBeNull();
    writeFileSync(join(dir, 'recent.json'), frozen(1));
    const s = new RecentStore(nodeFs, join(dir, 'recent.json'), 'linux', () => undefined);
    await s.load();
    expect(s.list()).toEqual([
      { path: '/docs/model.laudnet.json', kind: 'config', openedAtMs: 1740830400000 },
      { path: '/data/masks/stage2.npz', kind: 'mask', openedAtMs: 1740744000000 },
      { path: '/data/hw/orin.json', kind: 'hardware', openedAtMs: 1740657600000 },
    ]);
  });

  it('refuses a list from a later release, naming both versions, and keeps it aside', async () => {
    const future = JSON.stringify({ ...JSON.parse(frozen(1)), version: 2 });
    expect(validateRecentText(future)).toMatch(/version 2, newer than the newest .* \(1\)/);
    writeFileSync(join(dir, 'recent.json'), future);
    const logs: string[] = [];
    const s = new RecentStore(nodeFs, join(dir, 'recent.json'), 'linux', (m) => logs.push(m));
    await s.load();
    expect(s.list()).toEqual([]);
    expect(logs.at(-1)).toMatch(/recent list damaged .*version 2/);
    const kept = readdirSync(dir).find((n) => n.startsWith('recent.json.corrupt-')) ?? '';
    expect(readFileSync(join(dir, kept), 'utf8')).toBe(future);
  });

  it('names the bad field of a damaged entry', () => {
    const doc = JSON.parse(frozen(1)) as { entries: Array<Record<string, unknown>> };
    doc.entries[1] = { ...doc.entries[1], kind: 'spreadsheet' };
    expect(validateRecentText(JSON.stringify(doc))).toMatch(/damaged: entries\.1\.kind/);
  });
});
