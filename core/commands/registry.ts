/**
 * The command registry: every user command is declared once, here, as plain data. The Electron main
 * process builds the application menu from it, the renderer builds the command palette and keyboard
 * shortcuts from it and attaches the `run` / `enabled` logic. Keeping the declarations free of
 * behaviour is what lets both processes (and tests) share one list.
 */

/** Top-level application menus a command can appear in. */
export type MenuId = 'file' | 'edit' | 'view' | 'help';

/** Where a command sits in the application menu. */
export interface MenuPlacement {
  menu: MenuId;
  /** Nested submenu (only "export" today). */
  submenu?: 'export';
  /** Commands with different group numbers are separated by a separator; lower groups come first. */
  group: number;
}

/** Broad grouping used by the palette to label and sort commands. */
export type CommandCategory = 'file' | 'export' | 'edit' | 'view' | 'help';

export interface CommandDeclaration {
  /** Stable identifier, `<category>.<verb>`; sent over IPC, so never rename one. */
  readonly id: string;
  /** Sentence-case label; an ellipsis means the command asks for more input (a dialog). */
  readonly label: string;
  /** Electron accelerator syntax (`CmdOrCtrl+Shift+S`); also parsed by the renderer for shortcuts. */
  readonly accelerator?: string;
  /**
   * More keys for the command that the page handles itself on every platform, never the native menu
   * (`?` must stay typeable in text fields; Ctrl+Y is a second redo): accelerator syntax, plus `?`.
   * Keys without Ctrl, Cmd or Alt (other than Escape) are ignored while typing in a text field.
   */
  readonly shortcuts?: readonly string[];
  readonly category: CommandCategory;
  /** Absent for commands that only live in the palette or are triggered programmatically. */
  readonly menu?: MenuPlacement;
  /** Whether the command palette lists it (the palette command itself does not). */
  readonly palette: boolean;
}

/**
 * Every user command, in menu order. `as const satisfies` keeps the literal ids for the
 * `CommandId` union while checking each entry's shape.
 */
export const COMMANDS = [
  {
    id: 'file.new',
    label: 'New configuration',
    accelerator: 'CmdOrCtrl+N',
    category: 'file',
    menu: { menu: 'file', group: 0 },
    palette: true,
  },
  {
    id: 'file.open-config',
    label: 'Open configuration…',
    accelerator: 'CmdOrCtrl+O',
    category: 'file',
    menu: { menu: 'file', group: 0 },
    palette: true,
  },
  {
    id: 'file.open-image',
    label: 'Open image…',
    accelerator: 'CmdOrCtrl+Shift+O',
    category: 'file',
    menu: { menu: 'file', group: 0 },
    palette: true,
  },
  {
    id: 'file.open-mask',
    label: 'Open mask dump…',
    accelerator: 'CmdOrCtrl+Alt+O',
    category: 'file',
    menu: { menu: 'file', group: 0 },
    palette: true,
  },
  {
    id: 'file.open-model',
    label: 'Open ONNX model…',
    category: 'file',
    menu: { menu: 'file', group: 0 },
    palette: true,
  },
  {
    id: 'file.save',
    label: 'Save',
    accelerator: 'CmdOrCtrl+S',
    category: 'file',
    menu: { menu: 'file', group: 2 },
    palette: true,
  },
  {
    id: 'file.save-as',
    label: 'Save as…',
    accelerator: 'CmdOrCtrl+Shift+S',
    category: 'file',
    menu: { menu: 'file', group: 2 },
    palette: true,
  },
  {
    id: 'export.config',
    label: 'Export configuration…',
    accelerator: 'CmdOrCtrl+E',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 0 },
    palette: true,
  },
  {
    id: 'export.json',
    label: 'Export results as JSON…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 1 },
    palette: true,
  },
  {
    id: 'export.csv',
    label: 'Export table as CSV…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 1 },
    palette: true,
  },
  {
    id: 'export.markdown',
    label: 'Export report as Markdown…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 1 },
    palette: true,
  },
  {
    id: 'export.text',
    label: 'Export summary as text…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 1 },
    palette: true,
  },
  {
    id: 'export.png',
    label: 'Export view as PNG…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 2 },
    palette: true,
  },
  {
    id: 'export.svg',
    label: 'Export view as SVG…',
    category: 'export',
    menu: { menu: 'file', submenu: 'export', group: 2 },
    palette: true,
  },
  {
    id: 'edit.undo',
    label: 'Undo',
    accelerator: 'CmdOrCtrl+Z',
    category: 'edit',
    menu: { menu: 'edit', group: 0 },
    palette: true,
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    accelerator: 'CmdOrCtrl+Shift+Z',
    shortcuts: ['CmdOrCtrl+Y'],
    category: 'edit',
    menu: { menu: 'edit', group: 0 },
    palette: true,
  },
  {
    id: 'view.command-palette',
    label: 'Command palette…',
    accelerator: 'CmdOrCtrl+K',
    category: 'view',
    menu: { menu: 'view', group: 0 },
    palette: false,
  },
  {
    id: 'view.toggle-theme',
    label: 'Toggle theme',
    accelerator: 'CmdOrCtrl+Shift+L',
    category: 'view',
    menu: { menu: 'view', group: 1 },
    palette: true,
  },
  {
    id: 'view.reset-layout',
    label: 'Reset layout',
    category: 'view',
    menu: { menu: 'view', group: 1 },
    palette: true,
  },
  {
    id: 'view.show-curves',
    label: 'Show latency curves',
    accelerator: 'Alt+1',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-breakdown',
    label: 'Show per-block breakdown',
    accelerator: 'Alt+2',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-theory',
    label: 'Show theory vs practice',
    accelerator: 'Alt+3',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-hardware',
    label: 'Show hardware comparison',
    accelerator: 'Alt+4',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-masks',
    label: 'Show masks over images',
    accelerator: 'Alt+5',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-space',
    label: 'Show 3D view',
    accelerator: 'Alt+6',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-set',
    label: 'Show image set',
    accelerator: 'Alt+7',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-compare',
    label: 'Show compare',
    accelerator: 'Alt+8',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.show-explore',
    label: 'Show design-space explorer',
    accelerator: 'Alt+9',
    category: 'view',
    menu: { menu: 'view', group: 2 },
    palette: true,
  },
  {
    id: 'view.close-dialog',
    label: 'Close dialog',
    category: 'view',
    shortcuts: ['Escape'],
    palette: false,
  },
  {
    id: 'help.shortcuts',
    label: 'Keyboard shortcuts',
    category: 'help',
    menu: { menu: 'help', group: 0 },
    shortcuts: ['?'],
    palette: true,
  },
  {
    id: 'help.docs',
    label: 'LAUDNet paper',
    accelerator: 'F1',
    category: 'help',
    menu: { menu: 'help', group: 0 },
    palette: true,
  },
  {
    id: 'help.about',
    label: 'About LAUDNet Studio',
    category: 'help',
    menu: { menu: 'help', group: 1 },
    palette: true,
  },
] as const satisfies readonly CommandDeclaration[];

