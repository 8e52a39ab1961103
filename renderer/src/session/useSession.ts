import { useEffect } from 'react';
import type { Host } from '../host/types';
import { useHost } from '../hostContext';
import { useStudio, type StudioState } from '../store';
import { parseSession, serializeSession } from './sessionFile';

const AUTOSAVE_DELAY_MS = 400;

function snapshot(s: StudioState): string {
  return serializeSession({
    config: s.config,
    fileName: s.fileName,
    dirty: s.dirty,
    ui: {
      theme: s.theme,
      activeView: s.activeView,
      selectedStage: s.selectedStage,
      curveScope: s.curveScope,
    },
  });
}

let restoring: Promise<void> | null = null;

/**
 * Restores the autosaved session into the store, once per page: main.tsx starts it before the first
 * render and the first prediction, so both show the restored configuration, tab and theme (no jump from
 * the defaults). A damaged session is reported and kept aside by the host; the defaults stay.
 */
export function restoreSession(host: Host): Promise<void> {
  restoring ??= host
    .loadSession()
    .then((text) => {
      if (!text) return;
      const parsed = parseSession(text);
      if (parsed.ok) {
        const { session } = parsed;
        useStudio.setState({
          config: session.config,
          fileName: session.fileName,
          dirty: session.dirty,
          past: [],
          future: [],
          theme: session.ui.theme,
          activeView: session.ui.activeView,
          selectedStage: Math.min(session.ui.selectedStage, session.config.stages.length - 1),
          curveScope: session.ui.curveScope,
        });
        return;
      }
      useStudio
        .getState()
        .notify(
          'error',
          `Could not restore the previous session (${parsed.error}). It was kept aside; the default configuration is shown.`,
        );
      return host.keepDamagedSession?.(text);
    })
    .catch((err: unknown) => {
      useStudio
        .getState()
        .notify(
          'error',
          `Could not read the saved session: ${err instanceof Error ? err.message : String(err)}`,
        );
    });
  return restoring;
}

/**
 * Autosaves the session (debounced, flushed when the page is hidden or closed), from the moment it is
 * restored ({@link restoreSession}; started here too where main.tsx did not): a damaged session is never
 * overwritten before it is kept aside.
 */
export function useSession(): void {
  const host = useHost();
  useEffect(() => {
    let disposed = false;
    let restored = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSaved = '';
    // Nothing is written until the session changes after its restore: the stored text is the restored
    // session's (serialising it only to compare would build the configuration's schemas, tens of ms on
    // a cold page, before the first number).
    let changed = false;

    const flush = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (!restored || !changed) return;
      const text = snapshot(useStudio.getState());
      if (text === lastSaved) return;
      lastSaved = text;
      host.saveSession(text).catch((err: unknown) => {
        useStudio
          .getState()
          .notify('error', `Autosave failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    };
    const schedule = () => {
      if (!restored) return; // the restore's own update (the restore replaces the configuration anyway)
      changed = true;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    };

    void restoreSession(host).then(() => {
      if (disposed) return;
      restored = true;
    });

    const unsubscribe = useStudio.subscribe((state, prev) => {
      if (
        state.config !== prev.config ||
        state.theme !== prev.theme ||
        state.activeView !== prev.activeView ||
        state.fileName !== prev.fileName ||
        state.selectedStage !== prev.selectedStage ||
        state.curveScope !== prev.curveScope
      ) {
        schedule();
      }
    });
    const offCommand = host.onCommand((id) => {
      if (id === 'session.flush') flush();
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    window.addEventListener('blur', flush);
    return () => {
      disposed = true;
      flush();
      unsubscribe();
      offCommand();
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('blur', flush);
    };
  }, [host]);
}
