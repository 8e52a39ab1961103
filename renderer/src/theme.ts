import type { ThemePreference } from './store/uiSlice';

/** The OS colour scheme as a media query (Electron and Chromium follow the system setting). */
export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme actually shown: the user's choice, or the OS preference for "system". */
export function resolvedTheme(theme: ThemePreference): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}
