/**
 * Where the browser host keeps the autosaved session (localStorage). Also read by the web build's first
 * script (vite.renderer.config.mts), which hands the text to the analysis worker for its warm-up.
 */
export const SESSION_STORAGE_KEY = 'laudnet-studio:session';

/**
 * The message the page's first script posts to the analysis worker once: the saved session's text (or
 * null), so that the worker warms up on the configuration the page will ask for first.
 */
export interface WarmUpMessage {
  laudnetWarmUp: string | null;
}

/** True for a {@link WarmUpMessage} (the worker's other messages are comlink's). */
export function isWarmUpMessage(data: unknown): data is WarmUpMessage {
  if (typeof data !== 'object' || data === null || !('laudnetWarmUp' in data)) return false;
  const text: unknown = data.laudnetWarmUp;
  return text === null || typeof text === 'string';
}
