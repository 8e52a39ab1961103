import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import { TheoryView } from '../../../../renderer/src/views/theory/TheoryView';
import { loadStudio, renderWithHost, resetStudio } from '../support';

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
    // Four stage series and the network series.
    expect(container.querySelectorAll('.recharts-scatter').length).toBe(5);
    expect(container.querySelectorAll('.recharts-scatter-symbol').length).toBe(
      analysis.prediction.blocks.length + 1,
    );
    expect(container.querySelectorAll('.recharts-reference-line').length).toBe(3);
    const explanation = screen.getByTestId('theory-explanation').textContent ?? '';
    expect(explanation).toContain(`FLOPs −${Math.round((1 - analysis.flopsRatio) * 100)} %`);
    expect(explanation).toContain(
      `latency −${Math.round((1 - analysis.prediction.ratio) * 100)} %`,
    );
    expect(screen.getByText('FLOPs change (% of static MACs)')).toBeTruthy();
    expect(screen.getByText('Latency change (% of static)')).toBeTruthy();
    const table = within(screen.getByRole('region', { name: 'Changes per stage' }));
    expect(table.getAllByRole('row').length).toBe(1 + 4);
  });
});
