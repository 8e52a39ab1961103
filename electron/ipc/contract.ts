/**
 * The one IPC contract between the renderer (through the preload) and main. Every channel is
 * namespaced (`area:verb`), has a zod schema for its single request argument, a response type and
 * a payload-size limit. Main validates every request against this file before any handler runs; the
 * preload and the renderer's Electron host only use its *types*, so zod stays out of the sandbox.
 */
import { z } from 'zod';
import { COMMAND_IDS, type CommandId } from '../../core/commands';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Largest file main reads for the renderer or writes for it (mask dumps can be large). */
export const MAX_FILE_BYTES = 256 * MiB;
/** Most files an opened image-set folder may list (a 50,000-image validation set fits). */
export const MAX_SET_FILES = 200_000;
/** Deepest folder level searched below an opened set folder (set/class/image.laudmask.npz is 1). */
export const MAX_SET_DEPTH = 4;
/** Largest autosaved session; a session is a configuration plus UI state, far below this. */
export const MAX_SESSION_BYTES = 16 * MiB;

export const FILE_KINDS = ['config', 'image', 'mask', 'architecture', 'hardware', 'model'] as const;
export const EXPORT_KINDS = [
  'config',
  'csv',
  'markdown',
  'json',
  'png',
  'svg',
  'text',
  'npz',
] as const;
/** Documentation pages `shell:open-docs` may open; the renderer names a topic, never a URL. */
export const DOC_TOPICS = ['paper', 'electron-security'] as const;
export const LOG_LEVELS = ['info', 'warn', 'error'] as const;

export type FileKind = (typeof FILE_KINDS)[number];
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type DocTopic = (typeof DOC_TOPICS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Binary data (Node's Buffer is a Uint8Array too). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes');
/** A file name without folders: main decides where files go, the renderer only suggests a name. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'must be a bare file name');

/**
 * A file inside an opened set folder, relative to it with '/' separators: no absolute path, no
 * '..', no empty or dot segments, so it can only name a file main listed.
 */
const setRelativePath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (s) =>
      s
        .split('/')
        .every((part) => part !== '' && part !== '.' && part !== '..' && !/[\\\0]/.test(part)),
    'must be a relative path inside the set folder',
  );

const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.literal('desktop'),
  versions: z.record(z.string(), z.string()),
});
const openedFile = z.object({ name: z.string(), bytes });
const saveResult = z.object({ name: z.string() });
const folderEntry = z.object({ path: z.string(), size: z.number() });
/** An opened set folder: an opaque id to read its files by, its name, and the files it holds. */
const openedFolder = z.object({ id: z.string(), name: z.string(), files: z.array(folderEntry) });
const recentFile = z.object({
  /** Opaque id main maps back to a path; the renderer cannot name a path to open. */
  id: z.string(),
  name: z.string(),
  /** Folder, for display only. */
  folder: z.string(),
  kind: z.enum(FILE_KINDS),
  openedAtMs: z.number(),
});

