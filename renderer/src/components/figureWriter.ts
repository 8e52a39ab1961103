/**
 * Direct writers for figures that change with every prediction (the header's summary, the status bar):
 * a store subscription writes the new text into the element's own text node, and its full-precision
 * value and tone where they changed, instead of re-rendering a React subtree for a few characters.
 * Each writer remembers what it wrote last and touches the DOM only for what differs.
 */

/** What a figure shows: its text, the full-precision value behind it, and a tone (colour). */
export interface Figure {
  text: string;
  /** Written as `data-exact` (absent when undefined). */
  exact?: number | undefined;
  /** Adds the class `good` or `bad` (neither when undefined). */
  tone?: 'good' | 'bad' | undefined;
}

/** The figure shown before there is a result. */
export const NO_FIGURE: Figure = { text: '—' };

/**
 * The element's single text node, created when it has none. Writing `data` on it changes the text
 * without removing and inserting nodes (which `textContent` would do).
 */
export function textNodeOf(el: Element): Text {
  const first = el.firstChild;
  if (first && first.nodeType === 3 /* TEXT_NODE */ && first === el.lastChild) return first as Text;
  el.textContent = '';
  return el.appendChild(el.ownerDocument.createTextNode(''));
}

/** Writes `text` into the text node where it differs. */
export function writeText(node: Text, text: string): void {
  if (node.data !== text) node.data = text;
}

/**
 * A writer for one figure element: `show(input)` says what to display, and the writer updates the
 * text, `data-exact` and the tone classes that differ from the last write.
 */
export function figureWriter<T>(el: HTMLElement, show: (input: T) => Figure): (input: T) => void {
  const node = textNodeOf(el);
  let exact: string | null = el.getAttribute('data-exact');
  let tone: Figure['tone'] = el.classList.contains('good')
    ? 'good'
    : el.classList.contains('bad')
      ? 'bad'
      : undefined;
  return (input) => {
    const f = show(input);
    writeText(node, f.text);
    const nextExact = f.exact === undefined ? null : String(f.exact);
    if (nextExact !== exact) {
      exact = nextExact;
      if (nextExact === null) el.removeAttribute('data-exact');
      else el.setAttribute('data-exact', nextExact);
    }
    if (f.tone !== tone) {
      if (tone) el.classList.remove(tone);
      if (f.tone) el.classList.add(f.tone);
      tone = f.tone;
    }
  };
}
