import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  commandForKey,
  commandKeys,
  VIEW_COMMANDS,
  type KeyLike,
} from '../../../core/commands';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...k,
});
const web = { isMac: false, nativeMenu: false, typing: false };
const desktop = { ...web, nativeMenu: true };

describe('shortcuts declared in the command registry', () => {
  it('Alt+1…9 show the views, in tab order, on web and desktop', () => {
    const views = Object.values(VIEW_COMMANDS);
    expect(views).toHaveLength(9);
    views.forEach((id, i) => {
      const e = key({ key: String(i + 1), code: `Digit${i + 1}`, altKey: true });
      expect(commandForKey(e, web)).toBe(id);
      // Desktop: the native menu owns accelerators, so the page does not run them twice.
      expect(commandForKey(e, desktop)).toBeNull();
    });
    expect(COMMANDS.find((c) => c.id === 'view.show-theory')?.accelerator).toBe('Alt+3');
  });

  it('? opens help (whatever Shift the layout needs), but types in a text field', () => {
    expect(commandForKey(key({ key: '?', shiftKey: true }), web)).toBe('help.shortcuts');
    expect(commandForKey(key({ key: '?', shiftKey: true }), desktop)).toBe('help.shortcuts');
    expect(commandForKey(key({ key: '?', shiftKey: true }), { ...web, typing: true })).toBeNull();
  });

  it('Escape closes dialogs, even from a text field (the palette input)', () => {
    expect(commandForKey(key({ key: 'Escape' }), { ...desktop, typing: true })).toBe(
      'view.close-dialog',
    );
  });

  it('Ctrl+Y redoes as well as Ctrl+Shift+Z, on desktop too; text fields keep their own', () => {
    expect(commandForKey(key({ key: 'y', code: 'KeyY', ctrlKey: true }), web)).toBe('edit.redo');
    expect(commandForKey(key({ key: 'y', code: 'KeyY', ctrlKey: true }), desktop)).toBe(
      'edit.redo',
    );
    expect(commandForKey(key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }), web)).toBe(
      'edit.redo',
    );
    expect(
      commandForKey(key({ key: 'y', code: 'KeyY', ctrlKey: true }), { ...web, typing: true }),
    ).toBeNull();
    expect(commandKeys(COMMANDS.find((c) => c.id === 'edit.redo')!)).toEqual([
      'CmdOrCtrl+Shift+Z',
      'CmdOrCtrl+Y',
    ]);
  });

  it('every key string of every command is unique', () => {
    const all = COMMANDS.flatMap((c) => commandKeys(c));
    expect(new Set(all).size).toBe(all.length);
  });
});
