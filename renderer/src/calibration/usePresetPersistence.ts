/** Loads the calibrated presets once and saves them on every change (host user data, else localStorage). */
import { useEffect } from 'react';
import { useHost } from '../hostContext';
import type { Host } from '../host/types';
import { useStudio } from '../store';
import {
  CALIBRATED_PRESETS_KEY,
  parseCalibratedPresets,
  serializeCalibratedPresets,
} from './calibratedPresets';

// The desktop host has no user-data store of its own: the renderer's localStorage persists there too.
const fallback = {
  load(key: string): Promise<string | null> {
    try {
      return Promise.resolve(localStorage.getItem(`laudnet-studio:user:${key}`));
    } catch {
      return Promise.resolve(null);
    }
  },
  save(key: string, text: string): Promise<void> {
    localStorage.setItem(`laudnet-studio:user:${key}`, text);
    return Promise.resolve();
  },
};

function storage(host: Host) {
  return {
    load: (key: string) => (host.loadUserData ? host.loadUserData(key) : fallback.load(key)),
    save: (key: string, text: string) =>
      host.saveUserData ? host.saveUserData(key, text) : fallback.save(key, text),
  };
}

/** Keeps `calibratedPresets` of the store in the user's storage. */
export function useCalibratedPresetsPersistence(): void {
  const host = useHost();
  useEffect(() => {
    const store = storage(host);
    let loaded = false;
    let cancelled = false;
    void store
      .load(CALIBRATED_PRESETS_KEY)
      .then(async (text) => {
        if (cancelled) return;
        if (text) {
          const parsed = parseCalibratedPresets(text);
          if (parsed.ok) useStudio.getState().setCalibratedPresets(parsed.presets);
          else {
            // Never overwrite what could not be read: keep it aside, then start a new list.
            await store.save(`${CALIBRATED_PRESETS_KEY}.damaged`, text);
            useStudio
              .getState()
              .notify('error', `Calibrated presets: ${parsed.error}; a copy was kept.`);
          }
        }
        loaded = true;
      })
      .catch(() => {
        loaded = true;
      });
    const unsubscribe = useStudio.subscribe((s, prev) => {
      if (!loaded || s.calibratedPresets === prev.calibratedPresets) return;
      store
        .save(CALIBRATED_PRESETS_KEY, serializeCalibratedPresets(s.calibratedPresets))
        .catch((err: unknown) =>
          useStudio
            .getState()
            .notify(
              'error',
              `Could not save the calibrated presets (${err instanceof Error ? err.message : String(err)}).`,
            ),
        );
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [host]);
}
