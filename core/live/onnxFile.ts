/**
 * Just enough of the ONNX file format (a protobuf `ModelProto`) to tell an ONNX model from another file
 * and to read its `metadata_props` without loading the graph: onnxruntime's JavaScript API does not expose
 * custom metadata. Top-level fields only; the graph (field 7) is skipped by its length. Never throws.
 */
import { capMessage } from '../config/jsonSyntax';
import type { ParseLiveMetadataOptions, LiveModelMeta, LiveMetadataErrorCode } from './metadata';
import { LIVE_METADATA_KEY, parseLiveMetadata } from './metadata';

/** Largest model accepted by default: the wasm runtime holds the bytes and the weights (4 GB heap). */
export const DEFAULT_MAX_MODEL_BYTES = 1024 * 1024 * 1024;

export interface OnnxModelInfo {
  irVersion: number;
  producerName: string;
  /** Opset versions by domain ('' = the default ONNX domain). */
  opsets: Record<string, number>;
  /** `metadata_props` as a map. */
  metadata: Record<string, string>;
  /** Byte length of the graph. */
  graphBytes: number;
}

export type OnnxFileErrorCode = 'empty' | 'too-large' | 'not-onnx';

export type ReadOnnxInfoResult =
  { ok: true; info: OnnxModelInfo } | { ok: false; code: OnnxFileErrorCode; error: string };

class Reader {
  at: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.at = start;
  }
  varint(): number | null {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) return null;
      const b = this.bytes[this.at++] as number;
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 128;
    }
    return null;
  }
  /** Reads one field; returns [field, wire type, value or sub-range] or null when malformed. */
  field(): { field: number; wire: number; value: number; start: number; length: number } | null {
    const tag = this.varint();
    if (tag === null || tag < 8) return null;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      const value = this.varint();
      return value === null ? null : { field, wire, value, start: 0, length: 0 };
    }
    if (wire === 1 || wire === 5) {
      const length = wire === 1 ? 8 : 4;
      if (this.at + length > this.end) return null;
      this.at += length;
      return { field, wire, value: 0, start: this.at - length, length };
    }
    if (wire === 2) {
      const length = this.varint();
      if (length === null || this.at + length > this.end) return null;
      const start = this.at;
      this.at += length;
      return { field, wire, value: 0, start, length };
    }
    return null; // groups (3, 4) and unknown wire types do not occur in ONNX
  }
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

function readStringPair(bytes: Uint8Array, start: number, length: number): [string, string] | null {
  const r = new Reader(bytes, start, start + length);
  let key = '';
  let value = '';
  while (r.at < r.end) {
    const f = r.field();
    if (!f) return null;
    if (f.wire === 2 && f.field === 1) key = utf8(bytes.subarray(f.start, f.start + f.length));
    if (f.wire === 2 && f.field === 2) value = utf8(bytes.subarray(f.start, f.start + f.length));
  }
  return [key, value];
}

const NOT_ONNX = (detail: string): ReadOnnxInfoResult => ({
  ok: false,
  code: 'not-onnx',
  error: `This is not an ONNX model (${detail}): open a .onnx file exported with tools/laudmask-export --onnx.`,
});

/** Reads the top-level fields of an ONNX model file. */
export function readOnnxInfo(
  bytes: Uint8Array,
  opts: { maxBytes?: number } = {},
): ReadOnnxInfoResult {
  if (bytes.length === 0) return { ok: false, code: 'empty', error: 'The model file is empty.' };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      code: 'too-large',
      error: `The model is ${(bytes.length / 1048576).toFixed(1)} MB; models over ${(maxBytes / 1048576).toFixed(maxBytes < 10485760 ? 1 : 0)} MB are refused because they would not fit in memory here. Export it with --fp16 (half the size).`,
    };
  }
  const r = new Reader(bytes, 0, bytes.length);
  const info: OnnxModelInfo = {
    irVersion: 0,
    producerName: '',
    opsets: {},
    metadata: {},
    graphBytes: -1,
  };
  while (r.at < r.end) {
    const f = r.field();
    if (!f) return NOT_ONNX(`its bytes are not a protobuf message at offset ${r.at}`);
    if (f.field === 1 && f.wire === 0) info.irVersion = f.value;
    else if (f.field === 2 && f.wire === 2)
      info.producerName = utf8(bytes.subarray(f.start, f.start + f.length));
    else if (f.field === 7 && f.wire === 2) info.graphBytes = f.length;
    else if (f.field === 8 && f.wire === 2) {
      const sub = new Reader(bytes, f.start, f.start + f.length);
      let domain = '';
      let version = 0;
      while (sub.at < sub.end) {
        const g = sub.field();
        if (!g) return NOT_ONNX('an opset entry is malformed');
        if (g.field === 1 && g.wire === 2)
          domain = utf8(bytes.subarray(g.start, g.start + g.length));
        if (g.field === 2 && g.wire === 0) version = g.value;
      }
      info.opsets[domain] = version;
    } else if (f.field === 14 && f.wire === 2) {
      const pair = readStringPair(bytes, f.start, f.length);
      if (!pair) return NOT_ONNX('a metadata entry is malformed');
      info.metadata[pair[0]] = pair[1];
    }
  }
  if (info.irVersion < 1 || info.irVersion > 100) return NOT_ONNX('no valid ir_version');
  if (info.graphBytes < 0) return NOT_ONNX('it has no graph');
  return { ok: true, info };
}

export type ParseLiveModelResult =
  | { ok: true; meta: LiveModelMeta; info: OnnxModelInfo }
  | { ok: false; code: OnnxFileErrorCode | LiveMetadataErrorCode; error: string };

/**
 * Checks a model file before any runtime sees it: size cap, ONNX structure, the `laudnet` metadata
 * validated against the architectures. Never throws.
 */
export function parseLiveModel(
  bytes: Uint8Array,
  opts: ParseLiveMetadataOptions & { maxBytes?: number } = {},
): ParseLiveModelResult {
  const read = readOnnxInfo(bytes, opts);
  if (!read.ok) return read;
  const parsed = parseLiveMetadata(read.info.metadata[LIVE_METADATA_KEY], opts);
  if (!parsed.ok) return { ...parsed, error: capMessage(parsed.error, 1000) };
  return { ok: true, meta: parsed.meta, info: read.info };
}
