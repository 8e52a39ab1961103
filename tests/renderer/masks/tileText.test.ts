import { describe, expect, it } from 'vitest';
import { setStageMode } from '../../../renderer/src/store/configEdits';
import { baselineIn, rateText, writeTile } from '../../../renderer/src/views/masks/tileText';
import { proxyMasksFor } from '../../../renderer/src/worker/masksCompute';
import { rampSaliency, stage1Config } from './helpers';

const blocksOf = (config = stage1Config()) => proxyMasksFor(rampSaliency(), config).blocks;

function tile() {
  const button = document.createElement('button');
  const rate = document.createElement('span');
  const text = document.createElement('span');
  text.hidden = true;
  rate.append(text);
  button.append(rate);
  return { button, rate, text };
}

describe('rateText', () => {
  it('names dense, layer-gated and channel blocks and formats spatial rates', () => {
    let config = setStageMode(stage1Config(), 2, 'layer');
    config = setStageMode(config, 1, 'channel');
    config = setStageMode(config, 3, 'static');
    const blocks = blocksOf(config);
    expect(rateText(blocks.find((b) => b.key === 'stage1/0')!)).toBe('50.0%');
    expect(rateText(blocks.find((b) => b.key === 'stage4/0')!)).toBe('dense');
    expect(['runs', 'skipped']).toContain(rateText(blocks.find((b) => b.key === 'stage3/0')!));
    // 128 channels of stage 2 in groups of the default size: a percentage of the kept groups.
    expect(rateText(blocks.find((b) => b.key === 'stage2/0')!)).toMatch(/^\d+\.\d%$/);
  });
});

describe('writeTile', () => {
  it('writes text, name, data attributes and class the first time, then only what changed', () => {
    const el = tile();
    const half = blocksOf()[0]!;
    const first = writeTile(el, half, null);
    expect(first.resized).toBe(true);
    expect(el.rate.textContent).toBe('50.0%');
    expect(el.button.getAttribute('aria-label')).toBe('Block stage1/0, 50.0%');
    expect(el.rate.style.getPropertyValue('--rate-chars')).toBe('5');
    expect(el.rate.dataset.spatialRate).toBe('0.5');
    expect(el.rate.dataset.channelRate).toBe('');
    expect(el.button.classList.contains('skipped')).toBe(false);

    // The same rate again: nothing is written (a value put there by hand stays).
    el.rate.dataset.spatialRate = 'untouched';
    el.button.setAttribute('aria-label', 'untouched');
    const again = writeTile(el, half, first.written);
    expect(again.resized).toBe(false);
    expect(el.rate.dataset.spatialRate).toBe('untouched');
    expect(el.button.getAttribute('aria-label')).toBe('untouched');

    // A new rate of the same length: new text in the same node, box size unchanged.
    const node = el.text.firstChild;
    const quarter = blocksOf(stage1Config({ rate: 0.25 }))[0]!;
    // Only the values that change are written: the gate (none for a spatial mask) is left alone.
    el.rate.dataset.gate = 'untouched';
    const third = writeTile(el, quarter, again.written);
    expect(el.rate.dataset.gate).toBe('untouched');
    expect(third.resized).toBe(false);
    expect(el.text.firstChild).toBe(node);
    expect(el.rate.textContent).toBe('25.0%');
    expect(el.rate.dataset.spatialRate).toBe('0.25');
    expect(el.button.getAttribute('aria-label')).toBe('Block stage1/0, 25.0%');

    // A longer text resizes the box; no kept cell marks the tile skipped.
    const all = writeTile(el, blocksOf(stage1Config({ rate: 1 }))[0]!, third.written);
    expect(all.resized).toBe(true);
    expect(el.rate.style.getPropertyValue('--rate-chars')).toBe('6');
    writeTile(el, blocksOf(stage1Config({ rate: 0 }))[0]!, all.written);
    expect(el.rate.textContent).toBe('0.0%');
    expect(el.button.classList.contains('skipped')).toBe(true);
  });
});

describe('baselineIn', () => {
  it('centres the font box in the line and puts the baseline an ascent below its top', () => {
    // 13 px line, ascent 10 and descent 3: no leading; ascent 9.6 → 10, descent 2.4 → 2: 1 px of leading.
    expect(baselineIn(100, 13, 10, 3)).toBe(110);
    expect(baselineIn(100, 13, 9.6, 2.4)).toBe(110);
    expect(baselineIn(0, 20, 8, 2)).toBe(13);
  });
});
