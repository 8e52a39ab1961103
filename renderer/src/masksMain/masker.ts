/**
 * Proxy masks on the page, kept up to date incrementally: the same masks as `computeProxyMasks` (core) and
 * the same ponder map as `computePonderMap`, value for value, but a rate change only flips the decision
 * cells between the old and the new kept count in each block's fixed saliency order, and with them the
 * conv2 pixels under those cells and the conv1 pixels whose 3×3 window reads them. A block whose mode,
 * granularity or group size changed is computed afresh. Blocks of the same shape (sides, stride,
 * granularity) that keep the same number of cells have the same spatial masks: only the first of them is
 * moved and copied, and the others' snapshots share its arrays (a ResNet-101 rate change has 7 distinct
 * spatial masks among its 33 blocks). Pure (no DOM), unit-tested in Node against the full computation.
 */
import { listBlocks, type ArchitectureSpec, type BlockGeometry } from '../../../core/arch';
import type { StudioConfig } from '../../../core/config/schema';
import { resolveArchitecture } from '../../../core/config/resolve';
import type { PonderMap } from '../../../core/maskfile/ponder';
import { hasChannelMask, hasSpatialMask, type StageMode } from '../../../core/maskfile/types';
import { keptCellCount } from '../../../core/masks/geometry';
import { emptyProxyBlock, keptGroupCount, type ProxyBlockMasks } from '../../../core/masks/proxy';
import { proxyConfigFromStudio } from '../../../core/masks/proxyConfig';
import { rankedGrid, type RankedGrid } from '../../../core/masks/proxyRank';
import { seededPermutation, seededUniform } from '../../../core/masks/proxyRandom';
import type { SaliencyMap } from '../../../core/saliency/spectralResidual';
import { coarsePonder, type CoarsePonder } from './ponder';

/** `make`, called at most once, when first asked. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | null = null;
  return () => (value ??= { v: make() }).v;
}

const clampRate = (r: number) => (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0);

/** The working state of one block's spatial masks (mutated in place; snapshots are copies). */
interface SpatialState {
  S: number;
  /** Decision grid side (layer mode: 1). */
  side: number;
  ranked: RankedGrid | null;
  kept: number;
  grid: Uint8Array;
  conv2: Uint8Array;
  conv1: Uint8Array;
  /** Per conv1 pixel: how many kept conv2 positions (at the stride) lie in its 3×3 window. */
  cover: Uint16Array;
  ones2: number;
  ones1: number;
}

interface ChannelState {
  G: number;
  priority: Int32Array;
  kept: number;
  mask: Uint8Array;
}

interface BlockState {
  geometry: BlockGeometry;
  signature: string;
  spatial: SpatialState | null;
  channel: ChannelState | null;
  /** Layer mode: the block's uniform draw (its gate is open iff u < rate). */
  gateU: number;
  snapshot: ProxyBlockMasks | null;
}

/**
 * What {@link ProxyMasker.update} returns: masks and ponder map, and which blocks are new objects. The
 * ponder map is computed when first read (the 3D view never reads it: a rate change there sums no
 * masks), once per set of masks.
 */
export interface MaskerResult {
  blocks: ProxyBlockMasks[];
  readonly ponder: PonderMap;
  /** The same counts at the finest mask side (see ponder.ts), for the ponder card's picture. */
  readonly coarsePonder: CoarsePonder;
  /** Indices of the blocks whose snapshot changed since the last update (all after a rebuild). */
  changed: number[];
}

/** Flips conv2 pixel (y, x) of `s` to `on` and keeps conv1 (its dilation at the stride) in step. */
function setConv2(s: SpatialState, g: BlockGeometry, y: number, x: number, on: boolean): void {
  const out = g.outSize;
  const i = y * out + x;
  if ((s.conv2[i] === 1) === on) return;
  s.conv2[i] = on ? 1 : 0;
  s.ones2 += on ? 1 : -1;
  const inSize = g.inSize;
  const py = y * g.stride;
  const px = x * g.stride;
  if (py >= inSize || px >= inSize) return;
  const d = on ? 1 : -1;
  const y0 = Math.max(0, py - 1);
  const y1 = Math.min(inSize - 1, py + 1);
  const x0 = Math.max(0, px - 1);
  const x1 = Math.min(inSize - 1, px + 1);
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const p = yy * inSize + xx;
      const before = s.cover[p] as number;
      const after = before + d;
      s.cover[p] = after;
      if (before === 0 && after > 0) {
        s.conv1[p] = 1;
        s.ones1++;
      } else if (before > 0 && after === 0) {
        s.conv1[p] = 0;
        s.ones1--;
      }
    }
  }
}

