import { createContext, useContext } from 'react';
import type { Host } from './host/types';

export const HostContext = createContext<Host | null>(null);

/** The Host this page runs on (desktop or web). */
export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host)
    throw new Error('HostContext is missing: render the app inside <HostContext.Provider>.');
  return host;
}
