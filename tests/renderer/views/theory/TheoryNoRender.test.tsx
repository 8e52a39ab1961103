/**
 * A rate change that leaves the blocks, the stages and the drawn domain alone renders nothing of the
 * theory view with React: the points' places, the table's numbers, the network's figures and the sentence
 * over the chart are written directly, and the probe learns the configuration they show.
 */
import { Profiler } from 'react';
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../../core/config/defaults';
import type { StudioConfig } from '../../../../core/config/schema';
import { useStudio } from '../../../../renderer/src/store';
import { latencyModeOf } from '../../../../renderer/src/views/breakdown/ops';
import { formatChange, formatPoints } from '../../../../renderer/src/views/theory/change';
import { explainGap, theoryOf } from '../../../../renderer/src/views/theory/theoryData';
import { TheoryView } from '../../../../renderer/src/views/theory/TheoryView';
import { analyze } from '../../../../renderer/src/worker/analysis';
import { loadStudio, renderWithHost, resetStudio } from '../support';
import { axisTicks } from '../svgHelpers';

beforeEach(resetStudio);
afterEach(cleanup);

const base = defaultConfig('resnet50', 'v100');

/** A reduction as the view shows it (a signed change). */
const asChange = (reduction: number) => formatChange(-reduction);

/** "−20 %" → -20. */
const pct = (t: string) => Number(t.replace('−', '-').replace(/[ %+]/g, ''));

/** Pixel place of a value (%) on an axis, read from its ticks. */
function axisAt(root: Element, axis: 'x' | 'y'): (v: number) => number {
  const [a, b] = axisTicks(root, axis);
  return (v) => a!.pos + ((v - pct(a!.text)) * (b!.pos - a!.pos)) / (pct(b!.text) - pct(a!.text));
}

function renderCounted() {
  let commits = 0;
  const view = renderWithHost(
    <Profiler id="theory" onRender={() => commits++}>
      <TheoryView />
    </Profiler>,
  );
  return { ...view, commits: () => commits };
}

/** Checks that every number on screen is the one of the store's analysis (as the view wrote them before). */
function expectShows(container: HTMLElement): void {
  const { analysis, config } = useStudio.getState();
  const theory = theoryOf(analysis!);
  expect(screen.getByTestId('theory-explanation').textContent).toBe(
    explainGap(analysis!, latencyModeOf(config.hardware)),
  );
  // The table, as assistive technology reads it.
  const table = within(screen.getByRole('region', { name: 'Changes per stage' }));
  const rows = table.getAllByRole('row').slice(1);
  expect(rows.length).toBe(theory.stages.length);
  theory.stages.forEach((s, i) => {
    const cells = within(rows[i]!).getAllByRole('cell');
    const gap = s.flopsReduction - s.latencyReduction;
    expect(cells.map((c) => c.textContent)).toEqual([
      asChange(s.flopsReduction),
      asChange(s.latencyReduction),
      formatPoints(gap),
    ]);
    expect(cells[2]!.className).toBe(gap > 0.02 ? 'bad' : gap < -0.02 ? 'good' : '');
  });
  const note = container.querySelector('section.card p.hint')!.textContent;
  expect(note).toBe(
    'Gap: latency change minus FLOPs change, in points (positive: latency gains less). ' +
      `Network: FLOPs ${asChange(theory.network.flopsReduction)}, latency ` +
      `${asChange(theory.network.latencyReduction)}. FLOPs include the stem and head, which the ` +
      'latency model does not cost.',
  );
  // Each point at its changes on the axes.
  const xAt = axisAt(container, 'x');
  const yAt = axisAt(container, 'y');
  for (const b of theory.blocks) {
    const dot = container.querySelector(`circle.theory-point[data-key="${b.key}"]`)!;
    expect(Number(dot.getAttribute('cx'))).toBeCloseTo(xAt(-b.flopsReduction * 100), 6);
    expect(Number(dot.getAttribute('cy'))).toBeCloseTo(yAt(-b.latencyReduction * 100), 6);
  }
  const d = container.querySelector('path.theory-network')!.getAttribute('d')!;
  const [, cx, top] = /^M([\d.-]+) ([\d.-]+)L/.exec(d)!;
  expect(Number(cx)).toBeCloseTo(xAt(-theory.network.flopsReduction * 100), 6);
  expect(Number(top) + 8).toBeCloseTo(yAt(-theory.network.latencyReduction * 100), 6);
}

