/**
 * The loaders the fuzzer drives, each with a valid seed input and a call that must answer
 * "accepted" or "refused" (with a message) for any input. Anything thrown is a crash.
 */
import { BUILTIN_ARCHITECTURES, parseArchitectureJson } from '../../core/arch';
import { parseConfig, serializeConfig } from '../../core/config';
import { parseJsonText } from '../../core/config/jsonSyntax';
import { findBuiltinArchitecture } from '../../core/arch';
import { composeMaskDump, encodePngRgb, readMaskDump, writeMaskDump } from '../../core/maskfile';
import { HARDWARE_PRESETS, HardwareError, resolveHardware } from '../../core/predictor';
import { validateJsonObjectBytes, validateMaskDump } from '../../electron/main/lib/documentCheck';
import { validateRecentText } from '../../electron/main/lib/recent';
import { validateRecoveryText } from '../../electron/main/lib/recovery';
import { parseSession } from '../../renderer/src/session/sessionFile';
import { configForArchitecture } from '../../core/config';
import {
  MASKSET_RATE_KINDS,
  readMaskSetSummary,
  setBlocks,
  setStageConfig,
} from '../../core/maskset';
import { writeMaskSetSummary, type MaskSetSummary } from '../../core/maskset';

export type Verdict = 'accepted' | 'refused';

