/**
 * Turns zod issues into one readable line per problem, each starting with the field path
 * (`stages[2].inChannels: …`), so that a user editing a JSON file by hand can find the culprit.
 */
import type { z } from 'zod';

/** Renders a zod issue path as `a.b[2].c` (the root is `root` when the path is empty). */
export function formatPath(path: readonly PropertyKey[], root = '(root)'): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? root : out;
}

/**
 * One line per issue, `path: message`, at most `limit` lines (plus a count of the rest). Parse with
 * `{reportInput: true}` so that missing fields can be told apart from wrong ones.
 */
export function formatZodIssues(error: z.core.$ZodError, prefix = '', limit = 8): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const base = prefix ? [prefix, ...issue.path] : issue.path;
    let message = issue.message;
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      // Zod says "received undefined"; a person editing a file thinks "the field is missing".
      message = `missing (${message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
    } else if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${formatPath(base)}: ${message}`;
  });
  const rest = error.issues.length - limit;
  if (rest > 0) lines.push(`… and ${rest} more problem${rest > 1 ? 's' : ''}`);
  return lines.join('\n');
}
