/**
 * Electron accelerator strings (`CmdOrCtrl+Shift+S`) parsed for the renderer: the web build has no
 * native menu, so it matches key events itself, and the palette shows shortcuts in the platform's
 * notation. Only the subset the registry uses is supported; anything else is rejected loudly rather
 * than silently never matching.
 */

export interface ParsedAccelerator {
  /** Lower-case key for letters/digits (`s`, `1`), or the named key (`F1`, `Enter`). */
  key: string;
  /** "Command on macOS, Control elsewhere". */
  cmdOrCtrl: boolean;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** Minimal keyboard-event shape, so this stays DOM-free and testable. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** Physical key (`KeyS`); used when Alt/Option changes `key` into another character on macOS. */
  code?: string;
}

const NAMED_KEYS = new Set([
  'Enter',
  'Escape',
  'Tab',
  'Space',
  'Backspace',
  'Delete',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
]);

/**
 * Parses an Electron accelerator.
 *
 * @throws Error when the accelerator has no key, two keys, or an unknown modifier/key.
 */
export function parseAccelerator(accelerator: string): ParsedAccelerator {
  const parsed: ParsedAccelerator = {
    key: '',
    cmdOrCtrl: false,
    ctrl: false,
    meta: false,
    shift: false,
    alt: false,
  };
  for (const part of accelerator.split('+')) {
    switch (part) {
      case 'CmdOrCtrl':
      case 'CommandOrControl':
        parsed.cmdOrCtrl = true;
        break;
      case 'Ctrl':
      case 'Control':
        parsed.ctrl = true;
        break;
      case 'Cmd':
      case 'Command':
      case 'Meta':
      case 'Super':
        parsed.meta = true;
        break;
      case 'Shift':
        parsed.shift = true;
        break;
      case 'Alt':
      case 'Option':
        parsed.alt = true;
        break;
      default: {
        if (parsed.key !== '') throw new Error(`Accelerator "${accelerator}" names two keys.`);
        if (/^[A-Za-z0-9]$/.test(part)) parsed.key = part.toLowerCase();
        else if (NAMED_KEYS.has(part) || PUNCTUATION.has(part)) parsed.key = part;
        else throw new Error(`Accelerator "${accelerator}" has an unsupported part "${part}".`);
      }
    }
  }
  if (parsed.key === '') throw new Error(`Accelerator "${accelerator}" has no key.`);
  return parsed;
}

/** Punctuation keys (the page's `?` for help); Shift is whatever the layout needs to type them. */
const PUNCTUATION = new Set(['?']);

/** DOM `KeyboardEvent.key` values for the named keys whose Electron name differs. */
const DOM_KEY: Record<string, string> = {
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Space: ' ',
};

function eventKey(event: KeyLike, wantLetterOrDigit: boolean): string {
  // With Alt/Option held, macOS reports a composed character in `key`; the physical code is reliable.
  if (wantLetterOrDigit && event.code) {
    const m = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code);
    if (m) return (m[1] ?? m[2] ?? '').toLowerCase();
  }
  return event.key.length === 1 ? event.key.toLowerCase() : event.key;
}

/**
 * Whether a key event triggers the accelerator. Modifiers must match exactly, so `CmdOrCtrl+S`
 * does not fire on Ctrl+Shift+S.
 */
export function matchesAccelerator(accelerator: string, event: KeyLike, isMac: boolean): boolean {
  const a = parseAccelerator(accelerator);
  const wantCtrl = a.ctrl || (a.cmdOrCtrl && !isMac);
  const wantMeta = a.meta || (a.cmdOrCtrl && isMac);
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta) return false;
  const anyShift = PUNCTUATION.has(a.key);
  if ((!anyShift && event.shiftKey !== a.shift) || event.altKey !== a.alt) return false;
  const letterOrDigit = a.key.length === 1;
  return eventKey(event, letterOrDigit) === (DOM_KEY[a.key] ?? a.key);
}

/** Human-readable shortcut: `⇧⌘S` on macOS, `Ctrl+Shift+S` elsewhere. */
export function formatAccelerator(accelerator: string, isMac: boolean): string {
  const a = parseAccelerator(accelerator);
  const key = a.key.length === 1 ? a.key.toUpperCase() : a.key;
  if (isMac) {
    // Apple's fixed order: Control, Option, Shift, Command.
    return [
      a.ctrl ? '⌃' : '',
      a.alt ? '⌥' : '',
      a.shift ? '⇧' : '',
      a.meta || a.cmdOrCtrl ? '⌘' : '',
      key,
    ].join('');
  }
  const parts: string[] = [];
  if (a.ctrl || a.cmdOrCtrl) parts.push('Ctrl');
  if (a.meta) parts.push('Super');
  if (a.alt) parts.push('Alt');
  if (a.shift) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}
