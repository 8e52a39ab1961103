import { z } from 'zod';
import { parseJsonText } from '../../../core/config/jsonSyntax';
import { parseConfig, serializeConfig } from '../../../core/config/parse';
import type { StudioConfig } from '../../../core/config/schema';

/** The autosaved session: the configuration being tuned plus a few view preferences. */
export const SESSION_FORMAT = 'laudnet-studio-session';
export const SESSION_VERSION = 1;

const uiSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  activeView: z
    .enum(['curves', 'breakdown', 'theory', 'hardware', 'masks', 'space', 'set'])
    .catch('curves'),
  selectedStage: z.number().int().min(0).max(7).catch(0),
  curveScope: z.enum(['stage', 'network']).catch('stage'),
});

const sessionSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  savedAt: z.string(),
  fileName: z.string().nullable(),
  dirty: z.boolean(),
  config: z.unknown(),
  ui: uiSchema,
});

export type SessionUi = z.infer<typeof uiSchema>;

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
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, error: 'the saved session is not valid JSON' };
  const doc = json.value;
  const parsed = sessionSchema.safeParse(doc);
  if (!parsed.success)
    return { ok: false, error: 'the saved session is not a LAUDNet Studio session' };
  const config = parseConfig(parsed.data.config);
  if (!config.ok)
    return { ok: false, error: `the saved configuration is invalid: ${config.error}` };
  return {
    ok: true,
    session: {
      config: config.config,
      fileName: parsed.data.fileName,
      dirty: parsed.data.dirty,
      ui: parsed.data.ui,
    },
  };
}
