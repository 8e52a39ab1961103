import { memo, useId } from 'react';
import { useStudio, type StudioState } from '../store';
import { setTargetRate } from '../store/configEdits';
import { RateSlider } from './RateSlider';
import { SolverButtons } from './SolverButtons';

const targetRateOf = (s: StudioState) => s.config.targetRate;

const setTarget = (v: number) =>
  useStudio.getState().editConfig((c) => setTargetRate(c, v), 'global-rate');

/**
 * The global activation-rate target that drives every stage, and the solvers that set it for you. The
 * slider reads the target from the store itself: a new rate re-renders nothing here.
 */
export const TargetSection = memo(function TargetSection() {
  const id = useId();
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Global target
      </h2>
      <RateSlider
        label="Activation rate (all stages)"
        value={targetRateOf}
        testId="global-rate"
        onChange={setTarget}
      />
      <SolverButtons />
    </section>
  );
});
