import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { formatMs } from '../../../../renderer/src/format';
import { useStudio } from '../../../../renderer/src/store';
import { BreakdownView } from '../../../../renderer/src/views/breakdown/BreakdownView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import { axisTicks, pathRects, type PathRect } from '../svgHelpers';

describe('BreakdownView', () => {
  beforeEach(resetStudio);
  afterEach(cleanup);

  it('says it is predicting until an analysis arrives', () => {
    renderWithHost(<BreakdownView />);
    expect(screen.getByRole('status').textContent).toBe('Predicting…');
  });

  it('draws a static and a dynamic stacked bar per block, in proportion, with a legend of the operators', () => {
    const analysis = loadStudio(defaultConfig('resnet50', 'v100'));
    const { container } = renderWithHost(<BreakdownView />);
    const card = screen.getByRole('region', { name: 'Per-block breakdown' });
    expect(card).toBeTruthy();
    // 16 ResNet-50 blocks (3-4-6-3): an index tick each, the stage name under each stage's first block.
    const ticks = Array.from(container.querySelectorAll('.svg-axis-x .svg-tick-label')).map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual([
      '0',
      'Stage 1',
      '1',
      '2',
      '0',
      'Stage 2',
      '1',
      '2',
      '3',
      '0',
      'Stage 3',
      '1',
      '2',
      '3',
      '4',
      '5',
      '0',
      'Stage 4',
      '1',
      '2',
    ]);
    // Pixels per ms from the y axis' first and last tick labels (values and positions as drawn).
    const yTicks = axisTicks(container, 'y');
    const [first, last] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
    const pxPerMs = (first.pos - last.pos) / (Number(last.text) - Number(first.text));
    expect(pxPerMs).toBeGreaterThan(0);
    // Each side's segments, grouped per bar by their left edge (blocks left to right).
    const bars = (side: 'static' | 'dynamic') => {
      const byX = new Map<number, PathRect[]>();
      for (const path of container.querySelectorAll(`path.breakdown-${side}`)) {
        for (const r of pathRects(path.getAttribute('d')!)) {
          byX.set(r.x, [...(byX.get(r.x) ?? []), r]);
        }
      }
      return [...byX].sort((a, b) => a[0] - b[0]).map(([, rects]) => rects);
    };
    const [staticBars, dynamicBars] = [bars('static'), bars('dynamic')];
    expect(staticBars.length).toBe(16);
    expect(dynamicBars.length).toBe(16);
    const height = (rects: PathRect[]) => rects.reduce((sum, r) => sum + r.height, 0);
    analysis.prediction.blocks.forEach((b, i) => {
      // Drawn heights are the predicted ms per image on the axis' scale (paths keep 0.01 px).
      const perImageMs = (s: number) => (s * 1000) / analysis.prediction.batchSize;
      const drawn = [height(staticBars[i]!), height(dynamicBars[i]!)];
      expect(Math.abs(drawn[0]! - perImageMs(b.staticLatencyS) * pxPerMs)).toBeLessThan(0.05);
      expect(Math.abs(drawn[1]! - perImageMs(b.latencyS) * pxPerMs)).toBeLessThan(0.05);
      // Segments of a bar touch: each starts where the one below it ends.
      const sorted = [...dynamicBars[i]!].sort((p, q) => q.y - p.y);
      sorted.slice(1).forEach((r, k) => expect(r.y + r.height).toBeCloseTo(sorted[k]!.y, 1));
      // The static bar is left of the dynamic one, in the same band.
      expect(staticBars[i]![0]!.x).toBeLessThan(dynamicBars[i]![0]!.x);
    });
    // Several segments per bar: operators, split into compute and memory.
    expect(dynamicBars[4]!.length).toBeGreaterThanOrEqual(8);
    const legend = within(screen.getByRole('list', { name: 'Breakdown legend' }));
    for (const label of ['Masker + conv1', 'conv2 (3×3)', 'Scatter-add', 'Memory (hatched)']) {
      expect(legend.getByText(label)).toBeTruthy();
    }
    expect(screen.getByText('Time (ms per image)')).toBeTruthy();
  });

  it('keeps its time axis across rate changes while the bars fit, and fits a new model at once', () => {
    const base = defaultConfig('resnet101', 'v100');
    const at = (rate: number) => ({
      ...base,
      stages: base.stages.map((s) => ({ ...s, rate })),
    });
    loadStudio(at(0.85));
    const { container } = renderWithHost(<BreakdownView />);
    const yLabels = () => axisTicks(container, 'y').map((t) => t.text);
    const high = yLabels();
    // The top of the tallest bar, px from the chart's top.
    const tallest = () =>
      Math.min(
        ...Array.from(container.querySelectorAll('path.breakdown-series')).flatMap((p) =>
          pathRects(p.getAttribute('d')!).map((r) => r.y),
        ),
      );
    // At a low rate the tallest bar is lower (a static one) and the axis stays as drawn.
    const highTop = tallest();
    act(() => void loadStudio(at(0.15)));
    expect(yLabels()).toEqual(high);
    expect(tallest()).toBeGreaterThan(highTop);
    // A smaller model: under half the axis' top, the axis fits it anew.
    act(() => void loadStudio(defaultConfig('regnety004', 'v100')));
    expect(yLabels()).not.toEqual(high);
  });

  it('shows the operator table of the block chosen in the picker and syncs the store', () => {
    const analysis = loadStudio(defaultConfig('resnet50', 'v100'));
    renderWithHost(<BreakdownView />);
    expect(screen.queryByTestId('block-summary')).toBeNull();
    fireEvent.change(screen.getByLabelText('Operators of block'), {
      target: { value: 'stage2/1' },
    });
    expect(useStudio.getState().selectedBlock).toBe('stage2/1');
    const block = analysis.prediction.blocks.find((b) => b.key === 'stage2/1')!;
    const dynamic = screen.getByRole('table', { name: 'Dynamic' });
    const staticTable = screen.getByRole('table', { name: 'Static' });
    // Header row + one row per operator + the total row.
    expect(within(dynamic).getAllByRole('row').length).toBe(block.ops.length + 2);
    expect(within(staticTable).getAllByRole('row').length).toBe(block.staticOps.length + 2);
    const masker = block.ops.find((o) => o.op === 'masker+conv1')!;
    const maskerRow = within(dynamic).getByRole('row', { name: /Masker \+ conv1/ });
    expect(maskerRow.textContent).toContain(masker.schedule!);
    expect(maskerRow.textContent).toContain(formatMs((masker.latencyS * 1000) / 128));
  });

  it('follows the store selection (strip clicks) and switches the time unit', () => {
    const analysis = loadStudio(defaultConfig('resnet50', 'v100'));
    renderWithHost(<BreakdownView />);
    act(() => useStudio.getState().selectBlock('stage3/0'));
    const block = analysis.prediction.blocks.find((b) => b.key === 'stage3/0')!;
    const summary = screen.getByTestId('block-summary');
    expect(summary.textContent).toContain(formatMs((block.latencyS * 1000) / 128));
    fireEvent.click(screen.getByRole('radio', { name: 'ms / batch' }));
    expect(screen.getByTestId('block-summary').textContent).toContain(
      formatMs(block.latencyS * 1000),
    );
    expect(screen.getByText('Time (ms per batch of 128)')).toBeTruthy();
  });

  it('marks the runs column for layer skipping', () => {
    const base = defaultConfig('resnet50', 'v100');
    loadStudio({
      ...base,
      stages: base.stages.map((s) => ({ ...s, mode: 'layer' as const, rate: 0.25 })),
    });
    renderWithHost(<BreakdownView />);
    act(() => useStudio.getState().selectBlock('stage1/1'));
    const dynamic = screen.getByRole('table', { name: 'Dynamic' });
    expect(within(dynamic).getByRole('columnheader', { name: 'Runs' })).toBeTruthy();
    expect(within(dynamic).getByRole('row', { name: /conv2/ }).textContent).toContain('25 %');
    expect(within(dynamic).getByRole('row', { name: /Layer gate/ }).textContent).toContain('100 %');
  });
});
