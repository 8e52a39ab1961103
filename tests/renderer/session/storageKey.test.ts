import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY as hostKey } from '../../../renderer/src/host/browserHost';
import { isWarmUpMessage, SESSION_STORAGE_KEY } from '../../../renderer/src/session/storageKey';

describe('the warm-up message of the analysis worker', () => {
  it('carries the saved session text or null', () => {
    expect(isWarmUpMessage({ laudnetWarmUp: null })).toBe(true);
    expect(isWarmUpMessage({ laudnetWarmUp: '{"format":"laudnet-studio-session"}' })).toBe(true);
  });

  it('is told apart from comlink calls and other messages', () => {
    expect(isWarmUpMessage({ id: 'a', type: 'APPLY', path: ['analyze'], argumentList: [] })).toBe(
      false,
    );
    expect(isWarmUpMessage({ laudnetWarmUp: 42 })).toBe(false);
    expect(isWarmUpMessage(null)).toBe(false);
    expect(isWarmUpMessage('laudnetWarmUp')).toBe(false);
  });

  it('reads the session from the key the browser host saves it under', () => {
    expect(SESSION_STORAGE_KEY).toBe('laudnet-studio:session');
    expect(hostKey).toBe(SESSION_STORAGE_KEY);
  });
});