function load(config: StudioConfig) {
  act(() => {
    loadStudio(config);
  });
}

describe('TheoryView on a rate change', () => {
  it('commits no React render and still writes every number', () => {
    loadStudio({ ...base, targetRate: 0.5 });
    const { container, commits } = renderCounted();
    expectShows(container);
    const ticks = axisTicks(container, 'x');
    const table = screen.getByRole('region', { name: 'Changes per stage' }).textContent;
    const before = commits();
    load({ ...base, targetRate: 0.55 });
    expect(commits()).toBe(before);
    // The frame stayed; the numbers moved.
    expect(axisTicks(container, 'x')).toEqual(ticks);
    expect(screen.getByRole('region', { name: 'Changes per stage' }).textContent).not.toBe(table);
    expectShows(container);
    load({ ...base, targetRate: 0.6 });
    expect(commits()).toBe(before);
    expectShows(container);
  });

  it('marks the theory area drawn for each new configuration', () => {
    loadStudio({ ...base, targetRate: 0.5 });
    renderCounted();
    const next = { ...base, targetRate: 0.55 };
    act(() => {
      useStudio.setState({ config: next, analysis: analyze(next), analysisConfig: next });
    });
    expect(window.__laudnetProbe?.drawn.theory).toBe(next);
  });

  it('moves the selection ring with the selected block', () => {
    loadStudio({ ...base, targetRate: 0.5 });
    const { container, commits } = renderCounted();
    const key = useStudio.getState().analysis!.prediction.blocks[3]!.key;
    act(() => {
      useStudio.getState().selectBlock(key);
    });
    const ring = () => container.querySelector('circle.theory-selected')!;
    const dot = () => container.querySelector(`circle.theory-point[data-key="${key}"]`)!;
    const at = (el: Element) => [el.getAttribute('cx'), el.getAttribute('cy')];
    expect(at(ring())).toEqual(at(dot()));
    expect(dot().getAttribute('r')).toBe('5.5');
    const before = commits();
    const cy = dot().getAttribute('cy');
    act(() => {
      const next = { ...base, targetRate: 0.6 };
      useStudio.setState({ config: next, analysis: analyze(next) });
    });
    expect(commits()).toBe(before);
    expect(dot().getAttribute('cy')).not.toBe(cy);
    expect(at(ring())).toEqual(at(dot()));
  });

  it('renders again when a stage changes mode, with the new modes and numbers', () => {
    loadStudio({ ...base, targetRate: 0.5 });
    const { container, commits } = renderCounted();
    const before = commits();
    const stages = base.stages.map((s, i) => (i === 0 ? { ...s, mode: 'static' as const } : s));
    load({ ...base, targetRate: 0.5, stages });
    expect(commits()).toBeGreaterThan(before);
    const rows = within(screen.getByRole('region', { name: 'Changes per stage' })).getAllByRole(
      'row',
    );
    expect(rows[1]!.textContent).toContain('static');
    expectShows(container);
  });

  it('places each point once when the domain grows (not at the old scale first)', () => {
    loadStudio({ ...base, targetRate: 0.9 });
    const { container } = renderCounted();
    const ticks = axisTicks(container, 'x');
    const setAttribute = vi.spyOn(Element.prototype, 'setAttribute');
    try {
      load({ ...base, targetRate: 0.05 });
      expect(axisTicks(container, 'x')).not.toEqual(ticks);
      const cx = setAttribute.mock.calls.filter(([name]) => name === 'cx').length;
      expect(cx).toBe(container.querySelectorAll('circle.theory-point').length);
    } finally {
      setAttribute.mockRestore();
    }
    expectShows(container);
  });
});
