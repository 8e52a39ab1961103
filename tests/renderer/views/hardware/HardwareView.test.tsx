import { describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { HARDWARE_PRESETS } from '../../../../core/predictor';
import { useStudio } from '../../../../renderer/src/store';
import { HardwareView } from '../../../../renderer/src/views/hardware/HardwareView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import { axisTicks } from '../svgHelpers';
import { recordCanvasesInEachTest } from './canvasRecorder';

describe('HardwareView', () => {
  const canvases = recordCanvasesInEachTest(resetStudio, cleanup);

  it('waits for the worker’s rows', () => {
    loadStudio(defaultConfig('resnet50', 'v100'));
    renderWithHost(<HardwareView />);
    expect(screen.getByRole('status').textContent).toBe('Comparing hardware presets…');
  });

  it('compares every preset, highlights the current one and flags unvalidated presets', () => {
    loadStudio(defaultConfig('resnet101', 'tx2'), { hardware: true });
    const rows = useStudio.getState().hardwareRows!;
    const { container } = renderWithHost(<HardwareView />);
    const table = within(screen.getByTestId('hardware-table'));
    const bodyRows = table.getAllByRole('row').slice(1);
    expect(bodyRows.length).toBe(HARDWARE_PRESETS.length);
    const current = bodyRows.filter((r) => r.getAttribute('aria-current') === 'true');
    expect(current.length).toBe(1);
    expect(current[0]!.textContent).toContain('Jetson TX2');
    const tx2 = rows.find((r) => r.id === 'tx2')!;
    expect(current[0]!.textContent).toContain(tx2.ratio.toFixed(3));
    const unvalidated = HARDWARE_PRESETS.filter((p) => !p.validated).length;
    expect(table.getAllByText('not validated').length).toBe(unvalidated);
    // Both charts have one category per preset; unvalidated presets carry a dagger.
    const ticks = Array.from(container.querySelectorAll('.svg-axis-y .svg-tick-label'));
    expect(ticks.length).toBe(2 * HARDWARE_PRESETS.length);
    expect(ticks.filter((t) => t.textContent?.endsWith('†')).length).toBe(2 * unvalidated);
    expect(
      ticks.filter((t) => t.classList.contains('hw-current')).map((t) => t.textContent),
    ).toEqual(['Jetson TX2', 'Jetson TX2']);
    // Ratio bars (the chart's canvas): lengths in proportion to the ratios, from the axis' zero; each
    // labelled; the current preset's bar in the accent colour, unvalidated ones faded.
    const ratioChart = screen.getByTestId('hardware-ratio-chart');
    const drawn = canvases.of(ratioChart);
    expect(drawn.rects.length).toBe(rows.length);
    const zero = axisTicks(ratioChart, 'x').find((t) => t.text === '0')!.pos;
    const one = axisTicks(ratioChart, 'x').find((t) => t.text === '1')!.pos;
    drawn.rects.forEach((bar, i) => {
      expect(bar.x).toBeCloseTo(zero, 9);
      expect(bar.w).toBeCloseTo(rows[i]!.ratio * (one - zero), 6);
      expect(bar.alpha).toBe(rows[i]!.validated ? 1 : 0.5);
    });
    const accent = drawn.rects[rows.findIndex((r) => r.id === 'tx2')]!.fill;
    expect(drawn.rects.filter((r) => r.fill === accent)).toHaveLength(1);
    expect(drawn.texts.map((t) => t.text)).toContain(tx2.ratio.toFixed(3));
    // The ms chart's axis is logarithmic: decades equally spaced.
    const ms = axisTicks(screen.getByTestId('hardware-ms-chart'), 'x');
    expect(ms.length).toBeGreaterThanOrEqual(3);
    expect(ms[2]!.pos - ms[1]!.pos).toBeCloseTo(ms[1]!.pos - ms[0]!.pos, 6);
    expect(Number(ms[1]!.text) / Number(ms[0]!.text)).toBe(10);
    expect(screen.getByText('Latency per image (ms, log scale)')).toBeTruthy();
    expect(screen.getByText('Latency ratio, dynamic / static (lower is faster)')).toBeTruthy();
  });
});
