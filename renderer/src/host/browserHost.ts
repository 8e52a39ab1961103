import { pickSet } from './browserFolder';
import { SESSION_STORAGE_KEY } from '../session/storageKey';
import type {
  AppInfo,
  DocTopic,
  ExportKind,
  FileKind,
  Host,
  OpenedFile,
  SaveRequest,
  SaveResult,
} from './types';

/** Accept filters of the file picker, per document kind. */
export const FILE_ACCEPT: Record<FileKind, string> = {
  config: '.json,.laudnet.json,application/json',
  image: 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp',
  mask: '.npz,.laudmask.npz',
  architecture: '.json,application/json',
  hardware: '.json,application/json',
  model: '.onnx',
};

const MIME: Record<ExportKind, string> = {
  config: 'application/json',
  json: 'application/json',
  csv: 'text/csv',
  markdown: 'text/markdown',
  png: 'image/png',
  svg: 'image/svg+xml',
  text: 'text/plain',
  npz: 'application/zip',
};

export { SESSION_STORAGE_KEY } from '../session/storageKey';
/** Prefix of user-data keys in local storage (calibrated presets, …). */
const USER_DATA_PREFIX = 'laudnet-studio:user:';

/** Lets the user pick one file through a transient `<input type="file">`. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.dataset.testid = 'host-file-input';
    let settled = false;
    const finish = (file: File | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** Reads a File into bytes (also used for drag-and-drop). */
export async function readFileBytes(file: File): Promise<OpenedFile> {
  const buffer = await file.arrayBuffer();
  return { name: file.name, bytes: new Uint8Array(buffer) };
}

/** Starts a browser download of `data`. */
function download(request: SaveRequest): SaveResult {
  const part: BlobPart =
    typeof request.data === 'string' ? request.data : new Uint8Array(request.data);
  const blob = new Blob([part], { type: MIME[request.kind] });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = request.suggestedName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name: request.suggestedName };
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Clipboard API refused (no focus, no permission): fall back to a selection copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy to the clipboard.');
}

/** The allow-listed documentation pages (the desktop main process keeps its own list). */
const DOC_URLS: Readonly<Record<DocTopic, string>> = {
  paper: 'https://arxiv.org/abs/2308.15949',
  'electron-security': 'https://www.electronjs.org/docs/latest/tutorial/security',
};

/** Host for the web build: file inputs, downloads and local storage instead of native services. */
export function createBrowserHost(version: string): Host {
  const listeners = new Set<(id: string, payload?: OpenedFile) => void>();
  return {
    platform: 'web',
    appInfo(): Promise<AppInfo> {
      return Promise.resolve({
        name: 'LAUDNet Studio',
        version,
        platform: 'web',
        versions: { browser: navigator.userAgent },
      });
    },
    async openFile(kind) {
      const file = await pickFile(FILE_ACCEPT[kind]);
      return file ? readFileBytes(file) : null;
    },
    openFolder: () => pickSet(true),
    openFiles: () => pickSet(false),
    saveFile(request) {
      return Promise.resolve(download(request));
    },
    copyText,
    loadSession() {
      try {
        return Promise.resolve(localStorage.getItem(SESSION_STORAGE_KEY));
      } catch {
        return Promise.resolve(null);
      }
    },
    saveSession(text) {
      try {
        localStorage.setItem(SESSION_STORAGE_KEY, text);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    keepDamagedSession(text) {
      try {
        localStorage.setItem(`${SESSION_STORAGE_KEY}.damaged-${new Date().toISOString()}`, text);
      } catch {
        // Storage full: the damaged text stays under the main key until the next autosave.
      }
      return Promise.resolve();
    },
    loadUserData(key) {
      try {
        return Promise.resolve(localStorage.getItem(`${USER_DATA_PREFIX}${key}`));
      } catch {
        return Promise.resolve(null);
      }
    },
    saveUserData(key, text) {
      try {
        localStorage.setItem(`${USER_DATA_PREFIX}${key}`, text);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    openDocs(topic) {
      window.open(DOC_URLS[topic], '_blank', 'noopener');
      return Promise.resolve();
    },
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
