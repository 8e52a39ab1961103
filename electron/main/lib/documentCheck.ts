/**
 * Structural checks main runs on documents before handing them to the renderer or trusting its own
 * files. They answer "is this file damaged?", not "is this a valid configuration?": the full
 * validation (schema, migration) is the renderer's loader. Keeping the two apart matters because a
 * damaged file gets moved aside (safeLoad), and a merely wrong-kind file must never be.
 * Every function returns a one-line problem or null, and never throws.
 */
import { describeJsonSyntaxProblem, findJsonSyntaxProblem } from '../../../core/config/jsonSyntax';
import { looksLikeZip, parseNpy, safeUnzip } from '../../../core/maskfile';

/** The mask-dump reader's own file limit: main refuses the same files, before reading them. */
export const MAX_MASK_DUMP_BYTES = 64 * 1024 * 1024;

/**
 * A configuration is damaged when it is not a JSON object (truncated, garbled, binary). The
 * problem names the line and column and what was expected there; nesting deeper than 64 levels
 * is refused with its own message.
 */
export function validateJsonObjectText(text: string): string | null {
  // A byte-order mark from a Windows editor is not damage.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const syntax = findJsonSyntaxProblem(body);
  if (syntax) return `not valid JSON: ${describeJsonSyntaxProblem(syntax)}`;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)})`.slice(0, 300);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  return null;
}

const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Same check on raw bytes. Invalid UTF-8 is decoded as U+FFFD, as the renderer does: a hand-edited
 * file in another encoding is the user's to fix, not damage to move aside.
 */
export function validateJsonObjectBytes(bytes: Uint8Array): string | null {
  return validateJsonObjectText(lenientUtf8.decode(bytes));
}

/**
 * A mask dump (`.laudmask.npz`) is damaged when it is not a readable zip (within the loader's size
 * limits) or one of its `.npy` arrays is unreadable. Uses the renderer loader's own zip and npy
 * readers, so main can never call a file damaged that the loader would have accepted.
 */
export function validateMaskDump(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_MASK_DUMP_BYTES) {
    return `the file is over ${MAX_MASK_DUMP_BYTES >> 20} MB; mask dumps are far smaller`;
  }
  if (!looksLikeZip(bytes)) return 'not a zip (.npz) file';
  const unzipped = safeUnzip(bytes);
  if (!unzipped.ok) return unzipped.error;
  for (const [name, member] of unzipped.members) {
    if (!name.endsWith('.npy')) continue;
    const parsed = parseNpy(member);
    if (!parsed.ok) return `${name}: ${parsed.error}`;
  }
  return null;
}
