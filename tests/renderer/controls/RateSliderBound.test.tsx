/**
 * Rate sliders bound to the store by a selector (the global target and the stage rates): they follow the
 * store's rate without their section re-rendering, and a held (off-screen) row is not written.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Profiler } from 'react';
import { defaultConfig } from '../../../core/config/defaults';
import { RateSlider } from '../../../renderer/src/controls/RateSlider';
import { TargetSection } from '../../../renderer/src/controls/TargetSection';
import { useStudio, type StudioState } from '../../../renderer/src/store';
import { setTargetRate } from '../../../renderer/src/store/configEdits';
import { resetStudio } from '../views/support';

// The solvers talk to the analysis worker (no Worker in this environment); not under test here.
vi.mock('../../../renderer/src/controls/SolverButtons', () => ({ SolverButtons: () => null }));

afterEach(cleanup);
beforeEach(resetStudio);

const target = (s: StudioState) => s.config.targetRate;
const setRate = (v: number) =>
  act(() => useStudio.getState().editConfig((c) => setTargetRate(c, v), 'global-rate'));

describe('RateSlider bound to the store', () => {
  it('shows the store’s value and follows it, without re-rendering its section', () => {
    useStudio.setState({ config: defaultConfig('resnet50', 'v100') });
    let renders = 0;
    render(
      <Profiler id="target" onRender={() => renders++}>
        <TargetSection />
      </Profiler>,
    );
    const box = screen.getByTestId<HTMLInputElement>('global-rate-number');
    const range = screen.getByTestId<HTMLInputElement>('global-rate');
    expect(box.value).toBe('0.5');
    const before = renders;
    setRate(0.3721);
    expect(box.value).toBe('0.3721');
    expect(Number(range.value)).toBeCloseTo(0.3721, 1);
    setRate(0.6);
    expect(box.value).toBe('0.6');
    expect(renders).toBe(before);
  });

  it('an entry reaches onChange and the box then shows what the store kept', async () => {
    useStudio.setState({ config: defaultConfig('resnet50', 'v100') });
    render(<TargetSection />);
    const box = screen.getByTestId<HTMLInputElement>('global-rate-number');
    box.value = '1.7';
    act(() => {
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {}); // the snap-back runs in a microtask after the store update
    expect(useStudio.getState().config.targetRate).toBe(1);
    expect(box.value).toBe('1');
  });

  it('a selector that reads another part of the store follows that part', () => {
    useStudio.setState({ config: defaultConfig('resnet50', 'v100') });
    const stageRate = (s: StudioState) => s.config.stages[1]?.rate ?? s.config.targetRate;
    render(<RateSlider label="Stage" value={stageRate} testId="s2" onChange={() => undefined} />);
    const box = screen.getByTestId<HTMLInputElement>('s2-number');
    setRate(0.25);
    expect(box.value).toBe('0.25');
    act(() =>
      useStudio.setState((s) => ({
        config: {
          ...s.config,
          stages: s.config.stages.map((st, i) => (i === 1 ? { ...st, rate: 0.8 } : st)),
        },
      })),
    );
    expect(box.value).toBe('0.8');
    expect(target(useStudio.getState())).toBe(0.25);
  });
});
