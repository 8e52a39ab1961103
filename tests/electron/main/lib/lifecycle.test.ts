import { describe, expect, it } from 'vitest';
import {
  createCrashPolicy,
  createQuitGuard,
  type QuitChoice,
  type QuitGuardDeps,
} from '../../../../electron/main/lib/lifecycle';

function guardWith(dirty: boolean, choice: QuitChoice) {
  const calls: string[] = [];
  const deps: QuitGuardDeps = {
    isDirty: () => dirty,
    flushSession: () => {
      calls.push('flush');
      return Promise.resolve();
    },
    confirm: () => {
      calls.push('confirm');
      return Promise.resolve(choice);
    },
    requestSave: () => void calls.push('save'),
    discardRecovery: () => {
      calls.push('discard-recovery');
      return Promise.resolve();
    },
  };
  return { guard: createQuitGuard(deps), calls };
}

describe('createQuitGuard', () => {
  it('closes a clean window without asking, after flushing, and drops the recovery file', async () => {
    const { guard, calls } = guardWith(false, 'cancel');
    expect(await guard.review()).toBe(true);
    expect(guard.approved).toBe(true);
    expect(calls).toEqual(['flush', 'discard-recovery']);
  });

  it('keeps a dirty window open when the user cancels', async () => {
    const { guard, calls } = guardWith(true, 'cancel');
    expect(await guard.review()).toBe(false);
    expect(guard.approved).toBe(false);
    expect(calls).toEqual(['flush', 'confirm']);
  });

  it('starts Save and keeps the window when the user chooses to save', async () => {
    const { guard, calls } = guardWith(true, 'save');
    expect(await guard.review()).toBe(false);
    expect(calls).toEqual(['flush', 'confirm', 'save']);
  });

  it('closes and discards when the user discards', async () => {
    const { guard, calls } = guardWith(true, 'discard');
    expect(await guard.review()).toBe(true);
    expect(calls).toEqual(['flush', 'confirm', 'discard-recovery']);
  });

  it('does not open a second dialog while one is showing', async () => {
    const { guard, calls } = guardWith(true, 'cancel');
    const [first, second] = await Promise.all([guard.review(), guard.review()]);
    expect([first, second]).toEqual([false, false]);
    expect(calls.filter((c) => c === 'confirm')).toHaveLength(1);
  });
});

describe('createCrashPolicy', () => {
  it('reloads up to three crashes a minute, then gives up', () => {
    const policy = createCrashPolicy();
    expect([0, 1_000, 2_000, 3_000].map((t) => policy.onCrash(t))).toEqual([
      'reload',
      'reload',
      'reload',
      'give-up',
    ]);
  });

  it('forgets crashes older than the window', () => {
    const policy = createCrashPolicy({ maxReloads: 1, windowMs: 10_000 });
    expect(policy.onCrash(0)).toBe('reload');
    expect(policy.onCrash(5_000)).toBe('give-up');
    expect(policy.onCrash(20_000)).toBe('reload');
  });
});
