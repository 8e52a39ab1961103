import { describe, expect, it } from 'vitest';
import {
  formatAccelerator,
  matchesAccelerator,
  parseAccelerator,
  type KeyLike,
} from '../../../core/commands';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('parseAccelerator', () => {
  it('parses modifiers and the key', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+S')).toEqual({
      key: 's',
      cmdOrCtrl: true,
      ctrl: false,
      meta: false,
      shift: true,
      alt: false,
    });
    expect(parseAccelerator('F1').key).toBe('F1');
  });

  it('rejects malformed accelerators loudly', () => {
    expect(() => parseAccelerator('CmdOrCtrl+')).toThrow(/unsupported part ""/);
    expect(() => parseAccelerator('Shift')).toThrow(/no key/);
    expect(() => parseAccelerator('A+B')).toThrow(/two keys/);
    expect(() => parseAccelerator('Hyper+X')).toThrow(/unsupported part "Hyper"/);
  });
});

describe('matchesAccelerator', () => {
  it('maps CmdOrCtrl to Ctrl elsewhere and to Cmd on macOS', () => {
    expect(matchesAccelerator('CmdOrCtrl+S', key('s', { ctrlKey: true }), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+S', key('s', { metaKey: true }), false)).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+S', key('s', { metaKey: true }), true)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+S', key('s', { ctrlKey: true }), true)).toBe(false);
  });

  it('requires exactly the declared modifiers', () => {
    expect(
      matchesAccelerator('CmdOrCtrl+S', key('S', { ctrlKey: true, shiftKey: true }), false),
    ).toBe(false);
    expect(
      matchesAccelerator('CmdOrCtrl+Shift+S', key('S', { ctrlKey: true, shiftKey: true }), false),
    ).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Shift+Z', key('z', { ctrlKey: true }), false)).toBe(false);
  });

  it('uses the physical key when Option composes a character on macOS', () => {
    const optionO = key('ø', { metaKey: true, altKey: true, code: 'KeyO' });
    expect(matchesAccelerator('CmdOrCtrl+Alt+O', optionO, true)).toBe(true);
  });

  it('matches named keys', () => {
    expect(matchesAccelerator('F1', key('F1'), false)).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Up', key('ArrowUp', { ctrlKey: true }), false)).toBe(true);
  });
});

describe('formatAccelerator', () => {
  it('uses symbols in Apple order on macOS and words elsewhere', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+S', true)).toBe('⇧⌘S');
    expect(formatAccelerator('CmdOrCtrl+Alt+O', true)).toBe('⌥⌘O');
    expect(formatAccelerator('CmdOrCtrl+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(formatAccelerator('F1', false)).toBe('F1');
  });
});
