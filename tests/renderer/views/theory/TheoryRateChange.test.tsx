import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { TheoryView } from '../../../../renderer/src/views/theory/TheoryView';
import { loadStudio, renderWithHost, resetStudio } from '../support';

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
    // The data did move.
    expect(dot().getAttribute('cy')).not.toBe(cyBefore);
    expect(screen.getByTestId('theory-explanation').textContent).not.toBe(explanationBefore);
  });
});