/** The id of a declared user command. */
export type CommandId = (typeof COMMANDS)[number]['id'];

/** All user command ids, in menu order. */
export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((c) => c.id);

/**
 * Requests main sends to the renderer over the same `command` channel that are not user commands:
 * `session.flush` asks the renderer to write its autosave now (window blur, before quit).
 */
export const SYSTEM_COMMAND_IDS = ['session.flush'] as const;

/** Commands a file opened by the OS (file association, recent list) is routed to, by file kind. */
export const OPEN_COMMAND_FOR_KIND = {
  config: 'file.open-config',
  image: 'file.open-image',
  mask: 'file.open-mask',
  model: 'file.open-model',
} as const satisfies Record<string, CommandId>;

const byId: ReadonlyMap<string, CommandDeclaration> = new Map(COMMANDS.map((c) => [c.id, c]));

/** The main views, in tab order, with the command that shows each (Alt+1 … Alt+6). */
export const VIEW_COMMANDS = {
  curves: 'view.show-curves',
  breakdown: 'view.show-breakdown',
  theory: 'view.show-theory',
  hardware: 'view.show-hardware',
  masks: 'view.show-masks',
  space: 'view.show-space',
  set: 'view.show-set',
  compare: 'view.show-compare',
  explore: 'view.show-explore',
} as const satisfies Record<string, CommandId>;

/** Narrows an arbitrary string (e.g. from IPC) to a declared command id. */
export function isCommandId(id: string): id is CommandId {
  return byId.has(id);
}

/** The declaration of `id`, or undefined when no such command exists. */
export function findCommand(id: string): CommandDeclaration | undefined {
  return byId.get(id);
}

/** Commands placed in `menu` (optionally in one of its submenus), in declaration order. */
export function menuCommands(
  menu: MenuId,
  submenu?: MenuPlacement['submenu'],
): CommandDeclaration[] {
  return COMMANDS.filter(
    (c: CommandDeclaration) => c.menu?.menu === menu && c.menu.submenu === submenu,
  );
}

/** Commands the palette lists, in declaration order (the renderer filters them as the user types). */
export function paletteCommands(): CommandDeclaration[] {
  return COMMANDS.filter((c: CommandDeclaration) => c.palette);
}
