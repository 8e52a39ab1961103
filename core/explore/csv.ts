/** A small RFC 4180 reader: quoted fields (with "" escapes and line breaks), `,` `;` or tab separators. */

/** One record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The separator of a CSV text: the most frequent of `,` `;` and tab on its first non-empty line, outside quotes. */
export function detectSeparator(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const sep of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of first) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === sep) count++;
    }
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Splits CSV text into records (blank lines skipped). An unterminated quote is reported with the line
 * it opened on rather than swallowing the rest of the file silently.
 */
export function readCsv(
  text: string,
  sep = detectSeparator(text),
): { ok: true; records: CsvRecord[] } | { ok: false; error: string } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === sep) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) return { ok: false, error: `line ${quoteLine}: a quoted field is never closed` };
  endRecord();
  return { ok: true, records };
}
