/**
 * The notice queue as pure functions (the UI slice calls them): one notice per event and file, at most
 * two on screen, info notices expiring after a few seconds while errors stay until dismissed.
 */

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** What the notice is about (an event and file); a newer notice with the same key replaces it. */
  key: string;
  /** When an info notice disappears (ms, `Date.now()` clock); null: stays until dismissed. */
  expiresAt: number | null;
  action?: NoticeAction;
}

export interface NoticeOptions {
  /** Default: the kind and text, so the same message never shows twice. */
  key?: string;
  action?: NoticeAction;
  /** Override of the info lifetime (ms); an action doubles the default so it can be reached. */
  ttlMs?: number;
}

/** Notices on screen at once. */
export const MAX_VISIBLE_NOTICES = 2;
/** Lifetime of an info notice, ms. */
export const INFO_NOTICE_MS = 5000;

/**
 * The queue after a new notice: a notice with the same key is replaced (the new one goes last, with a
 * fresh lifetime); beyond two, the oldest info notice leaves first, then the oldest error.
 */
export function pushNotice(
  list: readonly Notice[],
  next: Omit<Notice, 'key' | 'expiresAt'>,
  options: NoticeOptions,
  now: number,
): Notice[] {
  const key = options.key ?? `${next.kind}:${next.text}`;
  const ttl = options.ttlMs ?? (options.action ? 2 * INFO_NOTICE_MS : INFO_NOTICE_MS);
  const notice: Notice = {
    ...next,
    key,
    expiresAt: next.kind === 'info' ? now + ttl : null,
    ...(options.action ? { action: options.action } : {}),
  };
  const out = list.filter((n) => n.key !== key && !expired(n, now));
  out.push(notice);
  while (out.length > MAX_VISIBLE_NOTICES) {
    const oldestInfo = out.findIndex((n) => n.kind === 'info' && n !== notice);
    out.splice(oldestInfo >= 0 ? oldestInfo : 0, 1);
  }
  return out;
}

/** Whether an info notice's time is up. */
export function expired(n: Notice, now: number): boolean {
  return n.expiresAt !== null && n.expiresAt <= now;
}

/** The queue without expired notices (the same array when nothing expired). */
export function dropExpired(list: Notice[], now: number): Notice[] {
  return list.some((n) => expired(n, now)) ? list.filter((n) => !expired(n, now)) : list;
}
