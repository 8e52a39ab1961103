/**
 * Turns zod issues into one readable line per problem, each starting with the field path
 * (`stages[2].inChannels: …`), so that a user editing a JSON file by hand can find the culprit.
 */
import type { z } from 'zod';
import { capMessage, listWithRest, MAX_MESSAGE_CHARS } from '../config/jsonSyntax';

/** Longest rendering of one path part (a user's key can be megabytes long). */
const MAX_KEY_CHARS = 40;

/** Renders a zod issue path as `a.b[2].c` (the root is `root` when the path is empty). */
export function formatPath(path: readonly PropertyKey[], root = '(root)'): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = capMessage(String(part), MAX_KEY_CHARS);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out === '' ? root : capMessage(out, MAX_MESSAGE_CHARS / 2);
}

/**
 * One line per issue, `path: message`, at most `limit` lines (plus a count of the rest). Parse with
 * `{reportInput: true}` so that missing fields can be told apart from wrong ones. Each line is capped
 * (long keys and echoed values cut with "…", unknown keys listed as "k0, …, k4 and 37 more unknown keys"),
 * so the whole text stays within a few thousand characters whatever the input.
 */
export function formatZodIssues(error: z.core.$ZodError, prefix = '', limit = 8): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const base = prefix ? [prefix, ...issue.path] : issue.path;
    let message = issue.message;
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      // Zod says "received undefined"; a person editing a file thinks "the field is missing".
      message = `missing (${message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
    } else if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${capMessage(k, MAX_KEY_CHARS - 2)}"`);
      message = `unknown field${keys.length > 1 ? 's' : ''} ${listWithRest(keys, 5, 'unknown keys')}`;
    }
    return capMessage(`${formatPath(base)}: ${message}`);
  });
  const rest = error.issues.length - limit;
  if (rest > 0) lines.push(`… and ${rest} more problem${rest > 1 ? 's' : ''}`);
  return lines.join('\n');
}
