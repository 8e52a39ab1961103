/**
 * Structural checks main runs on documents before handing them to the renderer or trusting its own
 * files. They answer "is this file damaged?", not "is this a valid configuration?": the full
 * validation (schema, migration) is the renderer's loader. Keeping the two apart matters because a
 * damaged file gets moved aside (safeLoad), and a merely wrong-kind file must never be.
 * Every function returns a one-line problem or null, and never throws.
 */
import { unzipSync } from 'fflate';
import { decodeUtf8 } from './safeLoad';

/** A configuration is damaged when it is not a JSON object (truncated, garbled, binary). */
export function validateJsonObjectText(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  return null;
}

/** Same check on raw bytes (UTF-8 first). */
export function validateJsonObjectBytes(bytes: Uint8Array): string | null {
  const text = decodeUtf8(bytes);
  if (text === null) return 'not valid UTF-8 text';
  return validateJsonObjectText(text);
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Checks one `.npy` member: magic, version, header length and a dict with descr/shape. */
export function validateNpy(bytes: Uint8Array): string | null {
  if (bytes.length < 10) return 'too short for a .npy array';
  if (NPY_MAGIC.some((b, i) => bytes[i] !== b)) return 'missing the .npy magic';
  const major = bytes[6] ?? 0;
  if (major < 1 || major > 3) return `unknown .npy version ${major}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) return 'truncated .npy header';
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerStart + headerLength > bytes.length) return 'truncated .npy header';
  const header = new TextDecoder('latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  if (!/'descr'\s*:/.test(header) || !/'shape'\s*:\s*\(/.test(header)) {
    return '.npy header lacks descr/shape';
  }
  return null;
}

/** Deflate cannot expand data by more than ~1032x; a larger claim is a damaged header. */
const MAX_EXPANSION = 1032;

/**
 * A mask dump (`.laudmask.npz`) is damaged when it is not a readable zip of `.npy` arrays.
 */
export function validateMaskDump(bytes: Uint8Array): string | null {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'not a zip (.npz) file';
  let entries: Record<string, Uint8Array>;
  // An object, not a `let`: TypeScript cannot see the assignment inside the filter callback.
  const found: { oversized: string | null } = { oversized: null };
  try {
    entries = unzipSync(bytes, {
      // A damaged header can claim gigabytes; refuse before fflate allocates the output buffer.
      filter: (file) => {
        // Stored members are sliced, not inflated: only a deflate header's size claim allocates.
        const limit = Math.max(MAX_EXPANSION * file.size, 1024 * 1024);
        if (file.compression !== 0 && file.originalSize > limit) found.oversized ??= file.name;
        return found.oversized === null && file.name.endsWith('.npy');
      },
    });
  } catch (err) {
    return `damaged zip (${err instanceof Error ? err.message : String(err)})`;
  }
  if (found.oversized !== null) return `${found.oversized}: implausible uncompressed size`;
  const names = Object.keys(entries).filter((n) => n.endsWith('.npy'));
  if (names.length === 0) return 'the archive holds no .npy arrays';
  for (const name of names) {
    const problem = validateNpy(entries[name] ?? new Uint8Array());
    if (problem) return `${name}: ${problem}`;
  }
  return null;
}
