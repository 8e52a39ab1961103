import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { DOMAIN_SETTLE_MS } from '../../../../renderer/src/views/theory/TheoryChart';
import { TheoryView } from '../../../../renderer/src/views/theory/TheoryView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import type * as SvgCharts from '../../../../renderer/src/charts/svg';

const axisRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../renderer/src/charts/svg', async (importOriginal) => {
  const original = await importOriginal<typeof SvgCharts>();
  return {
    ...original,
    Axis: (props: Parameters<typeof original.Axis>[0]) => {
      axisRenders.count++;
      return original.Axis(props);
    },
  };
});

/** Tick labels of an axis as numbers ("−20 %" → -20). */
function tickValues(container: HTMLElement, axis: 'x' | 'y'): number[] {
  return Array.from(container.querySelectorAll(`.svg-axis-${axis} .svg-tick-label`)).map((t) =>
    Number(t.textContent?.replace('−', '-').replace(/[^0-9.+-]/g, '')),
  );
}

describe('TheoryView on a rate change', () => {
  beforeEach(resetStudio);
  afterEach(cleanup);

  it('moves the dots and numbers but leaves axes, ticks, gridlines and legend untouched', () => {
    const base = defaultConfig('resnet50', 'v100');
    loadStudio({ ...base, targetRate: 0.5 });
    const { container } = renderWithHost(<TheoryView />);
    const axes = () => Array.from(container.querySelectorAll('.svg-axis, .svg-grid, .theory-zero'));
    const ticks = () =>
      Array.from(container.querySelectorAll('.svg-tick-label')).map((t) => [
        t,
        t.textContent,
        t.getAttribute('x'),
        t.getAttribute('y'),
      ]);
    const legend = () => container.querySelector('[aria-label="Theory vs practice legend"]');
    const axesBefore = axes().map((a) => [a, a.outerHTML]);
    const axisRendersBefore = axisRenders.count;
    const ticksBefore = ticks();
    const legendBefore = legend()!.outerHTML;
    const dot = () => container.querySelector('circle.theory-point')!;
    const cyBefore = dot().getAttribute('cy');
    const explanationBefore = screen.getByTestId('theory-explanation').textContent;

    act(() => {
      loadStudio({ ...base, targetRate: 0.55 });
    });

    // Same elements with the same content: nothing of the frame was rewritten.
    expect(axes().map((a) => [a, a.outerHTML])).toEqual(axesBefore);
    expect(ticks()).toEqual(ticksBefore);
    expect(legend()!.outerHTML).toBe(legendBefore);
    expect(axisRenders.count).toBe(axisRendersBefore);
    // The data did move.
    expect(dot().getAttribute('cy')).not.toBe(cyBefore);
    expect(screen.getByTestId('theory-explanation').textContent).not.toBe(explanationBefore);
  });

  it('never narrows the frame during a drag, and narrows it to the points once the rates rest', () => {
    vi.useFakeTimers();
    try {
      const base = defaultConfig('resnet50', 'v100');
      loadStudio({ ...base, targetRate: 0.05 });
      const { container } = renderWithHost(<TheoryView />);
      const wide = tickValues(container, 'x');
      act(() => {
        loadStudio({ ...base, targetRate: 0.9 });
      });
      act(() => {
        vi.advanceTimersByTime(DOMAIN_SETTLE_MS - 50);
      });
      act(() => {
        loadStudio({ ...base, targetRate: 0.91 });
      });
      act(() => {
        vi.advanceTimersByTime(DOMAIN_SETTLE_MS - 50);
      });
      // The points moved right (FLOPs −10 % … +60 %): the frame grew there and kept its left side.
      const during = tickValues(container, 'x');
      expect(during[0]).toBe(wide[0]);
      expect(during.at(-1)!).toBeGreaterThan(wide.at(-1)!);
      act(() => {
        vi.advanceTimersByTime(50);
      });
      // At rest it narrows to the points (the old rule, applied at once, gave this during the drag).
      expect(tickValues(container, 'x')[0]).toBeGreaterThan(wide[0]!);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws the frame when the points leave the drawn domain', () => {
    const base = defaultConfig('resnet50', 'v100');
    loadStudio({ ...base, targetRate: 0.9 });
    const { container } = renderWithHost(<TheoryView />);
    const before = tickValues(container, 'x');
    act(() => {
      loadStudio({ ...base, targetRate: 0.05 });
    });
    const after = tickValues(container, 'x');
    expect(after).not.toEqual(before);
    // Every dot lies inside the new frame, between its first and last gridline.
    const grid = container.querySelectorAll('.svg-grid')[1]!.getAttribute('d')!;
    const xs = Array.from(grid.matchAll(/M([\d.]+) /g)).map((m) => Number(m[1]));
    for (const c of Array.from(container.querySelectorAll('circle.theory-point'))) {
      const cx = Number(c.getAttribute('cx'));
      expect(cx).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
      expect(cx).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
    }
    // The diagonal spans the new domain: from the plot's left edge to its right one, where the
    // horizontal gridlines start and end.
    const rows = container.querySelectorAll('.svg-grid')[0]!.getAttribute('d')!;
    const [, left, right] = /^M([\d.]+) [\d.-]+H([\d.]+)/.exec(rows)!;
    const diagonal = container.querySelector('.theory-diagonal')!;
    expect(Number(diagonal.getAttribute('x1'))).toBeCloseTo(Number(left), 9);
    expect(Number(diagonal.getAttribute('x2'))).toBeCloseTo(Number(right), 9);
  });
});
