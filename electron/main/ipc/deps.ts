/**
 * Everything the IPC handlers need from the outside world, as one injectable object. index.ts
 * builds it from Electron (dialogs on the main window, clipboard, shell); tests build it from
 * fakes and a temp folder.
 */
import type { CommandId } from '../../../core/commands';
import type { ExportKind, FileKind } from '../../ipc/contract';
import type { FsPort } from '../lib/fsPort';
import type { Level } from '../lib/log';
import type { RecentStore } from '../lib/recent';
import type { RecoveryStore } from '../lib/recovery';
import type { FileCheckPort } from '../lib/fileChecks';

export interface Question {
  type: 'info' | 'warning' | 'error' | 'question';
  message: string;
  detail?: string;
  buttons: string[];
  defaultId: number;
  /** Button chosen by Escape / closing the box. */
  cancelId: number;
}

/** Main owns every dialog: the renderer never supplies a path. */
export interface DialogPort {
  /** Absolute path picked by the user, or null when cancelled. */
  pickOpenPath(kind: FileKind): Promise<string | null>;
  pickSavePath(kind: ExportKind, defaultName: string): Promise<string | null>;
  /** Absolute path of a folder picked by the user (image sets), or null when cancelled. */
  pickFolder?(): Promise<string | null>;
  /** Index of the button pressed. */
  ask(question: Question): Promise<number>;
}

/** Mutable per-run state shared by handlers and the window wiring. */
export interface SessionState {
  /** File the current configuration was opened from / last saved to. */
  documentPath: string | null;
  /** SHA-256 of that file as opened or last saved (what the session is based on). */
  documentHash: string | null;
  /** Unsaved changes, as reported by the renderer (drives the quit guard). */
  dirty: boolean;
  /** Set after a renderer crash: the reload restores the recovery file without asking. */
  restoreWithoutPrompt: boolean;
}

export interface HandlerDeps {
  fs: FsPort;
  dialogs: DialogPort;
  recent: RecentStore;
  recovery: RecoveryStore;
  state: SessionState;
  app: { name: string; version: string; versions: Record<string, string> };
  writeClipboard(text: string): void | Promise<void>;
  openExternal(url: string): Promise<void>;
  /** The renderer reported which commands are enabled: rebuild the menu. */
  setCommandStates(states: Partial<Record<CommandId, boolean>>): void;
  /** The recent list changed: rebuild the menu. */
  onRecentChanged(): void;
  /** The dirty flag changed (macOS shows it in the close button). */
  onDirtyChanged(dirty: boolean): void;
  /** The page subscribed to commands (queued OS file opens can be delivered). */
  onCommandsReady(): void;
  /** A session autosave reached disk (releases a pending quit). */
  onSessionSaved(): void;
  /** Checks user files (configurations, mask dumps) off the main thread, with a time limit. */
  fileChecks: FileCheckPort;
  log(level: Level, message: string): void;
  platform: string;
  now(): Date;
}
