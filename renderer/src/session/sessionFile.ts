import { z } from 'zod';
import { lazily } from '../../../core/config/schemaLazy';
import { versionedFormat } from '../../../core/persist/versionedFormat';
import { parseConfig, serializeConfig } from '../../../core/config/parse';
import type { StudioConfig } from '../../../core/config/schema';

/** The autosaved session: the configuration being tuned plus a few view preferences. */
export const SESSION_FORMAT = 'laudnet-studio-session';
export const SESSION_VERSION = 1;

const uiSchema = () =>
  z.object({
    theme: z.enum(['system', 'light', 'dark']).catch('system'),
    activeView: z
      .enum([
        'curves',
        'breakdown',
        'theory',
        'hardware',
        'masks',
        'space',
        'set',
        'compare',
        'explore',
      ])
      .catch('curves'),
    selectedStage: z.number().int().min(0).max(7).catch(0),
    curveScope: z.enum(['stage', 'network']).catch('stage'),
  });

const sessionV1 = () =>
  z.object({
    format: z.literal(SESSION_FORMAT),
    version: z.literal(SESSION_VERSION),
    savedAt: z.string(),
    fileName: z.string().nullable(),
    dirty: z.boolean(),
    config: z.unknown(),
    ui: uiSchema(),
  });

/** The session file's versions (only version 1 so far), built on first use (not on a fresh start). */
const sessionFormat = lazily(() =>
  versionedFormat({
    label: 'saved session',
    format: SESSION_FORMAT,
    current: { version: SESSION_VERSION, schema: sessionV1() },
  }),
);

export type SessionUi = z.infer<ReturnType<typeof uiSchema>>;

export interface Session {
  config: StudioConfig;
  fileName: string | null;
  dirty: boolean;
  ui: SessionUi;
}

export function serializeSession(session: Session): string {
  return JSON.stringify({
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    savedAt: new Date().toISOString(),
    fileName: session.fileName,
    dirty: session.dirty,
    config: JSON.parse(serializeConfig(session.config)) as unknown,
    ui: session.ui,
  });
}

/** Parses an autosaved session; a damaged one yields a message (the caller keeps the text aside). */
export function parseSession(
  text: string,
): { ok: true; session: Session } | { ok: false; error: string } {
  const parsed = sessionFormat().parse(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const config = parseConfig(parsed.value.config);
  if (!config.ok)
    return { ok: false, error: `the saved configuration is invalid: ${config.error}` };
  return {
    ok: true,
    session: {
      config: config.config,
      fileName: parsed.value.fileName,
      dirty: parsed.value.dirty,
      ui: parsed.value.ui,
    },
  };
}