export interface Loader {
  name: string;
  /** A valid input; mutations start from it. */
  seed: Uint8Array;
  /** Whether the seed is text (mutations then also edit numbers and nesting). */
  text: boolean;
  load(input: Uint8Array): Verdict;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

const resnet50 = findBuiltinArchitecture('resnet50')!;
const config = configForArchitecture(resnet50, true);
const configText = serializeConfig(config);
const customConfigText = serializeConfig({
  ...config,
  model: { kind: 'custom', architecture: { ...resnet50, id: 'custom-r50' } },
  hardware: { kind: 'custom', label: 'lab', params: HARDWARE_PRESETS[0]!.params },
});

const maskDump = writeMaskDump(
  composeMaskDump({
    arch: resnet50,
    modes: ['spatial', 'spatial', 'channel', 'layer'],
    spatialGranularity: [4, 4, 2, 1],
    channelGroupSize: [2, 2, 2, 2],
    imagePng: encodePngRgb(new Uint8Array(224 * 224 * 4).fill(100), 224, 224),
    masksFor: () => ({}),
  }),
);

/** A small valid set summary: ResNet-50, spatial/spatial/channel/layer, 3 images. */
function smallSetSummary(): Uint8Array {
  const staged = setStageConfig(resnet50, {
    dyn_mode: ['spatial', 'spatial', 'channel', 'layer'],
    mask_spatial_granularity: [4, 4, 2, 1],
    channel_dyn_granularity: [2, 2, 2, 2],
  });
  if (!staged.ok) throw new Error(staged.error);
  const blocks = setBlocks(resnet50, staged.config);
  const N = 3;
  const B = blocks.length;
  const rates = Object.fromEntries(
    MASKSET_RATE_KINDS.map((k) => [k, new Float32Array(N * B).fill(Number.NaN)]),
  ) as MaskSetSummary['rates'];
  for (let i = 0; i < N; i++) {
    for (const b of blocks) {
      const k = i * B + b.globalIndex;
      const r = (b.globalIndex + i) / 64;
      if (b.gridShape) {
        rates.spatial[k] = r;
        rates.conv1[k] = b.mode === 'layer' ? r : 0.75;
        rates.conv2[k] = r;
        if (b.mode === 'layer') rates.gate[k] = r;
      }
      if (b.channelGroups !== null) rates.channel[k] = r;
    }
  }
  const summary: MaskSetSummary = {
    model: {
      arch: resnet50.trainingArch ?? resnet50.id,
      dynMode: [...staged.config.modes],
      spatialGranularity: [...staged.config.spatialGranularity],
      channelGroupSize: [...staged.config.channelGroupSize],
      spatialMaskChannelGroup: [...staged.config.spatialMaskChannelGroup],
      checkpoint: 'best.pth',
      weights: 'checkpoint',
    },
    arch: resnet50,
    modes: staged.appModes,
    images: N,
    blocks,
    rates,
    predicted: Int32Array.from({ length: N }, (_, i) => i % 2),
    label: Int32Array.from({ length: N }, (_, i) => i % 2),
    classNames: ['cat', 'dog'],
    dumps: Array.from({ length: N }, (_, i) => `${i % 2 ? 'dog' : 'cat'}/img${i}.laudmask.npz`),
    sources: Array.from({ length: N }, (_, i) => `${i % 2 ? 'dog' : 'cat'}/img${i}.jpg`),
    warnings: [],
  };
  const bytes = writeMaskSetSummary(summary);
  if (!readMaskSetSummary(bytes).ok) throw new Error('the set summary seed does not read back');
  return bytes;
}

const sessionText = JSON.stringify({
  format: 'laudnet-studio-session',
  version: 1,
  savedAt: '2025-03-01T12:00:00.000Z',
  fileName: 'model.laudnet.json',
  dirty: true,
  config: JSON.parse(configText) as unknown,
  ui: { theme: 'dark', activeView: 'curves', selectedStage: 1, curveScope: 'stage' },
});

const recentText = JSON.stringify({
  format: 'laudnet-recent',
  version: 1,
  entries: [
    { path: '/home/u/model.laudnet.json', kind: 'config', openedAtMs: 1_740_000_000_000 },
    { path: '/home/u/masks.laudmask.npz', kind: 'mask', openedAtMs: 1_740_000_000_001 },
  ],
});

const recoveryText = JSON.stringify({
  format: 'laudnet-recovery',
  version: 1,
  savedAtMs: 1_740_000_000_000,
  documentPath: '/home/u/model.laudnet.json',
  text: sessionText,
});

const verdict = (ok: boolean): Verdict => (ok ? 'accepted' : 'refused');

/** Longest refusal a person should ever be shown (issue 13: a few hundred characters a line). */
const MAX_REFUSAL_CHARS = 4000;

/** The verdict of a `{ok}` / `{ok: false, error}` result; an overlong message counts as a crash. */
function judged(r: { ok: true } | { ok: false; error: string }): Verdict {
  if (!r.ok && r.error.length > MAX_REFUSAL_CHARS) {
    throw new Error(`a ${r.error.length}-character message: ${r.error.slice(0, 120)}`);
  }
  return verdict(r.ok);
}

/** The same for checks that answer a message or null. */
const judgedText = (error: string | null): Verdict =>
  judged(error === null ? { ok: true } : { ok: false, error });

export const LOADERS: Loader[] = [
  {
    name: 'config',
    seed: enc.encode(customConfigText),
    text: true,
    load: (b) => {
      const r = parseConfig(dec.decode(b));
      // Main's damage check must never call damaged what the loader accepts.
      if (r.ok && validateJsonObjectBytes(b) !== null)
        throw new Error('main refused a valid config');
      return judged(r);
    },
  },
  {
    name: 'architecture',
    seed: enc.encode(JSON.stringify(BUILTIN_ARCHITECTURES[2] ?? resnet50)),
    text: true,
    load: (b) => judged(parseArchitectureJson(dec.decode(b))),
  },
  {
    name: 'hardware',
    seed: enc.encode(JSON.stringify({ preset: 'v100', batchSize: 8, memConcurrentFp32: 4 })),
    text: true,
    load: (b) => {
      const parsed = parseJsonText(dec.decode(b));
      if (!parsed.ok) return 'refused';
      try {
        const hw = resolveHardware(parsed.value as Parameters<typeof resolveHardware>[0]);
        if (!Object.values(hw).every((v) => typeof v === 'string' || Number.isFinite(v))) {
          throw new Error('accepted non-finite hardware');
        }
        return 'accepted';
      } catch (e) {
        if (e instanceof HardwareError) return judged({ ok: false, error: e.message });
        throw e;
      }
    },
  },
  {
    name: 'mask dump',
    seed: maskDump,
    text: false,
    load: (b) => {
      const r = readMaskDump(b);
      if (r.ok && validateMaskDump(b) !== null) throw new Error('main refused a valid dump');
      return judged(r);
    },
  },
  {
    name: 'set summary',
    seed: smallSetSummary(),
    text: false,
    load: (b) => {
      const r = readMaskSetSummary(b);
      // The reader's last-resort catch turns a throw into this message: count it as a crash.
      if (!r.ok && r.error.startsWith('The summary could not be read (')) throw new Error(r.error);
      return judged(r);
    },
  },
  {
    name: 'session',
    seed: enc.encode(sessionText),
    text: true,
    load: (b) => judged(parseSession(dec.decode(b))),
  },
  {
    name: 'recent files',
    seed: enc.encode(recentText),
    text: true,
    load: (b) => judgedText(validateRecentText(dec.decode(b))),
  },
  {
    name: 'recovery',
    seed: enc.encode(recoveryText),
    text: true,
    load: (b) => judgedText(validateRecoveryText(dec.decode(b))),
  },
];
