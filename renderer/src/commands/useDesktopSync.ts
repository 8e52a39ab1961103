import { useEffect } from 'react';
import { COMMAND_IDS } from '../../../core/commands';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { COMMAND_HANDLERS } from './handlers';

/**
 * Keeps the desktop shell in step with the page: the unsaved-changes flag (quit guard) and the enabled
 * state of each command (native menu). A no-op in the web build, whose host lacks these members.
 */
export function useDesktopSync(): void {
  const host = useHost();
  useEffect(() => {
    if (!host.setDirty && !host.setCommandStates) return;
    let lastDirty: boolean | null = null;
    let lastStates = '';
    const sync = () => {
      const { dirty } = useStudio.getState();
      if (host.setDirty && dirty !== lastDirty) {
        lastDirty = dirty;
        host.setDirty(dirty);
      }
      if (host.setCommandStates) {
        const states: Record<string, boolean> = {};
        for (const id of COMMAND_IDS) {
          const enabled = COMMAND_HANDLERS[id].enabled;
          states[id] = enabled ? enabled() : true;
        }
        const key = JSON.stringify(states);
        if (key !== lastStates) {
          lastStates = key;
          host.setCommandStates(states);
        }
      }
    };
    sync();
    return useStudio.subscribe(sync);
  }, [host]);
}
