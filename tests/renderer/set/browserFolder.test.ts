import { describe, expect, it } from 'vitest';
import {
  folderFromFileList,
  folderFromFiles,
  isSetFile,
} from '../../../renderer/src/host/browserFolder';

function file(name: string, text = name): File {
  return new File([text], name);
}

describe('set folders in the browser', () => {
  it('keeps .npz files at any allowed depth and .json at the top, sorted, hidden and deep ones out', async () => {
    const folder = folderFromFiles('val', [
      { path: 'dog/b.laudmask.npz', file: file('b.laudmask.npz', 'B') },
      { path: 'summary.npz', file: file('summary.npz', 'S') },
      { path: 'cat/a.laudmask.npz', file: file('a.laudmask.npz') },
      { path: 'cat/notes.json', file: file('notes.json') },
      { path: 'cat/photo.png', file: file('photo.png') },
      { path: '.cache/x.npz', file: file('x.npz') },
      { path: 'a/b/c/d/e/deep.npz', file: file('deep.npz') },
      { path: 'manifest.json', file: file('manifest.json') },
    ]);
    expect(folder.files.map((f) => f.path)).toEqual([
      'manifest.json',
      'summary.npz',
      'cat/a.laudmask.npz',
      'dog/b.laudmask.npz',
    ]);
    expect(new TextDecoder().decode(await folder.read('dog/b.laudmask.npz'))).toBe('B');
    await expect(folder.read('cat/photo.png')).rejects.toThrow(
      'cat/photo.png is not a file of the opened set.',
    );
  });

  it('strips the picked folder’s name from webkitRelativePath; plain picks keep their names', () => {
    const a = file('a.laudmask.npz');
    const s = file('summary.npz');
    Object.defineProperty(a, 'webkitRelativePath', { value: 'val/cat/a.laudmask.npz' });
    Object.defineProperty(s, 'webkitRelativePath', { value: 'val/summary.npz' });
    const picked = folderFromFileList([a, s]);
    expect(picked?.name).toBe('val');
    expect(picked?.files.map((f) => f.path)).toEqual(['summary.npz', 'cat/a.laudmask.npz']);
    const plain = folderFromFileList([file('x.laudmask.npz'), file('y.laudmask.npz')]);
    expect(plain?.name).toBe('Picked files');
    expect(plain?.files.map((f) => f.path)).toEqual(['x.laudmask.npz', 'y.laudmask.npz']);
    expect(folderFromFileList([])).toBeNull();
  });

  it('recognises set files by name', () => {
    expect(isSetFile('SUMMARY.NPZ')).toBe(true);
    expect(isSetFile('cat/x.laudmask.npz')).toBe(true);
    expect(isSetFile('cat/x.json')).toBe(false);
    expect(isSetFile('x.png')).toBe(false);
  });
});
