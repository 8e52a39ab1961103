import { useEffect } from 'react';
import { COMMANDS, isCommandId, matchesAccelerator } from '../../../core/commands';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { VIEWS } from '../views/registry';
import { runCommand } from './handlers';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === 'TEXTAREA' ||
    target.isContentEditable ||
    (tag === 'INPUT' &&
      !['range', 'checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type))
  );
}

/**
 * Keyboard shortcuts from the command registry (in the web build; on desktop the native menu owns the
 * accelerators and sends commands through the host), plus `?` for help, Alt+digit for views, Escape.
 */
export function useShortcuts(): void {
  const host = useHost();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStudio.getState();
      if (e.key === 'Escape' && (s.helpOpen || s.paletteOpen)) {
        s.setHelpOpen(false);
        s.setPaletteOpen(false);
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
        const view = VIEWS.find((v) => `Digit${v.digit}` === e.code);
        if (view) {
          e.preventDefault();
          s.setActiveView(view.id);
        }
        return;
      }
      if (e.key === '?' && !typingTarget(e.target)) {
        e.preventDefault();
        s.setHelpOpen(!s.helpOpen);
        return;
      }
      if (host.platform === 'desktop') return;
      for (const c of COMMANDS) {
        if (!('accelerator' in c) || !matchesAccelerator(c.accelerator, e, isMac)) continue;
        // Let text fields keep their own undo/redo.
        if ((c.id === 'edit.undo' || c.id === 'edit.redo') && typingTarget(e.target)) return;
        e.preventDefault();
        void runCommand(c.id, host);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = host.onCommand((id, payload) => {
      if (isCommandId(id)) void runCommand(id, host, payload);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [host]);
}