/** Flips decision cell `cell` (its S×S conv2 pixels and their conv1 reads). */
function setCell(s: SpatialState, g: BlockGeometry, cell: number, on: boolean): void {
  s.grid[cell] = on ? 1 : 0;
  const r = Math.floor(cell / s.side);
  const c = cell - r * s.side;
  const S = s.S;
  for (let y = r * S; y < (r + 1) * S; y++)
    for (let x = c * S; x < (c + 1) * S; x++) setConv2(s, g, y, x, on);
}

function emptySpatial(g: BlockGeometry, S: number, side: number, ranked: RankedGrid | null) {
  return {
    S,
    side,
    ranked,
    kept: 0,
    grid: new Uint8Array(side * side),
    conv2: new Uint8Array(g.outSize * g.outSize),
    conv1: new Uint8Array(g.inSize * g.inSize),
    cover: new Uint16Array(g.inSize * g.inSize),
    ones2: 0,
    ones1: 0,
  } satisfies SpatialState;
}

/** Moves a spatial block to `kept` cells in its saliency order: only the cells in between flip. */
function keepCells(s: SpatialState, g: BlockGeometry, kept: number): void {
  const order = s.ranked?.order;
  if (!order) return;
  for (let k = s.kept; k < kept; k++) setCell(s, g, order[k] as number, true);
  for (let k = s.kept - 1; k >= kept; k--) setCell(s, g, order[k] as number, false);
  s.kept = kept;
}

/** The proxy's score: each cell's saliency minus the threshold midway around the kept count. */
function scoreOf(s: SpatialState, arena: Arena): Float32Array {
  const ranked = s.ranked as RankedGrid;
  const total = s.side * s.side;
  const { order, scores } = ranked;
  const kept = s.kept;
  const last = kept > 0 ? (scores[order[kept - 1] as number] as number) : Infinity;
  const next = kept < total ? (scores[order[kept] as number] as number) : -Infinity;
  const threshold = kept === 0 ? next + 1e-6 : kept === total ? last - 1e-6 : (last + next) / 2;
  const score = arena.floats(total);
  for (let i = 0; i < total; i++) score[i] = (scores[i] as number) - threshold;
  return score;
}

/**
 * One ArrayBuffer for all the arrays of an update's new snapshots (a typed array of its own each cost
 * more than the copies into it: about 130 arrays per ResNet-101 change).
 */
class Arena {
  private readonly buffer: ArrayBuffer;
  private at = 0;
  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }
  /** Bytes the spatial arrays of a snapshot of `s` take (each array 4-aligned). */
  static spatialBytes(s: SpatialState): number {
    const a = (n: number) => (n + 3) & ~3;
    return a(s.grid.length) + a(s.conv2.length) + a(s.conv1.length) + 4 * s.grid.length;
  }
  /** Bytes the channel mask of a snapshot of `st` takes. */
  static channelBytes(st: BlockState): number {
    return st.channel ? (st.channel.mask.length + 3) & ~3 : 0;
  }
  copy(src: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.buffer, this.at, src.length);
    out.set(src);
    this.at += (src.length + 3) & ~3;
    return out;
  }
  floats(n: number): Float32Array {
    const out = new Float32Array(this.buffer, this.at, n);
    this.at += 4 * n;
    return out;
  }
}

const plane = (data: Uint8Array, height: number, width: number) => ({
  groups: 1,
  height,
  width,
  data,
});

/** The spatial part of a snapshot: copies of a spatial state's arrays (shared by same-shaped blocks). */
type SpatialParts = Pick<
  ProxyBlockMasks,
  'grid' | 'gridScore' | 'gridSaliency' | 'conv2' | 'conv1' | 'keptCells' | 'totalCells'
> & { spatial: number; conv2Rate: number; conv1Rate: number };

