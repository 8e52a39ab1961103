/**
 * Builds the application menu template from the command registry (core/commands), so the menu,
 * the renderer's palette and its shortcuts can never disagree about labels or accelerators. Menu
 * clicks do nothing in main except forward the command id to the renderer, which owns `run`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import {
  OPEN_COMMAND_FOR_KIND,
  menuCommands,
  type CommandDeclaration,
  type CommandId,
  type MenuId,
} from '../../../core/commands';
import type { RecentFile } from '../../ipc/contract';

export interface MenuModel {
  appName: string;
  /** `process.platform`: macOS gets the app menu and the Window menu. */
  platform: string;
  /** Development builds add reload and developer tools. */
  isDev: boolean;
  recent: readonly RecentFile[];
  /** Enabled state per command as last reported by the renderer; missing means enabled. */
  enabled: Partial<Record<CommandId, boolean>>;
  dispatch(id: CommandId): void;
  openRecent(id: string): void;
  clearRecent(): void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function commandItem(command: CommandDeclaration, model: MenuModel): MenuItemConstructorOptions {
  const id = command.id as CommandId;
  return {
    id,
    label: command.label,
    ...(command.accelerator ? { accelerator: command.accelerator } : {}),
    enabled: model.enabled[id] ?? true,
    click: () => model.dispatch(id),
  };
}

/** Menu items for `commands`, with a separator wherever the placement group changes. */
function itemsFor(
  commands: readonly CommandDeclaration[],
  model: MenuModel,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  let group: number | undefined;
  for (const command of commands) {
    const g = command.menu?.group;
    if (group !== undefined && g !== group) items.push(separator);
    group = g;
    items.push(commandItem(command, model));
  }
  return items;
}

function groupOf(commands: readonly CommandDeclaration[], group: number): CommandDeclaration[] {
  return commands.filter((c) => c.menu?.group === group);
}

function recentSubmenu(model: MenuModel): MenuItemConstructorOptions[] {
  if (model.recent.length === 0) return [{ label: 'No recent files', enabled: false }];
  return [
    ...model.recent.map((r) => ({
      id: `recent.${r.id}`,
      label: r.name,
      sublabel: r.folder,
      // Only kinds with an open command are ever added to the list (see recent handlers).
      enabled: r.kind in OPEN_COMMAND_FOR_KIND,
      click: () => model.openRecent(r.id),
    })),
    separator,
    { id: 'recent.clear', label: 'Clear recent files', click: () => model.clearRecent() },
  ];
}

function fileMenu(model: MenuModel, isMac: boolean): MenuItemConstructorOptions {
  const file = menuCommands('file');
  const exports = menuCommands('file', 'export');
  return {
    label: 'File',
    submenu: [
      ...itemsFor(groupOf(file, 0), model),
      { id: 'file.open-recent', label: 'Open recent', submenu: recentSubmenu(model) },
      separator,
      ...itemsFor(groupOf(file, 2), model),
      separator,
      { id: 'file.export', label: 'Export', submenu: itemsFor(exports, model) },
      separator,
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };
}

function simpleMenu(
  menu: MenuId,
  label: string,
  model: MenuModel,
  extra: MenuItemConstructorOptions[],
): MenuItemConstructorOptions {
  const items = itemsFor(menuCommands(menu), model);
  return { label, submenu: extra.length ? [...items, separator, ...extra] : items };
}

/**
 * The application menu template for `Menu.buildFromTemplate`.
 */
export function buildMenuTemplate(model: MenuModel): MenuItemConstructorOptions[] {
  const isMac = model.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: model.appName,
      submenu: [
        {
          id: 'help.about',
          label: `About ${model.appName}`,
          click: () => model.dispatch('help.about'),
        },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }
  template.push(fileMenu(model, isMac));
  // Native clipboard roles keep text fields working; undo/redo are the app's own history.
  template.push(
    simpleMenu('edit', 'Edit', model, [
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ]),
  );
  const devItems: MenuItemConstructorOptions[] = model.isDev
    ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator]
    : [];
  template.push(
    simpleMenu('view', 'View', model, [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ]),
  );
  if (isMac) template.push({ role: 'windowMenu' });
  const help = menuCommands('help');
  template.push({
    label: 'Help',
    // On macOS "About" lives in the app menu; listing it twice would look careless.
    submenu: itemsFor(isMac ? help.filter((c) => c.id !== 'help.about') : help, model),
  });
  return template;
}
