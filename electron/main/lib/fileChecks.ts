/**
 * The checks main runs on user files before handing them to the renderer, behind one port so
 * they can run off the main thread (workerChecks.ts) in the app and inline in tests. A check
 * answers with a one-line problem for the user, or null when the file may be opened.
 */
import { validateJsonObjectBytes, validateMaskDump } from './documentCheck';

export type FileCheckKind = 'config' | 'mask';

/** Runs file checks; the promise always resolves (a failed or stalled check is a problem). */
export interface FileCheckPort {
  check(kind: FileCheckKind, bytes: Uint8Array): Promise<string | null>;
  /** Stops any worker; later checks start a new one. */
  dispose(): Promise<void>;
}

/** The check itself, synchronous: what the worker runs. Never throws. */
export function runFileCheck(kind: FileCheckKind, bytes: Uint8Array): string | null {
  try {
    return kind === 'config' ? validateJsonObjectBytes(bytes) : validateMaskDump(bytes);
  } catch (err) {
    return `the file could not be checked (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Runs checks on the calling thread (tests, and the CLI, which has no event loop to protect). */
export const inlineFileChecks: FileCheckPort = {
  check: (kind, bytes) => Promise.resolve(runFileCheck(kind, bytes)),
  dispose: () => Promise.resolve(),
};