function spatialParts(
  s: SpatialState,
  g: BlockGeometry,
  mode: StageMode,
  layerScore: number | null,
  arena: Arena,
): SpatialParts {
  const total = s.side * s.side;
  let score: Float32Array;
  if (layerScore !== null) {
    score = arena.floats(1);
    score[0] = layerScore;
  } else score = scoreOf(s, arena);
  return {
    grid: plane(arena.copy(s.grid), s.side, s.side),
    gridScore: { groups: 1, height: s.side, width: s.side, data: score },
    gridSaliency: mode === 'layer' ? null : (s.ranked?.scores ?? null),
    conv2: plane(arena.copy(s.conv2), g.outSize, g.outSize),
    conv1: plane(arena.copy(s.conv1), g.inSize, g.inSize),
    keptCells: s.kept,
    totalCells: total,
    spatial: s.kept / total,
    conv2Rate: s.conv2.length === 0 ? 0 : s.ones2 / s.conv2.length,
    conv1Rate: s.conv1.length === 0 ? 0 : s.ones1 / s.conv1.length,
  };
}

function snapshotOf(
  st: BlockState,
  mode: StageMode,
  parts: SpatialParts | null,
  arena: Arena,
): ProxyBlockMasks {
  const g = st.geometry;
  const out = emptyProxyBlock(g, mode);
  const s = st.spatial;
  if (s && parts) {
    out.granularity = mode === 'layer' ? g.outSize : s.S;
    out.grid = parts.grid;
    out.gridScore = parts.gridScore;
    out.gridSaliency = parts.gridSaliency;
    out.conv2 = parts.conv2;
    out.conv1 = parts.conv1;
    out.keptCells = parts.keptCells;
    out.totalCells = parts.totalCells;
    out.rates.spatial = parts.spatial;
    out.rates.conv2 = parts.conv2Rate;
    out.rates.conv1 = parts.conv1Rate;
  }
  const c = st.channel;
  if (c) {
    out.channelGroupSize = c.G;
    out.channel = arena.copy(c.mask);
    out.keptGroups = c.kept;
    out.totalGroups = c.mask.length;
    out.rates.channel = c.kept / c.mask.length;
  }
  return out;
}

/**
 * Proxy masks of one image's saliency, updated per configuration. Throws RangeError (as
 * `computeProxyMasks` does) when a granularity or group size does not fit a block; the state is then
 * rebuilt at the next update.
 */
export class ProxyMasker {
  private arch: ArchitectureSpec | null = null;
  private states: BlockState[] = [];
  /** The ponder of the last masks, computed when first read. */
  private ponder: (() => CoarsePonder) | null = null;

  constructor(
    readonly saliency: SaliencyMap,
    readonly seed = 0,
  ) {}

