/**
 * Dialogs and overlays loaded on demand: none of them is needed for the first screen. Their chunks are
 * small and fetched when idle after start-up (`preloadDialogs`), so opening one rarely waits at all.
 */
import { lazyNamed } from '../lazyChunk';

export const HelpOverlay = lazyNamed(() => import('../commands/Overlays'), 'HelpOverlay');
export const CommandPalette = lazyNamed(() => import('../commands/Overlays'), 'CommandPalette');
export const CalibrationDialog = lazyNamed(
  () => import('../calibration/CalibrationDialog'),
  'CalibrationDialog',
);
export const GranularityDialog = lazyNamed(
  () => import('../controls/GranularityDialog'),
  'GranularityDialog',
);

/** Fetches every dialog's chunk (called when the main thread is idle after start-up). */
export function preloadDialogs(): void {
  for (const d of [HelpOverlay, CommandPalette, CalibrationDialog, GranularityDialog])
    d.preload().catch(() => undefined); // a failure shows when the dialog is opened
}
