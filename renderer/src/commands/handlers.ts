import { VIEW_COMMANDS, type CommandId } from '../../../core/commands';
import type { Host, OpenedFile } from '../host/types';
import { useStudio } from '../store';
import type { ViewId } from '../store/uiSlice';
import { resolvedTheme } from '../theme';
import { loadConfigFile, newConfig, openConfig, saveConfig } from '../files/configFiles';
import { exportChart, exportReport } from '../files/exports';
import { requestOpen } from '../files/openRequests';
import { VIEWS } from '../views/registry';
import { masksWorker, readDumpEarly } from '../worker/masksClient';

export interface CommandHandler {
  run: (host: Host, payload?: OpenedFile) => void | Promise<void>;
  enabled?: () => boolean;
}

/** How long an open request waits for the masks view to mount (its code may still be loading). */
const VIEW_MOUNT_WAIT_MS = 15_000;

async function openInView(kind: 'image' | 'mask' | 'model', host: Host, payload?: OpenedFile) {
  // The masks view's code and its worker load while the user picks the file.
  void VIEWS.find((v) => v.id === 'masks')
    ?.preload?.()
    .catch(() => undefined);
  masksWorker();
  const file = payload ?? (await host.openFile(kind));
  if (!file) return;
  const s = useStudio.getState();
  // A dump is read in the worker while the view mounts (the view's request takes this read).
  const { model } = s.config;
  readDumpEarly(file.bytes, model.kind === 'custom' ? [model.architecture] : []);
  // The view opens with this file: it must not start decoding its default sample photo meanwhile.
  if (!s.maskImage) s.setMaskLoading(true);
  s.setActiveView('masks');
  // The view registers its handler once its code has loaded and it has mounted.
  const handled = await requestOpen(kind, file, VIEW_MOUNT_WAIT_MS);
  if (!handled) {
    useStudio.getState().setMaskLoading(false);
    useStudio.getState().notify('error', `The masks view is not available to open ${file.name}.`);
  }
}

type ViewCommandId = (typeof VIEW_COMMANDS)[keyof typeof VIEW_COMMANDS];

/** One handler per view command: shows that view. */
function viewHandlers(): Record<ViewCommandId, CommandHandler> {
  const out = {} as Record<ViewCommandId, CommandHandler>;
  for (const [view, id] of Object.entries(VIEW_COMMANDS) as [ViewId, ViewCommandId][]) {
    out[id] = { run: () => useStudio.getState().setActiveView(view) };
  }
  return out;
}

/** What each declared command does in the renderer. */
export const COMMAND_HANDLERS: Record<CommandId, CommandHandler> = {
  'file.new': { run: () => newConfig() },
  'file.open-config': {
    run: async (host, payload) => {
      if (payload) loadConfigFile(payload);
      else await openConfig(host);
    },
  },
  'file.open-image': { run: (host, payload) => openInView('image', host, payload) },
  'file.open-mask': { run: (host, payload) => openInView('mask', host, payload) },
  'file.open-model': { run: (host, payload) => openInView('model', host, payload) },
  'file.save': { run: (host) => saveConfig(host, false) },
  'file.save-as': { run: (host) => saveConfig(host, true) },
  'export.config': { run: (host) => saveConfig(host, true) },
  'export.json': {
    run: (host) => exportReport(host, 'json'),
    enabled: () => useStudio.getState().analysis !== null,
  },
  'export.csv': {
    run: (host) => exportReport(host, 'csv'),
    enabled: () => useStudio.getState().analysis !== null,
  },
  'export.markdown': {
    run: (host) => exportReport(host, 'markdown'),
    enabled: () => useStudio.getState().analysis !== null,
  },
  'export.text': { run: (host) => exportReport(host, 'text') },
  'export.png': { run: (host) => exportChart(host, 'png') },
  'export.svg': { run: (host) => exportChart(host, 'svg') },
  'edit.undo': {
    run: () => useStudio.getState().undo(),
    enabled: () => useStudio.getState().past.length > 0,
  },
  'edit.redo': {
    run: () => useStudio.getState().redo(),
    enabled: () => useStudio.getState().future.length > 0,
  },
  'view.command-palette': { run: () => useStudio.getState().setPaletteOpen(true) },
  'view.toggle-theme': {
    run: () => {
      const s = useStudio.getState();
      s.setTheme(resolvedTheme(s.theme) === 'dark' ? 'light' : 'dark');
    },
  },
  'view.reset-layout': { run: () => useStudio.getState().resetLayout() },
  ...viewHandlers(),
  'view.close-dialog': {
    run: () => {
      const s = useStudio.getState();
      s.setHelpOpen(false);
      s.setPaletteOpen(false);
    },
    // Only while one is open, so Escape still reaches other dialogs and fields otherwise.
    enabled: () => useStudio.getState().helpOpen || useStudio.getState().paletteOpen,
  },
  'help.shortcuts': {
    run: () => {
      const s = useStudio.getState();
      s.setPaletteOpen(false);
      s.setHelpOpen(!s.helpOpen);
    },
  },
  'help.docs': {
    run: async (host) => {
      await host.openDocs('paper');
    },
  },
  'help.about': {
    run: async (host) => {
      const info = await host.appInfo();
      useStudio
        .getState()
        .notify(
          'info',
          `${info.name} ${info.version} (${info.platform}). Latency model: the LAUDNet analytic predictor (Han et al., TPAMI 2024).`,
        );
    },
  },
};

/** Runs a command by id, reporting failures as a notice instead of an unhandled rejection. */
export async function runCommand(id: CommandId, host: Host, payload?: OpenedFile): Promise<void> {
  const handler = COMMAND_HANDLERS[id];
  if (handler.enabled && !handler.enabled()) return;
  try {
    await handler.run(host, payload);
  } catch (err) {
    useStudio
      .getState()
      .notify('error', `${id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
