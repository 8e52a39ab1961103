import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_IDS,
  OPEN_COMMAND_FOR_KIND,
  SYSTEM_COMMAND_IDS,
  findCommand,
  isCommandId,
  menuCommands,
  paletteCommands,
  parseAccelerator,
} from '../../../core/commands';

describe('the command registry', () => {
  it('declares every command issue 7 asks for', () => {
    const required = [
      'file.new',
      'file.open-config',
      'file.open-image',
      'file.open-mask',
      'file.save',
      'file.save-as',
      'edit.undo',
      'edit.redo',
      'view.toggle-theme',
      'view.reset-layout',
      'view.command-palette',
      'help.about',
    ];
    for (const id of required) expect(COMMAND_IDS, id).toContain(id);
    // One export command per export format.
    const exportKinds = ['config', 'csv', 'markdown', 'json', 'png', 'svg', 'text'];
    expect(COMMAND_IDS.filter((id) => id.startsWith('export.')).sort()).toEqual(
      exportKinds.map((k) => `export.${k}`).sort(),
    );
  });

  it('has unique ids of the form category.verb', () => {
    expect(new Set(COMMAND_IDS).size).toBe(COMMAND_IDS.length);
    for (const c of COMMANDS) expect(c.id).toMatch(new RegExp(`^${c.category}\\.[a-z-]+$`));
  });

  it('has unique, parseable accelerators; palette is Ctrl/Cmd+K', () => {
    const accelerators = COMMANDS.flatMap((c) => ('accelerator' in c ? [c.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const a of accelerators) expect(() => parseAccelerator(a)).not.toThrow();
    expect(findCommand('view.command-palette')?.accelerator).toBe('CmdOrCtrl+K');
  });

  it('uses sentence-case labels, with an ellipsis exactly when a dialog follows', () => {
    for (const c of COMMANDS) {
      const words = c.label.replace('…', '').split(' ').slice(1);
      for (const w of words) {
        // Later words are lower case unless they are names or acronyms.
        if (
          !['LAUDNet', 'Studio', 'JSON', 'CSV', 'PNG', 'SVG', 'Markdown', '3D', 'ONNX'].includes(w)
        ) {
          expect(w, c.label).toBe(w.toLowerCase());
        }
      }
    }
    const dialogs = [
      'file.open-config',
      'file.open-image',
      'file.open-mask',
      'file.open-model',
      'file.save-as',
    ];
    for (const id of dialogs) expect(findCommand(id)?.label.endsWith('…'), id).toBe(true);
    expect(findCommand('file.save')?.label).toBe('Save');
  });

  it('keeps system requests apart from user commands', () => {
    for (const id of SYSTEM_COMMAND_IDS) expect(isCommandId(id)).toBe(false);
    expect(isCommandId('file.save')).toBe(true);
    expect(isCommandId('rm -rf')).toBe(false);
  });

  it('routes OS-opened files to open commands that exist', () => {
    for (const id of Object.values(OPEN_COMMAND_FOR_KIND)) expect(isCommandId(id)).toBe(true);
  });

  it('places commands in menus and the palette in declaration order', () => {
    expect(menuCommands('edit').map((c) => c.id)).toEqual(['edit.undo', 'edit.redo']);
    expect(menuCommands('file', 'export')).toHaveLength(7);
    expect(paletteCommands().map((c) => c.id)).not.toContain('view.command-palette');
    // Neither the palette itself nor "Close dialog" (Escape) is listed.
    expect(paletteCommands()).toHaveLength(COMMANDS.length - 2);
  });
});
