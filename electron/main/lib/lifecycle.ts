/**
 * Decisions about closing and crashing, separated from the BrowserWindow events that trigger them:
 * the quit guard (never lose unsaved changes on close) and the crash policy (reload after a renderer
 * crash, but do not loop forever when the page crashes on load).
 */

export type QuitChoice = 'save' | 'discard' | 'cancel';

export interface QuitGuardDeps {
  isDirty(): boolean;
  /** Asks the renderer to write its autosave now; resolves when done or timed out. */
  flushSession(): Promise<void>;
  /** Asks the user what to do with unsaved changes. */
  confirm(): Promise<QuitChoice>;
  /** Starts the renderer's Save command (the close is cancelled; the user closes again). */
  requestSave(): void;
  /** Archives the recovery file so the next start does not offer work the user discarded. */
  discardRecovery(): Promise<void>;
}

export interface QuitGuard {
  /** True once closing was approved; the window's `close` handler lets the event through. */
  readonly approved: boolean;
  /**
   * Runs the review (flush, ask when dirty). Resolves true when the window should now close.
   * Concurrent calls (close clicked twice while the dialog is open) resolve false.
   */
  review(): Promise<boolean>;
}

export function createQuitGuard(deps: QuitGuardDeps): QuitGuard {
  let approved = false;
  let busy = false;
  return {
    get approved() {
      return approved;
    },
    async review() {
      if (approved) return true;
      if (busy) return false;
      busy = true;
      try {
        await deps.flushSession();
        const choice = deps.isDirty() ? await deps.confirm() : 'discard';
        if (choice === 'save') deps.requestSave();
        if (choice !== 'discard') return false;
        // A clean quit leaves nothing to recover; keeping the file would prompt on next start.
        await deps.discardRecovery();
        approved = true;
        return true;
      } finally {
        busy = false;
      }
    },
  };
}

export interface CrashPolicyOptions {
  /** Reloads allowed within `windowMs` before giving up (default 3). */
  maxReloads?: number;
  windowMs?: number;
}

/**
 * Whether to reload after a renderer crash at `nowMs`. A page that crashes again and again (e.g.
 * on restoring a poisonous session) gets `give-up`, so the user sees a message instead of a loop.
 */
export function createCrashPolicy(options: CrashPolicyOptions = {}): {
  onCrash(nowMs: number): 'reload' | 'give-up';
} {
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  let crashesMs: number[] = [];
  return {
    onCrash(nowMs) {
      crashesMs = [...crashesMs.filter((t) => nowMs - t < windowMs), nowMs];
      return crashesMs.length <= maxReloads ? 'reload' : 'give-up';
    },
  };
}
