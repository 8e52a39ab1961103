/**
 * A rate change re-renders the curves view's marker parts only: the hint, the dot and the chart box's
 * data attributes follow the new prediction while the card (title, buttons, legend, chart) is not
 * rendered again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { defaultConfig } from '../../../../core/config/defaults';
import type { StudioConfig } from '../../../../core/config/schema';
import { useStudio } from '../../../../renderer/src/store';
import { curves } from '../../../../renderer/src/worker/curves';
import { CurvesView } from '../../../../renderer/src/views/curves/CurvesView';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import type * as ChartCardModule from '../../../../renderer/src/charts/ChartCard';
import type {} from '../../../../renderer/src/perf/probe';

const cardRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../renderer/src/charts/ChartCard', async (importOriginal) => {
  const original = await importOriginal<typeof ChartCardModule>();
  return {
    ...original,
    ChartCard: (props: Parameters<typeof original.ChartCard>[0]) => {
      cardRenders.count++;
      return original.ChartCard(props);
    },
  };
});

function show(config: StudioConfig): void {
  loadStudio(config);
  useStudio.setState({ analysisConfig: config });
}

describe('CurvesView on a rate change', () => {
  beforeEach(resetStudio);
  afterEach(cleanup);

  it('moves the marker and its hint without rendering the card again', () => {
    const base = defaultConfig('resnet50', 'v100');
    const first = { ...base, targetRate: 0.5 };
    show(first);
    useStudio.setState({
      curves: curves(first, 'stage', 0),
      curvesConfig: first,
      curveScope: 'stage',
      selectedStage: 0,
    });
    renderWithHost(<CurvesView />);
    const chart = screen.getByTestId('curves-chart');
    const hint = screen.getByTestId('curves-marker');
    const markerBefore = JSON.parse(chart.getAttribute('data-marker') ?? 'null') as {
      rate: number;
    } | null;
    expect(markerBefore?.rate).toBe(0.5);
    expect(hint.textContent).toMatch(/^Current: rate 0\.50 → ratio \d\.\d{3}$/);
    const seriesBefore = chart.getAttribute('data-current-series');
    const rendersBefore = cardRenders.count;
    expect(rendersBefore).toBeGreaterThan(0);

    act(() => show({ ...base, targetRate: 0.5731 }));

    const marker = JSON.parse(chart.getAttribute('data-marker') ?? 'null') as {
      rate: number;
    } | null;
    expect(marker?.rate).toBe(0.5731);
    expect(screen.getByTestId('curves-marker').textContent).toMatch(/^Current: rate 0\.57 /);
    // Between two samples: the drawn current line goes through the marker.
    expect(chart.getAttribute('data-current-series')).not.toBe(seriesBefore);
    expect(chart.getAttribute('data-current-series')).toContain('0.5731');
    expect(cardRenders.count).toBe(rendersBefore);
    expect(window.__laudnetProbe?.isDrawn('curves')).toBe(true);
  });

  it('reports the marker drawn only over curves of the prediction’s family', () => {
    const base = defaultConfig('resnet50', 'v100');
    const first = { ...base, targetRate: 0.5 };
    show(first);
    useStudio.setState({
      curves: curves(first, 'stage', 0),
      curvesConfig: first,
      curveScope: 'stage',
      selectedStage: 0,
    });
    renderWithHost(<CurvesView />);
    expect(window.__laudnetProbe?.isDrawn('curves')).toBe(true);
    // Another granularity: the old curves do not show it until its own curves arrive.
    const other: StudioConfig = {
      ...first,
      stages: first.stages.map((st) => ({ ...st, spatialGranularity: 2 })),
    };
    act(() => show(other));
    expect(window.__laudnetProbe?.isDrawn('curves')).toBe(false);
    act(() => useStudio.setState({ curves: curves(other, 'stage', 0), curvesConfig: other }));
    expect(window.__laudnetProbe?.isDrawn('curves')).toBe(true);
    // A rate change in that family: drawn over the same curves.
    act(() => show({ ...other, targetRate: 0.6180339 }));
    expect(window.__laudnetProbe?.isDrawn('curves')).toBe(true);
  });
});
