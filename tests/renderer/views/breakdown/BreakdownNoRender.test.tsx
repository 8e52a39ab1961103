/**
 * A rate change that leaves the blocks, the series, the time axis and the selected block's operators
 * alone renders nothing of the breakdown view with React: the bars' paths, the block's summary and its
 * operator tables are written directly, as a fresh render at that rate would draw them.
 */
import { Profiler } from 'react';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import type { StudioConfig } from '../../../../core/config/schema';
import { formatMs } from '../../../../renderer/src/format';
import { useStudio } from '../../../../renderer/src/store';
import { BreakdownView } from '../../../../renderer/src/views/breakdown/BreakdownView';
import { analyze } from '../../../../renderer/src/worker/analysis';
import { renderWithHost, resetStudio } from '../support';

beforeEach(resetStudio);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const base = defaultConfig('resnet101', 'v100');
const at = (rate: number, mode?: 'layer'): StudioConfig => ({
  ...base,
  targetRate: rate,
  stages: base.stages.map((s) => ({ ...s, rate, ...(mode ? { mode } : {}) })),
});

/** Puts `config` and its analysis in the store, as a prediction does (the selection stays). */
function predict(config: StudioConfig) {
  const analysis = analyze(config);
  useStudio.setState({ config, analysis, analysisConfig: config });
  return analysis;
}

/** `predict` inside act(). */
function predictInAct(config: StudioConfig) {
  let analysis: ReturnType<typeof analyze> | null = null;
  act(() => {
    analysis = predict(config);
  });
  return analysis!;
}

/** The view's markup with React's ids (the hatch patterns', the picker's) made the same. */
function markup(): string {
  return screen
    .getByTestId('breakdown-view')
    .innerHTML.replace(/_r_[0-9a-z]+_|\br[0-9a-z]+-hatch/g, 'ID');
}

function renderCounted() {
  let commits = 0;
  const view = renderWithHost(
    <Profiler id="breakdown" onRender={() => commits++}>
      <BreakdownView />
    </Profiler>,
  );
  return { ...view, commits: () => commits };
}

describe('BreakdownView on a rate change', () => {
  it('commits no React render and draws what a fresh render at the new rate draws', () => {
    predict(at(0.5));
    useStudio.setState({ selectedBlock: 'stage3/2' });
    const { commits } = renderCounted();
    const before = markup();
    const commitsBefore = commits();
    const next = predictInAct(at(0.55));
    expect(commits()).toBe(commitsBefore);
    const after = markup();
    expect(after).not.toBe(before);
    // The numbers on screen are the new analysis' ones.
    const block = next.prediction.blocks.find((b) => b.key === 'stage3/2')!;
    const perImage = (s: number) => formatMs((s * 1000) / next.prediction.batchSize);
    expect(screen.getByTestId('block-summary').textContent).toContain(perImage(block.latencyS));
    const dynamic = within(screen.getByRole('table', { name: 'Dynamic' }));
    const conv2 = block.ops.find((o) => o.op === 'conv2')!;
    expect(dynamic.getByRole('row', { name: /conv2/ }).textContent).toContain(
      perImage(conv2.latencyS),
    );
    // The same markup, texts and paths as a view rendered afresh at the new rate.
    cleanup();
    renderWithHost(<BreakdownView />);
    expect(markup()).toBe(after);
  });

  it('marks the breakdown drawn for the new configuration in the store update itself', () => {
    predict(at(0.5));
    renderCounted();
    const probe = window.__laudnetProbe!;
    const config = at(0.55);
    // No act(): nothing React schedules runs before the assertion.
    predict(config);
    expect(probe.drawn.breakdown).toBe(config);
    // A change of shape (a new time axis) is drawn, and marked, by the render it needs.
    const far = at(0.85);
    act(() => void predict(far));
    expect(probe.drawn.breakdown).toBe(far);
  });

  it('writes the bars without reading their attributes back', () => {
    predict(at(0.5));
    const { container } = renderWithHost(<BreakdownView />);
    const paths = () =>
      Array.from(container.querySelectorAll('path.breakdown-dynamic')).map((p) =>
        p.getAttribute('d'),
      );
    const before = paths();
    const read = vi.spyOn(Element.prototype, 'getAttribute');
    predictInAct(at(0.55));
    const readInBars = read.mock.contexts.filter(
      (el) => el instanceof Element && el.closest('.breakdown-bars') !== null,
    );
    read.mockRestore();
    expect(readInBars).toEqual([]);
    const after = paths();
    expect(after.length).toBe(before.length);
    expect(after.filter((d, i) => d !== before[i]).length).toBeGreaterThan(0);
  });

  it('keeps an open tooltip on the latest numbers', () => {
    predict(at(0.5));
    const { container } = renderWithHost(<BreakdownView />);
    // happy-dom lays nothing out: client coordinates are chart pixels; block 16 of 33 at 720 px.
    fireEvent.pointerMove(container.querySelector('[data-testid="breakdown-chart"] svg')!, {
      clientX: 72 + (636 / 33) * 16.5,
      clientY: 150,
    });
    const tip = () => screen.getByRole('tooltip').textContent;
    expect(tip()).toContain('Block stage3/');
    const key = /Block (stage\d+\/\d+)/.exec(tip())![1]!;
    const next = predictInAct(at(0.8));
    const block = next.prediction.blocks.find((b) => b.key === key)!;
    expect(tip()).toContain(formatMs((block.latencyS * 1000) / next.prediction.batchSize));
  });

  it('renders the selected block’s table again when its columns change (layer skipping at rate 1)', () => {
    predict(at(0.25, 'layer'));
    useStudio.setState({ selectedBlock: 'stage1/1' });
    renderWithHost(<BreakdownView />);
    const runs = () =>
      within(screen.getByRole('table', { name: 'Dynamic' })).queryByRole('columnheader', {
        name: 'Runs',
      });
    expect(runs()).not.toBeNull();
    predictInAct(at(1, 'layer'));
    expect(runs()).toBeNull();
    const after = markup();
    cleanup();
    renderWithHost(<BreakdownView />);
    expect(markup()).toBe(after);
  });
});
