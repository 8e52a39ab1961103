import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { TheoryView } from '../../../../renderer/src/views/theory/TheoryView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import { axisTicks } from '../svgHelpers';

describe('TheoryView', () => {
  beforeEach(resetStudio);
  afterEach(cleanup);

  it('says it is predicting until an analysis arrives', () => {
    renderWithHost(<TheoryView />);
    expect(screen.getByRole('status').textContent).toBe('Predicting…');
  });

  it('plots a dot per block plus the network, the diagonal, and explains the gap', () => {
    const analysis = loadStudio(defaultConfig('resnet50', 'v100'));
    const { container } = renderWithHost(<TheoryView />);
    // A dot per block and the network's diamond.
    const points = Array.from(container.querySelectorAll('.theory-point'));
    expect(points.length).toBe(analysis.prediction.blocks.length + 1);
    expect(container.querySelectorAll('circle.theory-point').length).toBe(
      analysis.prediction.blocks.length,
    );
    // Positions read on the axes: the network at (FLOPs change, latency change) in %.
    const x = axisTicks(container, 'x');
    const y = axisTicks(container, 'y');
    const pct = (t: string) => Number(t.replace('−', '-').replace(/[ %+]/g, ''));
    const xAt = (v: number) =>
      x[0]!.pos +
      ((v - pct(x[0]!.text)) * (x[1]!.pos - x[0]!.pos)) / (pct(x[1]!.text) - pct(x[0]!.text));
    const yAt = (v: number) =>
      y[0]!.pos +
      ((v - pct(y[0]!.text)) * (y[1]!.pos - y[0]!.pos)) / (pct(y[1]!.text) - pct(y[0]!.text));
    const block = analysis.prediction.blocks[5]!;
    const dot = container.querySelector(`circle.theory-point[data-key="${block.key}"]`)!;
    const f = analysis.flops.blocks.find((b) => b.key === block.key)!;
    const flopsChange = (f.dynamicMacs.total / f.staticMacs.total - 1) * 100;
    expect(Number(dot.getAttribute('cx'))).toBeCloseTo(xAt(flopsChange), 6);
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(
      yAt((block.latencyS / block.staticLatencyS - 1) * 100),
      6,
    );
    // The diagonal is y = x: both ends read the same value on both axes, and it spans the plot.
    const diagonal = container.querySelector('.theory-diagonal')!;
    const end = (n: 1 | 2) => [
      Number(diagonal.getAttribute(`x${n}`)),
      Number(diagonal.getAttribute(`y${n}`)),
    ];
    const xOf = (px: number) => pct(x[0]!.text) + ((px - x[0]!.pos) * 10) / (xAt(10) - xAt(0));
    const yOf = (px: number) => pct(y[0]!.text) + ((px - y[0]!.pos) * 10) / (yAt(10) - yAt(0));
    for (const n of [1, 2] as const) {
      const [ex, ey] = end(n);
      expect(xOf(ex!)).toBeCloseTo(yOf(ey!), 6);
    }
    expect(end(2)[0]! - end(1)[0]!).toBeGreaterThan(200);
    expect(container.querySelector('.theory-zero')!.getAttribute('d')).toContain(`M${xAt(0)} `);
    const explanation = screen.getByTestId('theory-explanation').textContent ?? '';
    expect(explanation).toContain(`FLOPs −${Math.round((1 - analysis.flopsRatio) * 100)} %`);
    expect(explanation).toContain(
      `latency −${Math.round((1 - analysis.prediction.ratio) * 100)} %`,
    );
    expect(screen.getByText('FLOPs change (% of static MACs)')).toBeTruthy();
    // The rotated y title reads upwards in the left margin, drawn after the points (so that moving
    // points do not make the page re-layerize).
    const yTitle = screen.getByText('Latency change (% of static)');
    expect(yTitle.getAttribute('transform')).toBe('rotate(-90)');
    expect(Number(yTitle.getAttribute('y'))).toBeLessThan(x[0]!.pos);
    const svg = container.querySelector('[data-testid="theory-chart"] svg')!;
    const order = Array.from(svg.querySelectorAll('.theory-points, .svg-axis-title'));
    expect(order.indexOf(yTitle)).toBeGreaterThan(
      order.indexOf(svg.querySelector('.theory-points')!),
    );
    const table = within(screen.getByRole('region', { name: 'Changes per stage' }));
    expect(table.getAllByRole('row').length).toBe(1 + 4);
  });
});