/** Channel table: request schema, response schema (documentation + types), payload limit. */
export const contract = {
  'app:info': { request: z.undefined(), response: appInfo, maxBytes: 0 },
  'file:open': {
    request: z.strictObject({ kind: z.enum(FILE_KINDS) }),
    response: openedFile.nullable(),
    maxBytes: 1 * KiB,
  },
  'file:save': {
    request: z.strictObject({
      kind: z.enum(EXPORT_KINDS),
      suggestedName: fileName,
      data: z.union([z.string().max(MAX_FILE_BYTES), bytes]),
    }),
    response: saveResult.nullable(),
    maxBytes: MAX_FILE_BYTES,
  },
  /**
   * Save / Save as of the configuration: "save" writes to the file it came from (a dialog when it
   * has none), "save as" always asks. Either way that file becomes the document's file.
   */
  'document:save': {
    request: z.strictObject({
      suggestedName: fileName,
      data: z.string().max(MAX_FILE_BYTES),
      saveAs: z.boolean(),
    }),
    response: saveResult.nullable(),
    maxBytes: MAX_FILE_BYTES,
  },
  /**
   * Image sets: main shows a folder dialog and lists the set's files (`.npz`, and `.json` at the
   * top level), at most MAX_SET_FILES of them, MAX_SET_DEPTH levels deep. Nothing is read yet.
   */
  'folder:open': { request: z.undefined(), response: openedFolder.nullable(), maxBytes: 0 },
  /** Reads one file main listed for an opened folder (lazy loading of per-image dumps). */
  'folder:read': {
    request: z.strictObject({ id: z.string().min(1).max(64), path: setRelativePath }),
    response: bytes,
    maxBytes: 2 * KiB,
  },
  'session:load': { request: z.undefined(), response: z.string().nullable(), maxBytes: 0 },
  'session:save': {
    request: z.strictObject({ text: z.string().max(MAX_SESSION_BYTES) }),
    response: z.null(),
    maxBytes: MAX_SESSION_BYTES,
  },
  /** Keeps a session the renderer could not restore next to the recovery file, never overwritten. */
  'session:keep-damaged': {
    request: z.strictObject({ text: z.string().max(MAX_SESSION_BYTES) }),
    response: z.null(),
    maxBytes: MAX_SESSION_BYTES,
  },
  'session:set-dirty': {
    request: z.strictObject({ dirty: z.boolean() }),
    response: z.null(),
    maxBytes: 64,
  },
  'recent:list': { request: z.undefined(), response: z.array(recentFile), maxBytes: 0 },
  'recent:open': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: openedFile.nullable(),
    maxBytes: 256,
  },
  'recent:clear': { request: z.undefined(), response: z.null(), maxBytes: 0 },
  'clipboard:write': {
    request: z.strictObject({ text: z.string().max(8 * MiB) }),
    response: z.null(),
    maxBytes: 8 * MiB,
  },
  'shell:open-docs': {
    request: z.strictObject({ topic: z.enum(DOC_TOPICS) }),
    response: z.null(),
    maxBytes: 256,
  },
  'commands:set-enabled': {
    request: z.strictObject({
      states: z.partialRecord(z.enum(COMMAND_IDS as [CommandId, ...CommandId[]]), z.boolean()),
    }),
    response: z.null(),
    maxBytes: 16 * KiB,
  },
  /** The renderer subscribed to commands: main may now deliver files the OS asked it to open. */
  'commands:ready': { request: z.undefined(), response: z.null(), maxBytes: 0 },
  'log:write': {
    request: z.strictObject({ level: z.enum(LOG_LEVELS), message: z.string().max(8 * KiB) }),
    response: z.null(),
    maxBytes: 16 * KiB,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType; maxBytes: number }>;

export type Channel = keyof typeof contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type RequestOf<C extends Channel> = z.infer<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof contract)[C]['response']>;

export type OpenedFile = z.infer<typeof openedFile>;
export type RecentFile = z.infer<typeof recentFile>;
export type FolderEntry = z.infer<typeof folderEntry>;

/** Why main refused or failed a request. The renderer shows `message`; `code` drives behaviour. */
export type IpcErrorCode = 'forbidden-sender' | 'payload-too-large' | 'invalid-argument' | 'failed';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

/** Every `invoke` resolves to this; handlers never make the renderer's promise reject. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The one main → renderer event channel: menu commands, file associations, flush requests. */
export const COMMAND_EVENT_CHANNEL = 'command';

export interface CommandEvent {
  /** A `CommandId` or one of `SYSTEM_COMMAND_IDS` from core/commands. */
  id: string;
  /** A file that came with the command (opened from the OS, the recent list or a second instance). */
  payload?: OpenedFile;
}

/** The type of `window.laudnet`, re-exported so the renderer's one link to electron/ is this file's types. */
export type { Api } from '../preload/api';
