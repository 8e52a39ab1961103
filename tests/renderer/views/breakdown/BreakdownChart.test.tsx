import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BreakdownChart } from '../../../../renderer/src/views/breakdown/BreakdownChart';
import { pathRects } from '../svgHelpers';
import { TWO_BLOCKS } from './twoBlocks';

describe('BreakdownChart', () => {
  afterEach(cleanup);

  function draw(selectedKey: string | null = null) {
    const onSelect = vi.fn();
    const view = render(
      <BreakdownChart
        data={TWO_BLOCKS}
        unit="image"
        batchSize={128}
        selectedKey={selectedKey}
        onSelect={onSelect}
      />,
    );
    return { ...view, onSelect, svg: view.container.querySelector('svg')! };
  }

  it('draws the bars at the width it has before measuring (720 px)', () => {
    // Plot x 72…708: steps of 318; block 0's static bar at 72 + 0.18 × 318 = 129.24, width
    // (0.64 × 318 − 1) / 2 = 101.26; y 8…250 for 0…4 ms (60.5 px per ms).
    const { container } = draw();
    const staticPath = container.querySelector('path[data-series="static|conv2|compute"]')!;
    expect(pathRects(staticPath.getAttribute('d')!)).toEqual([
      { x: 129.24, y: 129, width: expect.closeTo(101.26, 6) as number, height: 121 },
      { x: 447.24, y: 8, width: expect.closeTo(101.26, 6) as number, height: 242 },
    ]);
    expect(staticPath.getAttribute('fill-opacity')).toBe('0.45');
    // Memory is hatched with the operator's pattern, defined in the chart.
    const memory = container.querySelector('path[data-series="dynamic|conv2|memory"]')!;
    const fill = memory.getAttribute('fill')!;
    expect(fill).toMatch(/^url\(#.+-hatch-conv2\)$/);
    expect(container.querySelector(`pattern[id="${fill.slice(5, -1)}"]`)).not.toBeNull();
  });

  it('labels the axes with units and the blocks by stage', () => {
    const { container } = draw();
    expect(screen.getByText('Time (ms per image)')).toBeTruthy();
    expect(screen.getByText('Block (index within stage)')).toBeTruthy();
    const x = Array.from(container.querySelectorAll('.svg-axis-x .svg-tick-label')).map(
      (t) => t.textContent,
    );
    expect(x).toEqual(['0', 'Stage 1', '0', 'Stage 2']);
    const y = Array.from(container.querySelectorAll('.svg-axis-y .svg-tick-label')).map((t) => [
      t.textContent,
      Number(t.getAttribute('y')),
    ]);
    expect(y).toEqual([
      ['0', 250],
      ['1', 189.5],
      ['2', 129],
      ['3', 68.5],
      ['4', 8],
    ]);
  });

  it('shows a block’s tooltip on hover and selects it on click', () => {
    const { svg, onSelect } = draw();
    // happy-dom lays nothing out: the svg's box is at 0, 0, so client coordinates are chart pixels.
    fireEvent.pointerMove(svg, { clientX: 480, clientY: 200 });
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toContain('Block stage2/0');
    expect(tip.textContent).toContain('ratio 0.500');
    expect(tip.hasAttribute('data-export-ignore')).toBe(true);
    fireEvent.click(svg, { clientX: 480, clientY: 200 });
    expect(onSelect).toHaveBeenCalledWith('stage2/0');
    fireEvent.pointerLeave(svg);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('marks the selected block across its band', () => {
    const { container } = draw('stage1/0');
    const mark = container.querySelector('.breakdown-selected')!;
    expect(Number(mark.getAttribute('x'))).toBeCloseTo(72, 9);
    expect(Number(mark.getAttribute('width'))).toBeCloseTo(318, 9);
  });
});
