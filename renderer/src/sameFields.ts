/**
 * True when two flat records hold the same values in every field but those in `skip` (a field holding
 * an object is compared by reference), and neither has a field the other lacks. Pure: used by the page
 * and the workers.
 */
export function sameFields(a: object, b: object, skip: ReadonlySet<string> | null): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (skip?.has(k)) continue;
    n++;
    if (x[k] !== y[k]) return false;
  }
  let m = 0;
  for (const k in y) if (!skip?.has(k)) m++;
  return n === m;
}
