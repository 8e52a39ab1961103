/**
 * A persisted file format with a version: one zod schema per version and a migration from each
 * older version to the next, so a file written by any earlier release still loads (migrated to the
 * current shape), a file from a newer release is refused with a message naming both versions, and
 * a damaged file yields a message instead of a silent default.
 */
import type { z } from 'zod';

/** What a zod issue tells: where and what. */
interface Issue {
  path: readonly PropertyKey[];
  message: string;
}
import { capMessage, parseJsonText, previewValue } from '../config/jsonSyntax';

/** An older version: its schema and the step that turns it into the next version's value. */
export interface OlderVersion {
  version: number;
  /** Validates a file of this version; returns the step's input, or the zod issues. */
  read(value: unknown): { ok: true; next: unknown } | { ok: false; issues: readonly Issue[] };
}

/**
 * One older version of a format: `migrate` receives the value `schema` accepted and returns the
 * value of version `version + 1` (which is validated by that version's schema in turn).
 */
export function olderVersion<A>(
  version: number,
  schema: z.ZodType<A>,
  migrate: (value: A) => unknown,
): OlderVersion {
  return {
    version,
    read(value) {
      const parsed = schema.safeParse(value);
      return parsed.success
        ? { ok: true, next: migrate(parsed.data) }
        : { ok: false, issues: parsed.error.issues };
    },
  };
}

export interface VersionedFormatSpec<T> {
  /** What the file is called in messages, e.g. "recovery file". */
  label: string;
  /** The value of the file's `format` field. */
  format: string;
  /** The version written now and its schema. */
  current: { version: number; schema: z.ZodType<T> };
  /** Every older version still read, each migrating to the next. */
  older?: readonly OlderVersion[];
}

export type VersionedParse<T> = { ok: true; value: T } | { ok: false; error: string };

export interface VersionedFormat<T> {
  readonly format: string;
  readonly current: number;
  /** Validates an already-parsed value of any supported version and migrates it to the current one. */
  read(value: unknown): VersionedParse<T>;
  /** Parses JSON text, then {@link VersionedFormat.read}. */
  parse(text: string): VersionedParse<T>;
}

function describeIssue(issues: readonly Issue[]): string {
  const first = issues[0];
  if (!first) return 'unknown problem';
  const path = first.path.map((key) => capMessage(String(key), 40)).join('.');
  return capMessage(path ? `${path}: ${first.message}` : first.message, 400);
}

/**
 * Builds the reader of a versioned format. Files carry `{ format, version, ... }`; a missing or
 * wrong `format`, a version that was never written, a version newer than `current`, or a value its
 * version's schema rejects each give `{ ok: false, error }` naming what was found.
 */
export function versionedFormat<T>(spec: VersionedFormatSpec<T>): VersionedFormat<T> {
  const { label, format, current } = spec;
  const older = new Map((spec.older ?? []).map((o) => [o.version, o]));
  for (let v = 1; v < current.version; v++) {
    if (!older.has(v)) throw new Error(`${label}: no migration from version ${v}`);
  }

  const read = (value: unknown): VersionedParse<T> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, error: `the ${label} is not a JSON object` };
    const { format: tag, version } = value as { format?: unknown; version?: unknown };
    if (tag !== format)
      return {
        ok: false,
        error: `the ${label} has format ${tag === undefined ? 'missing' : previewValue(tag)}, expected "${format}"`,
      };
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      return {
        ok: false,
        error: `the ${label} has version ${version === undefined ? 'missing' : previewValue(version)}, expected a whole number from 1 to ${current.version}`,
      };
    if (version > current.version)
      return {
        ok: false,
        error: `the ${label} has version ${version}, newer than the newest this release reads (${current.version}); it was written by a later LAUDNet Studio`,
      };
    let data: unknown = value;
    for (let v = version; v < current.version; v++) {
      const step = (older.get(v) as OlderVersion).read(data);
      if (!step.ok)
        return {
          ok: false,
          error: `the ${label} (version ${v}) is damaged: ${describeIssue(step.issues)}`,
        };
      data = step.next;
    }
    const parsed = current.schema.safeParse(data);
    if (!parsed.success)
      return {
        ok: false,
        error:
          version === current.version
            ? `the ${label} is damaged: ${describeIssue(parsed.error.issues)}`
            : `the ${label} (version ${version}) could not be migrated: ${describeIssue(parsed.error.issues)}`,
      };
    return { ok: true, value: parsed.data };
  };

  return {
    format,
    current: current.version,
    read,
    parse(text) {
      const json = parseJsonText(text);
      if (!json.ok) return { ok: false, error: `the ${label} is not valid JSON: ${json.error}` };
      return read(json.value);
    },
  };
}
