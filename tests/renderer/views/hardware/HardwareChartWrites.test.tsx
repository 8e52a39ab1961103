/**
 * On a rate change the hardware charts repaint their canvases with the new rows' bars and labels and
 * write nothing into the charts' DOM (gridlines, axes and names stay as rendered); the charts' SVG export
 * carries the same bars and labels as vector elements.
 */
import { act, cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import { serialiseChart } from '../../../../renderer/src/charts/exportSvg';
import { formatMs } from '../../../../renderer/src/format';
import { useStudio } from '../../../../renderer/src/store';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import { recordCanvasesInEachTest } from './canvasRecorder';

const canvases = recordCanvasesInEachTest(resetStudio, cleanup);

const base = defaultConfig('resnet101', 'v100');
const rows = () => useStudio.getState().hardwareRows!;

describe('Hardware charts on a rate change', () => {
  it('repaint every bar and label of the new rows and write no DOM in the charts', () => {
    loadStudio({ ...base, targetRate: 0.5 }, { hardware: true });
    renderWithHost(<HardwareView />);
    const ratio = screen.getByTestId('hardware-ratio-chart');
    const ms = screen.getByTestId('hardware-ms-chart');
    const labels = (chart: HTMLElement) => canvases.of(chart).texts.map((t) => t.text);
    expect(labels(ratio)).toEqual([...rows().map((r) => r.ratio.toFixed(3)), 'static']);
    const before = { ratio: ratio.innerHTML, ms: ms.innerHTML, widths: canvases.of(ratio).rects };
    act(() => {
      loadStudio({ ...base, targetRate: 0.55 }, { hardware: true });
    });
    // The DOM of both charts is as it was; their canvases show the new rows.
    expect(ratio.innerHTML).toBe(before.ratio);
    expect(ms.innerHTML).toBe(before.ms);
    expect(labels(ratio)).toEqual([...rows().map((r) => r.ratio.toFixed(3)), 'static']);
    expect(labels(ms)).toEqual(rows().map((r) => formatMs(r.msPerImage)));
    const after = canvases.of(ratio).rects;
    expect(after).toHaveLength(before.widths.length);
    after.forEach((r, i) => expect(r.w).not.toBe(before.widths[i]!.w));
  });

  it('export the bars and labels shown as SVG elements', () => {
    loadStudio({ ...base, targetRate: 0.42 }, { hardware: true });
    const { container } = renderWithHost(<HardwareView />);
    const card = container.querySelector('.chart-card')!;
    const doc = new DOMParser().parseFromString(
      serialiseChart(card, { title: 'Hardware comparison' }).svg,
      'image/svg+xml',
    );
    expect(doc.querySelector('parsererror')).toBeNull();
    const texts = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    for (const r of rows()) {
      expect(texts).toContain(r.ratio.toFixed(3));
      expect(texts).toContain(formatMs(r.msPerImage));
    }
    // The bars as drawn on the ratio chart's canvas, at the same places (its rectangles are the
    // canvas's, in the same order, after the chart's own frame elements).
    const drawn = canvases.of(screen.getByTestId('hardware-ratio-chart')).rects;
    const exported = Array.from(doc.querySelectorAll('rect')).map((r) => ({
      x: Number(r.getAttribute('x')),
      w: Number(r.getAttribute('width')),
    }));
    for (const bar of drawn)
      expect(
        exported.some((e) => Math.abs(e.w - bar.w) < 1e-9 && Math.abs(e.x - bar.x) < 1e-9),
      ).toBe(true);
  });
});
