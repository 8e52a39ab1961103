/**
 * Size-limited unzipping. fflate trusts the archive's directory: it allocates each member's declared
 * size up front and loops over the declared entry count. A hostile or corrupt file could therefore ask
 * for gigabytes or billions of iterations, so the filter below vets every entry *before* fflate acts on it
 * and aborts by throwing, which we turn into a specific message.
 */
import { unzipSync } from 'fflate';
import type { MaskDumpErrorCode } from './types';

/** Limits applied while unzipping; the defaults fit any real dump by a wide margin. */
export interface UnzipLimits {
  /** Most members accepted (a 33-block dump has about 170). */
  maxMembers: number;
  /** Most bytes one member may expand to. */
  maxMemberBytes: number;
  /** Most bytes all members together may expand to. */
  maxTotalBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = {
  maxMembers: 4096,
  maxMemberBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export type SafeUnzipResult =
  | { ok: true; members: Map<string, Uint8Array> }
  | { ok: false; code: MaskDumpErrorCode; error: string };

class LimitError extends Error {
  constructor(
    readonly code: MaskDumpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MB = 1024 * 1024;

/** True when the bytes start like a zip archive (a local header, or the end record of an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/** Unzips `bytes` within `limits`. Never throws. */
export function safeUnzip(
  bytes: Uint8Array,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
): SafeUnzipResult {
  let count = 0;
  let total = 0;
  try {
    const files = unzipSync(bytes, {
      filter: (info) => {
        count++;
        if (count > limits.maxMembers) {
          throw new LimitError(
            'too-many-members',
            `The archive has more than ${limits.maxMembers} members; a mask dump has a few hundred at most.`,
          );
        }
        if (info.compression !== 0 && info.compression !== 8) {
          throw new LimitError(
            'zip-unsupported',
            `Member ${info.name} uses zip compression method ${info.compression}; only stored and deflate are supported.`,
          );
        }
        const declared = info.compression === 0 ? info.size : info.originalSize;
        total += declared;
        if (declared > limits.maxMemberBytes) {
          throw new LimitError(
            'decompressed-too-large',
            `Member ${info.name} expands to ${(declared / MB).toFixed(1)} MB, over the ${limits.maxMemberBytes / MB} MB limit for one member.`,
          );
        }
        if (total > limits.maxTotalBytes) {
          throw new LimitError(
            'decompressed-too-large',
            `The archive expands to more than ${limits.maxTotalBytes / MB} MB; a mask dump is far smaller.`,
          );
        }
        return true;
      },
    });
    const members = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(files)) members.set(name, data);
    return { ok: true, members };
  } catch (e) {
    if (e instanceof LimitError) return { ok: false, code: e.code, error: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      code: 'zip-corrupt',
      error: `The file is truncated or corrupt: it cannot be read as a zip archive (${detail}).`,
    };
  }
}
