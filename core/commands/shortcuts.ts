/**
 * Which declared command a key press runs: the one place the page maps keys to commands (accelerators
 * in the web build, where no native menu exists, and every command's page-only `shortcuts`).
 */
import { matchesAccelerator, type KeyLike } from './accelerator';
import { COMMANDS, type CommandDeclaration, type CommandId } from './registry';

export interface ShortcutContext {
  isMac: boolean;
  /** True on desktop: the native menu owns the accelerators, the page only its own shortcuts. */
  nativeMenu: boolean;
  /** True while focus is in a text field: plain keys (`?`) belong to the field. */
  typing: boolean;
}

/** Whether a key string needs no Ctrl, Cmd or Alt (so it would type a character in a field). */
function isPlainKey(keys: string): boolean {
  return !/(^|\+)(CmdOrCtrl|CommandOrControl|Ctrl|Control|Cmd|Command|Meta|Super|Alt|Option)\+/.test(
    keys,
  );
}

/** Key strings the page listens for, per command, in declaration order. */
export function pageBindings(nativeMenu: boolean): { id: CommandId; keys: string }[] {
  const out: { id: CommandId; keys: string }[] = [];
  for (const c of COMMANDS as readonly CommandDeclaration[]) {
    const id = c.id as CommandId;
    if (c.accelerator && !nativeMenu) out.push({ id, keys: c.accelerator });
    for (const keys of c.shortcuts ?? []) out.push({ id, keys });
  }
  return out;
}

/** Every key string of a command (accelerator first), for help and the palette. */
export function commandKeys(c: CommandDeclaration): string[] {
  return [...(c.accelerator ? [c.accelerator] : []), ...(c.shortcuts ?? [])];
}

/**
 * The command a key press triggers, or null. Plain keys other than Escape do nothing while typing, and
 * undo/redo leave text fields their own undo.
 */
export function commandForKey(event: KeyLike, ctx: ShortcutContext): CommandId | null {
  for (const { id, keys } of pageBindings(ctx.nativeMenu)) {
    if (!matchesAccelerator(keys, event, ctx.isMac)) continue;
    if (ctx.typing && isPlainKey(keys) && keys !== 'Escape') return null;
    if (ctx.typing && (id === 'edit.undo' || id === 'edit.redo')) return null;
    return id;
  }
  return null;
}
