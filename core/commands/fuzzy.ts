/**
 * Fuzzy matching for the command palette: every word of the query must occur in the text, either whole
 * (best at the start of a word) or as letters in order ("gran" finds "Choose granularity…", "101"
 * finds "Model: ResNet-101", "fit flo" finds "Fit to FLOPs target"). Higher scores rank first.
 */

function wordStart(text: string, i: number): boolean {
  return i === 0 || !/[a-z0-9]/.test(text[i - 1]!);
}

/** Score of one query word in `text` (lower case), or null when its letters do not occur in order. */
function wordScore(word: string, text: string): number | null {
  const at = text.indexOf(word);
  if (at >= 0) {
    let best = at;
    // Prefer an occurrence at a word start ("gran" in "granularity", not in "fragrant").
    for (let i = at; i >= 0; i = text.indexOf(word, i + 1)) {
      if (wordStart(text, i)) {
        best = i;
        break;
      }
    }
    return 100 + (wordStart(text, best) ? 50 : 0) + word.length * 4 - best * 0.5;
  }
  let score = 0;
  let pos = 0;
  let run = 0;
  for (const ch of word) {
    const i = text.indexOf(ch, pos);
    if (i < 0) return null;
    run = i === pos && pos > 0 ? run + 1 : 0;
    score += 2 + run * 3 + (wordStart(text, i) ? 4 : 0);
    pos = i + 1;
  }
  return score - pos * 0.2;
}

/** The score of `query` against `text` (higher is better; 0 for an empty query), or null: no match. */
export function fuzzyScore(query: string, text: string): number | null {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = text.toLowerCase();
  let total = 0;
  for (const w of words) {
    const s = wordScore(w, hay);
    if (s === null) return null;
    total += s;
  }
  return total;
}

/**
 * The items matching `query`, best first (ties keep their order); `textOf` gives what is searched
 * (a label plus keywords).
 */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  textOf: (item: T) => string,
): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, textOf(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}
