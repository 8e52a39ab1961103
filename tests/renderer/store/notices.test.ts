import { describe, expect, it } from 'vitest';
import {
  dropExpired,
  INFO_NOTICE_MS,
  MAX_VISIBLE_NOTICES,
  pushNotice,
  type Notice,
} from '../../../renderer/src/store/notices';

let id = 0;
const push = (list: Notice[], kind: Notice['kind'], text: string, now = 0, key?: string) =>
  pushNotice(list, { id: ++id, kind, text }, key ? { key } : {}, now);

describe('notice queue', () => {
  it('shows the same message once (the newer copy replaces the older)', () => {
    let q = push([], 'error', 'a.npz could not be opened');
    const first = q[0]!.id;
    q = push(q, 'error', 'a.npz could not be opened');
    expect(q).toHaveLength(1);
    expect(q[0]!.id).not.toBe(first);
  });

  it('one notice per event and file: a second message with the same key replaces the first', () => {
    let q = push([], 'error', 'a.npz: bad manifest', 0, 'open:a.npz');
    q = push(q, 'error', 'a.npz: the masks view cannot show it', 0, 'open:a.npz');
    expect(q.map((n) => n.text)).toEqual(['a.npz: the masks view cannot show it']);
    q = push(q, 'error', 'b.npz: bad manifest', 0, 'open:b.npz');
    expect(q).toHaveLength(2);
  });

  it('keeps at most two on screen, dropping the oldest info notice before any error', () => {
    let q = push([], 'error', 'e1');
    q = push(q, 'info', 'i1');
    q = push(q, 'info', 'i2');
    expect(MAX_VISIBLE_NOTICES).toBe(2);
    expect(q.map((n) => n.text)).toEqual(['e1', 'i2']);
    q = push(q, 'error', 'e2');
    expect(q.map((n) => n.text)).toEqual(['e1', 'e2']);
    q = push(q, 'error', 'e3');
    expect(q.map((n) => n.text)).toEqual(['e2', 'e3']);
  });

  it('info notices expire after a few seconds, errors stay', () => {
    let q = push([], 'error', 'bad', 1000);
    q = push(q, 'info', 'saved', 1000);
    expect(q[1]!.expiresAt).toBe(1000 + INFO_NOTICE_MS);
    expect(INFO_NOTICE_MS).toBeGreaterThanOrEqual(3000);
    expect(INFO_NOTICE_MS).toBeLessThanOrEqual(8000);
    expect(dropExpired(q, 1000 + INFO_NOTICE_MS - 1)).toBe(q);
    expect(dropExpired(q, 1000 + INFO_NOTICE_MS).map((n) => n.text)).toEqual(['bad']);
    // Expired notices also leave when the next one arrives.
    expect(push(q, 'info', 'later', 1000 + INFO_NOTICE_MS + 1).map((n) => n.text)).toEqual([
      'bad',
      'later',
    ]);
  });

  it('a notice with an action lives longer so its action can be reached', () => {
    const q = pushNotice(
      [],
      { id: ++id, kind: 'info', text: 'Replaced' },
      { action: { label: 'Undo', run: () => {} } },
      0,
    );
    expect(q[0]!.expiresAt).toBe(2 * INFO_NOTICE_MS);
    expect(q[0]!.action?.label).toBe('Undo');
  });
});
