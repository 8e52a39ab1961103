/**
 * A rate change redraws the hardware comparison's bars, labels and table numbers but not the charts'
 * frame (gridlines, axes, preset names); a change of preset moves the "current" highlight in the frame.
 */
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import type * as SvgCharts from '../../../../renderer/src/charts/svg';
import { recordCanvasesInEachTest } from './canvasRecorder';

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

describe('HardwareView on a rate change', () => {
  const canvases = recordCanvasesInEachTest(resetStudio, cleanup);
  const ratioChart = () => canvases.of(screen.getByTestId('hardware-ratio-chart'));

  it('moves the bars and numbers but leaves gridlines, axes and preset names untouched', () => {
    const base = defaultConfig('resnet101', 'v100');
    loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    const { container } = renderWithHost(<HardwareView />);
    const frame = () =>
      Array.from(container.querySelectorAll('.svg-axis, .svg-grid')).map((e) => [e, e.outerHTML]);
    const widths = () => ratioChart().rects.map((r) => r.w);
    const table = () => screen.getByTestId('hardware-table').textContent;
    const frameBefore = frame();
    const axisRendersBefore = axisRenders.count;
    expect(axisRendersBefore).toBeGreaterThanOrEqual(4);
    const widthsBefore = widths();
    const tableBefore = table();
    expect(frameBefore.length).toBe(2 * 3); // per chart: gridlines, x axis, y axis

    act(() => {
      loadStudio({ ...base, targetRate: 0.55 }, { hardware: true });
    });

    // Same elements with the same content: the frame was not rewritten, nor its axes rendered again.
    expect(frame()).toEqual(frameBefore);
    expect(axisRenders.count).toBe(axisRendersBefore);
    // The data did move: every dynamic bar and the table's numbers.
    const widthsAfter = widths();
    expect(widthsAfter.length).toBe(widthsBefore.length);
    widthsAfter.forEach((w, i) => expect(w).not.toBe(widthsBefore[i]));
    expect(table()).not.toBe(tableBefore);
  });

  it('shows an earlier rate’s bars and numbers again when the rate comes back to it', () => {
    const base = defaultConfig('resnet101', 'v100');
    loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    renderWithHost(<HardwareView />);
    const shown = () => ({
      widths: ratioChart().rects.map((r) => r.w),
      labels: [
        ...ratioChart().texts.map((t) => t.text),
        ...canvases.of(screen.getByTestId('hardware-ms-chart')).texts.map((t) => t.text),
      ],
      table: screen.getByTestId('hardware-table').textContent,
    });
    const at50 = shown();
    // Every label has its number: ratios in one chart, ms per image in the other.
    expect(at50.labels.filter((l) => l !== 'static').every((l) => /\d/.test(l))).toBe(true);
    expect(at50.labels).toHaveLength(2 * at50.widths.length + 1);
    act(() => {
      loadStudio({ ...base, targetRate: 0.55 }, { hardware: true });
    });
    expect(shown()).not.toEqual(at50);
    act(() => {
      loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    });
    expect(shown()).toEqual(at50);
  });

  it('moves the current preset’s highlight in both charts when the hardware changes', () => {
    const base = defaultConfig('resnet101', 'v100');
    loadStudio(base, { hardware: true });
    const { container } = renderWithHost(<HardwareView />);
    const current = () =>
      Array.from(container.querySelectorAll('.svg-axis-y .svg-tick-label.hw-current')).map(
        (t) => t.textContent,
      );
    expect(current()).toEqual(['V100', 'V100']);
    act(() => {
      loadStudio(defaultConfig('resnet101', 'tx2'), { hardware: true });
    });
    expect(current()).toEqual(['Jetson TX2', 'Jetson TX2']);
  });
});
