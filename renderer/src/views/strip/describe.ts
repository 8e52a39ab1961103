/** Words for a block's dynamic setting, shared by the strip, the breakdown and the theory view. */
import type { BlockDynamics, DynamicMode } from '../../../../core/flops/block';

const MODE_WORD: Record<DynamicMode, string> = {
  static: 'static',
  spatial: 'spatial',
  channel: 'channel',
  layer: 'layer',
  'spatial+channel': 'spatial + channel',
};

/** "spatial" / "layer" / "spatial + channel"… */
export function modeWord(mode: DynamicMode): string {
  return MODE_WORD[mode];
}

/** A rate with two decimals, as the controls show it. */
export function formatRate(rate: number): string {
  return rate.toFixed(2);
}

/** "spatial S=4, rate 0.50" · "channel G=2, rate 0.50" · "static" (granularity only where it applies). */
export function describeDynamics(d: BlockDynamics): string {
  switch (d.mode) {
    case 'static':
      return 'static';
    case 'spatial':
      return `spatial S=${d.spatialGranularity}, rate ${formatRate(d.rate)}`;
    case 'layer':
      return `layer skipping, rate ${formatRate(d.rate)}`;
    case 'channel':
      return `channel G=${d.channelGroupSize}, rate ${formatRate(d.rate)}`;
    case 'spatial+channel':
      return `spatial S=${d.spatialGranularity} + channel G=${d.channelGroupSize}, rates ${formatRate(d.rate)} / ${formatRate(d.channelRate)}`;
  }
}

/** Accessible name of a strip button: "Block stage3/2, spatial, rate 0.50". */
export function blockAriaLabel(key: string, d: BlockDynamics): string {
  if (d.mode === 'static') return `Block ${key}, static`;
  if (d.mode === 'spatial+channel') {
    return `Block ${key}, spatial + channel, rate ${formatRate(d.rate)}, channel rate ${formatRate(d.channelRate)}`;
  }
  return `Block ${key}, ${modeWord(d.mode)}, rate ${formatRate(d.rate)}`;
}
