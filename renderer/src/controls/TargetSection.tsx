import { memo, useId } from 'react';
import { useStudio } from '../store';
import { setTargetRate } from '../store/configEdits';
import { RateSlider } from './RateSlider';
import { SolverButtons } from './SolverButtons';

/** The global activation-rate target that drives every stage, and the solvers that set it for you. */
export const TargetSection = memo(function TargetSection() {
  const id = useId();
  const targetRate = useStudio((s) => s.config.targetRate);
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Global target
      </h2>
      <RateSlider
        label="Activation rate (all stages)"
        value={targetRate}
        testId="global-rate"
        onChange={(v) => useStudio.getState().editConfig((c) => setTargetRate(c, v), 'global-rate')}
      />
      <SolverButtons />
    </section>
  );
});
