import { useEffect } from 'react';
import { commandForKey, isCommandId } from '../../../core/commands';
import { useHost } from '../hostContext';
import { COMMAND_HANDLERS, runCommand } from './handlers';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === 'TEXTAREA' ||
    tag === 'SELECT' ||
    target.isContentEditable ||
    (tag === 'INPUT' &&
      !['range', 'checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type))
  );
}

/**
 * Keyboard shortcuts, all declared in the command registry: accelerators in the web build (on desktop
 * the native menu owns them and sends commands through the host) and the page's own keys everywhere
 * (Alt+1…6 for views, `?` for help, Escape, Ctrl+Y). A disabled command lets the key through.
 */
export function useShortcuts(): void {
  const host = useHost();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = commandForKey(e, {
        isMac,
        nativeMenu: host.platform === 'desktop',
        typing: typingTarget(e.target),
      });
      if (!id) return;
      const handler = COMMAND_HANDLERS[id];
      if (handler.enabled && !handler.enabled()) return;
      e.preventDefault();
      void runCommand(id, host);
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
