/**
 * Text that changes with every rate change (a number in a table cell or a sentence), in a box of fixed
 * size with strict containment: one line high and as many `ch` wide as the text has characters, so in
 * a monospaced font the text fits exactly. New text of the same length lays out only this box, not the
 * table or the paragraph around it; the box changes size only when the length does.
 */
export function FixedText({ text, mono = false }: { text: string; mono?: boolean }) {
  return (
    <span className={mono ? 'fixed-text mono' : 'fixed-text'} style={{ width: `${text.length}ch` }}>
      {text}
    </span>
  );
}