  update(config: StudioConfig): MaskerResult {
    const arch = resolveArchitecture(config);
    const proxy = proxyConfigFromStudio(config, this.seed, arch);
    if (arch !== this.arch) {
      this.arch = null;
      this.states = listBlocks(arch).map((geometry) => ({
        geometry,
        signature: '',
        spatial: null,
        channel: null,
        gateU: 0,
        snapshot: null,
      }));
    }
    const changed: number[] = [];
    // `shape`: the spatial masks' key (sides, stride, granularity, kept cells) when blocks may share them.
    const due: {
      i: number;
      mode: StageMode;
      layerScore: number | null;
      shape: string | null;
      kept: number;
    }[] = [];
    try {
      this.states.forEach((st, i) => {
        const g = st.geometry;
        const mode = proxy.modes[g.stage] ?? 'static';
        const rate = clampRate(proxy.blockRates[g.key] ?? proxy.defaultRate ?? 0.5);
        const S = proxy.spatialGranularity[g.stage] ?? 1;
        const G = proxy.channelGroupSize[g.stage] ?? 1;
        const signature = `${mode}|${hasSpatialMask(mode) ? S : ''}|${hasChannelMask(mode) ? G : ''}`;
        const before = st.snapshot;
        const fresh = signature !== st.signature;
        if (fresh) this.rebuild(st, mode, S, G);
        let dirty = fresh;
        let layerScore: number | null = null;
        let shape: string | null = null;
        let keptTarget = 0;
        const s = st.spatial;
        if (s && mode === 'layer') {
          const on = st.gateU < rate ? 1 : 0;
          if (on !== s.kept) {
            for (let y = 0; y < g.outSize; y++)
              for (let x = 0; x < g.outSize; x++) setConv2(s, g, y, x, on === 1);
            s.grid[0] = on;
            s.kept = on;
          }
          layerScore = rate - st.gateU;
          dirty ||= before?.gridScore?.data[0] !== Math.fround(layerScore);
        } else if (s) {
          const total = s.side * s.side;
          keptTarget = Math.min(total, keptCellCount(rate, g.outSize, g.outSize, S));
          shape = `${g.inSize}|${g.outSize}|${g.stride}|${S}|${keptTarget}`;
          // The state is moved when the masks are snapshot (it may be another block's that moves).
          dirty ||= before?.keptCells !== keptTarget;
        }
        const c = st.channel;
        if (c) {
          const channelRate =
            mode === 'spatial+channel' ? clampRate(proxy.blockChannelRates?.[g.key] ?? rate) : rate;
          const kept = keptGroupCount(channelRate, c.mask.length);
          if (kept !== c.kept) {
            c.mask.fill(0);
            for (let k = 0; k < kept; k++) c.mask[c.priority[k] as number] = 1;
            c.kept = kept;
            dirty = true;
          }
        }
        if (dirty || !before) due.push({ i, mode, layerScore, shape, kept: keptTarget });
      });
    } catch (err) {
      this.arch = null;
      throw err;
    }
    this.arch = arch;
    // One state moves per shape: the first due block's; the others of that shape share its copies.
    const leaders = new Map<string, BlockState>();
    let bytes = 0;
    for (const d of due) {
      const st = this.states[d.i] as BlockState;
      bytes += Arena.channelBytes(st);
      const s = st.spatial;
      if (!s) continue;
      if (d.shape !== null) {
        if (leaders.has(d.shape)) continue;
        leaders.set(d.shape, st);
        keepCells(s, st.geometry, d.kept);
      }
      bytes += Arena.spatialBytes(s);
    }
    const arena = new Arena(bytes);
    const shared = new Map<string, SpatialParts>();
    for (const { i, mode, layerScore, shape } of due) {
      const st = this.states[i] as BlockState;
      let parts: SpatialParts | null = null;
      if (shape !== null) {
        parts = shared.get(shape) ?? null;
        if (!parts) {
          const leader = leaders.get(shape) as BlockState;
          parts = spatialParts(leader.spatial as SpatialState, leader.geometry, mode, null, arena);
          shared.set(shape, parts);
        }
      } else if (st.spatial) parts = spatialParts(st.spatial, st.geometry, mode, layerScore, arena);
      st.snapshot = snapshotOf(st, mode, parts, arena);
      changed.push(i);
    }
    const blocks = this.states.map((st) => st.snapshot as ProxyBlockMasks);
    if (changed.length > 0 || !this.ponder) this.ponder = once(() => coarsePonder(blocks));
    const ponder = this.ponder;
    return {
      blocks,
      get ponder() {
        return ponder().map;
      },
      get coarsePonder() {
        return ponder();
      },
      changed,
    };
  }

  private rebuild(st: BlockState, mode: StageMode, S: number, G: number): void {
    const g = st.geometry;
    st.signature = '';
    st.spatial = null;
    st.channel = null;
    if (mode === 'layer') {
      st.gateU = seededUniform(this.seed, `${g.key}/gate`);
      st.spatial = emptySpatial(g, g.outSize, 1, null);
    } else if (hasSpatialMask(mode)) {
      if (!(S >= 1) || g.outSize % S !== 0)
        throw new RangeError(
          `granularity ${S} does not divide the ${g.outSize}×${g.outSize} map of ${g.key}`,
        );
      const side = g.outSize / S;
      st.spatial = emptySpatial(g, S, side, rankedGrid(this.saliency, side));
    }
    if (hasChannelMask(mode)) {
      if (!(G >= 1) || g.midChannels % G !== 0)
        throw new RangeError(
          `channel group size ${G} does not divide the width ${g.midChannels} of ${g.key}`,
        );
      const groups = g.midChannels / G;
      st.channel = {
        G,
        priority: seededPermutation(this.seed, `${g.key}/channel`, groups),
        kept: 0,
        mask: new Uint8Array(groups),
      };
    }
    st.signature = `${mode}|${hasSpatialMask(mode) ? S : ''}|${hasChannelMask(mode) ? G : ''}`;
  }
}
