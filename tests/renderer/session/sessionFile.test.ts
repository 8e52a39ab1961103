import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const notJson = parseSession('{"format":');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/^the saved session is not valid JSON: line 1/);
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

describe('frozen session files of every version', () => {
  const frozen = (v: number) =>
    readFileSync(
      join(import.meta.dirname, '../../fixtures/persisted/session', `v${v}.json`),
      'utf8',
    );

  it('loads version 1 with its configuration and view preferences', () => {
    const parsed = parseSession(frozen(1));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { config, ...rest } = parsed.session;
    expect(rest).toEqual({
      fileName: 'mine.laudnet.json',
      dirty: true,
      ui: { theme: 'dark', activeView: 'breakdown', selectedStage: 2, curveScope: 'network' },
    });
    expect(config).toMatchObject({
      name: 'Frozen session v1',
      model: { kind: 'builtin', id: 'regnety008' },
      hardware: { kind: 'preset', id: 'tx2' },
      targetRate: 0.35,
    });
    expect(config.stages.map((s) => [s.mode, s.spatialGranularity, s.rate])).toEqual([
      ['spatial', 4, null],
      ['spatial', 4, null],
      ['spatial', 2, 0.6],
      ['spatial', 1, null],
    ]);
  });

  it('refuses a session from a later release, naming both versions', () => {
    const future = JSON.stringify({ ...(JSON.parse(frozen(1)) as object), version: 2 });
    const parsed = parseSession(future);
    expect(parsed).toEqual({
      ok: false,
      error: expect.stringMatching(
        /saved session has version 2, newer than the newest this release reads \(1\)/,
      ) as string,
    });
  });
});
