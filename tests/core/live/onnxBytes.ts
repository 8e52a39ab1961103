/**
 * Test helpers: ONNX model bytes with their top-level `metadata_props` replaced, written with a minimal
 * protobuf encoder of this file (independent of the reader under test), and a hand-made graph-less model.
 */

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const head = [...varint(field * 8 + 2), ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Top-level fields of a protobuf message as raw byte ranges (field number, whole field bytes). */
function topLevelFields(bytes: Uint8Array): { field: number; raw: Uint8Array }[] {
  const fields: { field: number; raw: Uint8Array }[] = [];
  let at = 0;
  const readVarint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[at++]!;
      value += (b & 127) * scale;
      if (b < 128) return value;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const tag = readVarint();
    const wire = tag % 8;
    if (wire === 0) readVarint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const length = readVarint();
      at += length;
    } else throw new Error(`wire type ${wire}`);
    fields.push({ field: Math.floor(tag / 8), raw: bytes.subarray(start, at) });
  }
  return fields;
}

/** The model with its metadata replaced by `entries` (none: no metadata at all). */
export function withMetadata(model: Uint8Array, entries: Record<string, string>): Uint8Array {
  const kept = topLevelFields(model)
    .filter((f) => f.field !== 14)
    .map((f) => f.raw);
  const enc = new TextEncoder();
  const props = Object.entries(entries).map(([k, v]) =>
    lengthDelimited(
      14,
      concat([lengthDelimited(1, enc.encode(k)), lengthDelimited(2, enc.encode(v))]),
    ),
  );
  return concat([...kept, ...props]);
}

/** The `laudnet` metadata JSON of a model (parsed), for editing. */
export function metadataOf(model: Uint8Array): Record<string, unknown> {
  for (const f of topLevelFields(model)) {
    if (f.field !== 14) continue;
    const inner = topLevelFields(f.raw.subarray(f.raw.length - lengthOfPayload(f.raw)));
    const dec = new TextDecoder();
    const text = (n: number) => {
      const raw = inner.find((x) => x.field === n)!.raw;
      return dec.decode(raw.subarray(raw.length - lengthOfPayload(raw)));
    };
    if (text(1) === 'laudnet') return JSON.parse(text(2)) as Record<string, unknown>;
  }
  throw new Error('no laudnet metadata');
}

/** Payload length of a length-delimited field's raw bytes (tag and length prefix skipped). */
function lengthOfPayload(raw: Uint8Array): number {
  let at = 0;
  while (raw[at]! >= 128) at++;
  at++;
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = raw[at++]!;
    value += (b & 127) * scale;
    if (b < 128) break;
    scale *= 128;
  }
  return value;
}
