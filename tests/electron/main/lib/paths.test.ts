import { describe, expect, it } from 'vitest';
import {
  OPEN_FILTERS,
  appPaths,
  associatedKind,
  documentsFromArgv,
  safeFileName,
} from '../../../../electron/main/lib/paths';

describe('appPaths', () => {
  it('keeps everything under userData', () => {
    expect(appPaths('/home/u/.config/LAUDNet Studio')).toEqual({
      recoveryFile: '/home/u/.config/LAUDNet Studio/recovery/session.json',
      recentFile: '/home/u/.config/LAUDNet Studio/recent.json',
      logFile: '/home/u/.config/LAUDNet Studio/logs/laudnet-studio.log',
    });
  });
});

describe('associatedKind', () => {
  it('recognises the two associated double extensions, case-insensitively', () => {
    expect(associatedKind('/x/model.laudnet.json')).toBe('config');
    expect(associatedKind('C:\\x\\MODEL.LAUDNET.JSON')).toBe('config');
    expect(associatedKind('/x/run.laudmask.npz')).toBe('mask');
    expect(associatedKind('/x/other.json')).toBeNull();
    expect(associatedKind('/x/masks.npz')).toBeNull();
  });
});

describe('documentsFromArgv', () => {
  it('keeps associated documents, resolved against the working directory', () => {
    const argv = [
      '/opt/LAUDNet Studio/laudnet-studio',
      '--enable-features=X',
      'model.laudnet.json',
      '/abs/run.laudmask.npz',
      'notes.txt',
    ];
    expect(documentsFromArgv(argv, '/home/u/work')).toEqual([
      '/home/u/work/model.laudnet.json',
      '/abs/run.laudmask.npz',
    ]);
  });

  it('ignores the app path that Electron passes in development', () => {
    expect(documentsFromArgv(['/usr/bin/electron', '.'], '/repo')).toEqual([]);
  });

  it('does not mistake the executable itself for a document', () => {
    expect(documentsFromArgv(['/x/evil.laudnet.json'], '/')).toEqual([]);
  });
});

describe('safeFileName', () => {
  it('adds the kind extension once', () => {
    expect(safeFileName('table', 'csv')).toBe('table.csv');
    expect(safeFileName('table.csv', 'csv')).toBe('table.csv');
    expect(safeFileName('model', 'config')).toBe('model.laudnet.json');
    expect(safeFileName('model.json', 'config')).toBe('model.laudnet.json');
    expect(safeFileName('model.laudnet.json', 'config')).toBe('model.laudnet.json');
  });

  it('strips folders and characters Windows forbids', () => {
    expect(safeFileName('../../etc/passwd', 'text')).toBe('passwd.txt');
    expect(safeFileName('a:b*c?.md', 'markdown')).toBe('a_b_c_.md');
    expect(safeFileName('...', 'png')).toBe('untitled.png');
  });
});

describe('OPEN_FILTERS', () => {
  it('offers the associated extensions in the open dialogs', () => {
    expect(OPEN_FILTERS.config[0]?.extensions).toContain('laudnet.json');
    expect(OPEN_FILTERS.mask[0]?.extensions).toContain('laudmask.npz');
  });
});
