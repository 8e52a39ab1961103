/**
 * The renderer's only window on the outside world. The desktop build implements it over the preload
 * API (native dialogs, files owned by main); the web build implements it with file inputs, downloads
 * and local storage. Views and the store never know which one they have.
 */

/** What kind of document a file dialog is for; decides filters and default names. */
export type FileKind = 'config' | 'image' | 'mask' | 'architecture' | 'hardware' | 'model';

/** An export target: decides the dialog filter and the MIME type of a download. */
export type ExportKind = 'config' | 'csv' | 'markdown' | 'json' | 'png' | 'svg' | 'text' | 'npz';

export interface OpenedFile {
  /** File name without folders (the path stays in main on desktop). */
  name: string;
  bytes: Uint8Array;
}

/** A file of an opened set folder (path relative to the folder, '/' separators). */
export interface FolderEntry {
  path: string;
  size: number;
}

/**
 * An image-set folder (or several picked / dropped files): what it holds, and lazy reading. Nothing
 * is read until `read` is called, so a 50,000-dump folder opens as fast as its summary reads.
 */
export interface OpenedFolder {
  name: string;
  files: FolderEntry[];
  /** Bytes of a listed file; rejects with a readable message when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
}

export interface SaveRequest {
  kind: ExportKind;
  suggestedName: string;
  data: string | Uint8Array;
}

export interface SaveResult {
  /** Name the file was saved under (no folders). */
  name: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** 'desktop' (Electron) or 'web' (browser build). */
  platform: 'desktop' | 'web';
  versions: Record<string, string>;
}

/** An entry of the desktop recent-files list. The path stays in main; `id` reopens the file. */
export interface RecentFile {
  id: string;
  name: string;
  /** Folder, for display only. */
  folder: string;
  kind: FileKind;
  openedAtMs: number;
}

/** Documentation pages the desktop app may open in the browser (a fixed allow-list in main). */
export type DocTopic = 'paper' | 'electron-security';

export interface SaveDocumentRequest {
  suggestedName: string;
  /** The serialised configuration. */
  data: string;
  /** true: always ask where (Save as); false: write to the document's file when it has one. */
  saveAs: boolean;
}

export interface Host {
  readonly platform: 'desktop' | 'web';
  appInfo(): Promise<AppInfo>;
  /** Lets the user pick a file; null when cancelled. */
  openFile(kind: FileKind): Promise<OpenedFile | null>;
  /** Saves (desktop: save dialog) or downloads (web) data; null when cancelled. */
  saveFile(request: SaveRequest): Promise<SaveResult | null>;
  /** Writes text to the clipboard. */
  copyText(text: string): Promise<void>;
  /** Reads the autosaved session (null when none). */
  loadSession(): Promise<string | null>;
  /** Autosaves the session (debounced by the caller). */
  saveSession(text: string): Promise<void>;
  /** Keeps a session text that could not be restored (so autosave never destroys it). */
  keepDamagedSession?(text: string): Promise<void>;
  /** Subscribes to commands triggered outside the page (menu, file association); returns unsubscribe. */
  onCommand(listener: (commandId: string, payload?: OpenedFile) => void): () => void;

  /** Lets the user pick an image-set folder; null when cancelled. */
  openFolder?(): Promise<OpenedFolder | null>;
  /** Lets the user pick several files as one set (web); null when cancelled. */
  openFiles?(): Promise<OpenedFolder | null>;
  /** Opens an allow-listed documentation page (desktop: the system browser; web: a new tab). */
  openDocs(topic: DocTopic): Promise<void>;

  // Optional members: implemented by the desktop host only; callers fall back when absent.
  /** Save / Save as of the configuration (desktop keeps the file's path in main). */
  saveDocument?(request: SaveDocumentRequest): Promise<SaveResult | null>;
  /** Reports unsaved changes (drives the quit guard and the macOS close-button dot). */
  setDirty?(dirty: boolean): void;
  listRecent?(): Promise<RecentFile[]>;
  /** Opens a recent file by id; null when it is gone or damaged (the user was told). */
  openRecent?(id: string): Promise<OpenedFile | null>;
  clearRecent?(): Promise<void>;
  /** Enabled state per command id, mirrored into the native menu. */
  setCommandStates?(states: Record<string, boolean>): void;
  /** Reads a small piece of user data (e.g. calibrated hardware presets); null when absent. */
  loadUserData?(key: string): Promise<string | null>;
  /** Stores a small piece of user data. */
  saveUserData?(key: string, text: string): Promise<void>;
  /** Appends a line to the desktop log file (errors caught by the error boundary). */
  log?(level: 'info' | 'warn' | 'error', message: string): void;
}
