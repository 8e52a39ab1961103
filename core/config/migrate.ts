/**
 * Migration of configuration files from any known version to the current one. Each older version gets a
 * step `vN → vN+1`; files from a newer build are refused rather than guessed at. Version 1 is the first
 * version, so there is no step yet: the table is where the next one goes (with a frozen fixture of v1).
 */
import { CONFIG_FORMAT, CONFIG_VERSION } from './schema';
import { previewValue } from './jsonSyntax';

/** Steps indexed by the version they upgrade from. */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/** Outcome of a migration: the document at the current version (not yet schema-checked), or why not. */
export type MigrateResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Brings a parsed configuration document to the current version. Checks only the envelope
 * (`format`, `version`); the content is checked afterwards by the schema of the current version.
 */
export function migrateConfig(doc: unknown): MigrateResult {
  if (!isRecord(doc)) return { ok: false, error: '(root): a configuration must be a JSON object' };
  if (doc.format !== CONFIG_FORMAT) {
    return {
      ok: false,
      error: `format: must be "${CONFIG_FORMAT}", got ${doc.format === undefined ? 'nothing' : previewValue(doc.format)}`,
    };
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      error: `version: must be an integer from 1 to ${CONFIG_VERSION}, got ${version === undefined ? 'nothing' : previewValue(version)}`,
    };
  }
  if (version > CONFIG_VERSION) {
    return {
      ok: false,
      error: `version: ${version} was written by a newer LAUDNet Studio (this one reads versions 1 to ${CONFIG_VERSION})`,
    };
  }
  let current = doc;
  for (let v = version; v < CONFIG_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, error: `version: no migration from version ${v}` };
    current = { ...step(current), version: v + 1 };
  }
  return { ok: true, value: current };
}
