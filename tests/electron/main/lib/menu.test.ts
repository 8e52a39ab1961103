import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, paletteCommands, type CommandId } from '../../../../core/commands';
import { buildMenuTemplate, type MenuModel } from '../../../../electron/main/lib/menu';

function model(overrides: Partial<MenuModel> = {}): MenuModel & { dispatched: string[] } {
  const dispatched: string[] = [];
  return {
    appName: 'LAUDNet Studio',
    platform: 'linux',
    isDev: false,
    recent: [],
    enabled: {},
    dispatch: (id) => void dispatched.push(id),
    openRecent: (id) => void dispatched.push(`recent:${id}`),
    clearRecent: () => void dispatched.push('recent:clear'),
    dispatched,
    ...overrides,
  };
}

/** Every item of the template, depth first. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu) : []),
  ]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('has one item per registry command that declares a menu, with its label and accelerator', () => {
    const items = flatten(buildMenuTemplate(model()));
    for (const command of COMMANDS.filter((c) => 'menu' in c)) {
      const item = items.find((i) => i.id === command.id);
      expect(item, command.id).toBeDefined();
      expect(item?.label).toBe(command.label);
      expect(item?.accelerator).toBe('accelerator' in command ? command.accelerator : undefined);
    }
  });

  it('forwards a click as the command id and nothing else', () => {
    const m = model();
    const items = flatten(buildMenuTemplate(m));
    click(items.find((i) => i.id === 'file.save-as'));
    click(items.find((i) => i.id === 'export.png'));
    expect(m.dispatched).toEqual(['file.save-as', 'export.png']);
  });

  it('lays out File ▸ Export as a submenu of the export commands', () => {
    const file = buildMenuTemplate(model()).find((m) => m.label === 'File');
    const exportMenu = (file?.submenu as MenuItemConstructorOptions[]).find(
      (i) => i.id === 'file.export',
    );
    const ids = (exportMenu?.submenu as MenuItemConstructorOptions[]).map((i) => i.id ?? i.type);
    expect(ids).toEqual([
      'export.config',
      'separator',
      'export.json',
      'export.csv',
      'export.markdown',
      'export.text',
      'separator',
      'export.png',
      'export.svg',
    ]);
  });

  it('mirrors the enabled state the renderer reported', () => {
    const enabled: Partial<Record<CommandId, boolean>> = { 'edit.undo': false };
    const items = flatten(buildMenuTemplate(model({ enabled })));
    expect(items.find((i) => i.id === 'edit.undo')?.enabled).toBe(false);
    expect(items.find((i) => i.id === 'edit.redo')?.enabled).toBe(true);
  });

  it('lists recent files and routes them by id', () => {
    const m = model({
      recent: [
        { id: 'r1', name: 'a.laudnet.json', folder: '/docs', kind: 'config', openedAtMs: 0 },
      ],
    });
    const items = flatten(buildMenuTemplate(m));
    const recent = items.find((i) => i.id === 'recent.r1');
    expect(recent?.label).toBe('a.laudnet.json');
    click(recent);
    click(items.find((i) => i.id === 'recent.clear'));
    expect(m.dispatched).toEqual(['recent:r1', 'recent:clear']);
  });

  it('shows a disabled placeholder when there are no recent files', () => {
    const items = flatten(buildMenuTemplate(model()));
    expect(items.find((i) => i.label === 'No recent files')?.enabled).toBe(false);
  });

  it('has developer tools only in development', () => {
    const roles = (dev: boolean) =>
      flatten(buildMenuTemplate(model({ isDev: dev }))).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('gives macOS the app menu with About, and lists About once', () => {
    const template = buildMenuTemplate(model({ platform: 'darwin' }));
    expect(template[0]?.label).toBe('LAUDNet Studio');
    expect(flatten(template).filter((i) => i.id === 'help.about')).toHaveLength(1);
    expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
  });
});

describe('the palette and the menu share the registry', () => {
  it('every palette command is reachable from the menu with the same label', () => {
    const menuItems = flatten(buildMenuTemplate(model()));
    for (const command of paletteCommands()) {
      expect(menuItems.find((i) => i.id === command.id)?.label).toBe(command.label);
    }
  });
});
