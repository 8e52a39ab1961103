import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/config/defaults';
import { parseSession, serializeSession } from '../../../renderer/src/session/sessionFile';

describe('session file', () => {
  const session = {
    config: defaultConfig('regnety008', 'tx2'),
    fileName: 'mine.laudnet.json',
    dirty: true,
    ui: {
      theme: 'dark' as const,
      activeView: 'breakdown' as const,
      selectedStage: 2,
      curveScope: 'network' as const,
    },
  };

  it('round-trips', () => {
    const parsed = parseSession(serializeSession(session));
    expect(parsed).toEqual({ ok: true, session });
  });

  it('rejects damaged sessions with a message', () => {
    expect(parseSession('{"format":')).toEqual({
      ok: false,
      error: 'the saved session is not valid JSON',
    });
    expect(parseSession('{"format":"other"}')).toMatchObject({ ok: false });
    const doc = JSON.parse(serializeSession(session)) as { config: { targetRate: number } };
    doc.config.targetRate = 7;
    const bad = parseSession(JSON.stringify(doc));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/targetRate/);
  });

  it('unknown view preferences fall back instead of failing the restore', () => {
    const doc = JSON.parse(serializeSession(session)) as { ui: Record<string, unknown> };
    doc.ui.activeView = 'gone';
    const parsed = parseSession(JSON.stringify(doc));
    expect(parsed.ok && parsed.session.ui.activeView).toBe('curves');
  });
});
