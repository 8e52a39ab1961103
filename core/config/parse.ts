/**
 * Loading and saving configuration files: JSON → migrate → schema → semantic checks, and a stable
 * serialisation (fixed key order, block keys in network order) so that files diff well and
 * parse∘serialize is the identity.
 */
import { formatZodIssues } from '../arch/schemaErrors';
import { capMessage, MAX_JSON_DEPTH, nestsDeeperThan, parseJsonText } from './jsonSyntax';
import { migrateConfig } from './migrate';
import { studioConfigV1Schema } from './schema';
import type { StudioConfig } from './schema';
import { validateConfig } from './validate';

/** Result of loading a configuration: the config, or a message (one line per problem, each naming its field). */
export type ConfigParseResult = { ok: true; config: StudioConfig } | { ok: false; error: string };

/**
 * Parses a configuration from JSON text or an already-parsed value, migrating older versions.
 * Never throws: every failure is `{ok: false, error}` with the field path and, where it helps, the valid values.
 */
export function parseConfig(input: unknown): ConfigParseResult {
  let doc: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, error: `not valid JSON: ${parsed.error}` };
    doc = parsed.value;
  } else if (nestsDeeperThan(input)) {
    return { ok: false, error: `nested more than ${MAX_JSON_DEPTH} levels deep` };
  }
  const migrated = migrateConfig(doc);
  if (!migrated.ok) return migrated;
  const parsed = studioConfigV1Schema().safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) return { ok: false, error: formatZodIssues(parsed.error) };
  const problems = validateConfig(parsed.data);
  if (problems.length > 0) return { ok: false, error: joinProblems(problems) };
  return { ok: true, config: parsed.data };
}

/** At most 8 problems, each capped, then a count of the rest. */
function joinProblems(problems: readonly string[], limit = 8): string {
  const lines = problems.slice(0, limit).map((p) => capMessage(p));
  const rest = problems.length - lines.length;
  if (rest > 0) lines.push(`… and ${rest} more problem${rest > 1 ? 's' : ''}`);
  return lines.join('\n');
}

/** Orders block keys by stage, then block index ("stage2/10" after "stage2/9"). */
function compareBlockKeys(a: string, b: string): number {
  const na = a.match(/\d+/g)?.map(Number) ?? [];
  const nb = b.match(/\d+/g)?.map(Number) ?? [];
  return (na[0] ?? 0) - (nb[0] ?? 0) || (na[1] ?? 0) - (nb[1] ?? 0) || a.localeCompare(b);
}

/** Canonical form: the schema's key order everywhere, block rates in network order. */
export function canonicalConfig(config: StudioConfig): StudioConfig {
  const parsed = studioConfigV1Schema().safeParse(config);
  const base = parsed.success ? parsed.data : config;
  const blockRates: Record<string, number> = {};
  for (const key of Object.keys(base.blockRates).sort(compareBlockKeys)) {
    blockRates[key] = base.blockRates[key] as number;
  }
  return { ...base, blockRates };
}

/** Pretty, stable JSON of a configuration (two-space indent, trailing newline). */
export function serializeConfig(config: StudioConfig): string {
  return `${JSON.stringify(canonicalConfig(config), null, 2)}\n`;
}
