/**
 * Preload entry. Runs sandboxed with context isolation: it can only reach `contextBridge` and
 * `ipcRenderer`, and hands the page a frozen, function-only API — never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld('laudnet', Object.freeze(createApi(ipcRenderer)));
