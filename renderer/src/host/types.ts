/**
 * The renderer's only window on the outside world. The desktop build implements it over the preload
 * API (native dialogs, files owned by main); the web build implements it with file inputs, downloads
 * and local storage. Views and the store never know which one they have.
 */

/** What kind of document a file dialog is for; decides filters and default names. */
export type FileKind = 'config' | 'image' | 'mask' | 'architecture' | 'hardware';

/** An export target: decides the dialog filter and the MIME type of a download. */
export type ExportKind = 'config' | 'csv' | 'markdown' | 'json' | 'png' | 'svg' | 'text';

export interface OpenedFile {
  /** File name without folders (the path stays in main on desktop). */
  name: string;
  bytes: Uint8Array;
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
  /** Subscribes to commands triggered outside the page (menu, file association); returns unsubscribe. */
  onCommand(listener: (commandId: string, payload?: OpenedFile) => void): () => void;
}
