/**
 * Element types as numpy writes them (`|u1`, `<f2`, `|b1`) or as a person would (`uint8`, `float16`,
 * `bool`, `np.uint8`): one normaliser shared by the `.npy` header reader and the manifest's `arrays`
 * table, so both accept exactly the same spellings.
 */

/** Element types the reader knows: the ones a dump may hold, and others only to name them in errors. */
export type NpyDtype =
  | 'uint8'
  | 'int8'
  | 'bool'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64';

export interface DtypeInfo {
  dtype: NpyDtype;
  itemBytes: number;
  /** True only for an explicit `>` prefix on a multi-byte type. */
  bigEndian: boolean;
}

const ITEM_BYTES: Record<NpyDtype, number> = {
  uint8: 1,
  int8: 1,
  bool: 1,
  float16: 2,
  float32: 4,
  float64: 8,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
};

/** Type codes after the byte-order character: numpy's kind+size (`u1`), its one-letter codes, names. */
const ALIASES: Record<string, NpyDtype> = {
  u1: 'uint8',
  uint8: 'uint8',
  b: 'int8',
  i1: 'int8',
  int8: 'int8',
  b1: 'bool',
  '?': 'bool',
  bool: 'bool',
  bool_: 'bool',
  bool8: 'bool',
  f2: 'float16',
  e: 'float16',
  half: 'float16',
  float16: 'float16',
  f4: 'float32',
  f: 'float32',
  single: 'float32',
  float32: 'float32',
  f8: 'float64',
  d: 'float64',
  double: 'float64',
  float: 'float64',
  float64: 'float64',
  i2: 'int16',
  h: 'int16',
  int16: 'int16',
  u2: 'uint16',
  uint16: 'uint16',
  i4: 'int32',
  int32: 'int32',
  u4: 'uint32',
  uint32: 'uint32',
  i8: 'int64',
  int64: 'int64',
  u8: 'uint64',
  uint64: 'uint64',
};

/** numpy's one-letter codes are case-sensitive where the case changes the type. */
const CASE_SENSITIVE: Record<string, NpyDtype> = { B: 'uint8', H: 'uint16' };

/**
 * Normalises a dtype spelling: an optional byte-order mark (`|`, `<`, `>`, `=`), an optional module
 * prefix (`np.`, `numpy.`, `torch.`), then numpy's type string or a type name, case-insensitive
 * (`|u1`, `<u1`, `u1`, `uint8`, `np.uint8`, `<f2`, `float16`, `|b1`, `bool`, `?`). Returns null for a
 * spelling it does not recognise. Native (`=`) and unmarked orders are little-endian (every platform
 * that writes these files is).
 */
export function normalizeDtype(text: string): DtypeInfo | null {
  let t = text.trim();
  let bigEndian = false;
  const order = t.charAt(0);
  if (order === '>' || order === '<' || order === '|' || order === '=') {
    bigEndian = order === '>';
    t = t.slice(1);
  }
  t = t.replace(/^(np|numpy|torch)\./i, '');
  const dtype = CASE_SENSITIVE[t] ?? ALIASES[t.toLowerCase()];
  if (!dtype) return null;
  const itemBytes = ITEM_BYTES[dtype];
  return { dtype, itemBytes, bigEndian: bigEndian && itemBytes > 1 };
}

/** True for the types a 0/1 mask may be stored in (spec §7: uint8; numpy's bool reads as 0/1). */
export function isMaskDtype(dtype: NpyDtype): boolean {
  return dtype === 'uint8' || dtype === 'bool';
}

/** True for the types a soft score may be stored in (spec §7: float16; wider floats lose nothing). */
export function isScoreDtype(dtype: NpyDtype): boolean {
  return dtype === 'float16' || dtype === 'float32' || dtype === 'float64';
}
