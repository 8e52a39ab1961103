import { memo, Suspense, useId, useState } from 'react';
import { resolveArchitecture } from '../../../core/config/resolve';
import { hardwareLabel } from '../labels';
import { useStudio } from '../store';
import { analysisWorker } from '../worker/useAnalysis';
import type { GranularityChoice } from '../worker/types';
import { GranularityDialog } from '../components/lazyDialogs';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The tuner's solvers: fit the rates to a FLOPs target or a latency budget, choose granularities. */
export const SolverButtons = memo(function SolverButtons() {
  const id = useId();
  const [flopsTarget, setFlopsTarget] = useState('0.5');
  const [proportional, setProportional] = useState(false);
  const [budgetMs, setBudgetMs] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [choice, setChoice] = useState<{
    result: GranularityChoice;
    resolutions: number[];
    hardware: string;
  } | null>(null);

  const run = async (label: string, job: () => Promise<void>) => {
    setBusy(label);
    try {
      await job();
    } catch (err) {
      useStudio.getState().notify('error', `${label} failed: ${message(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const fitFlops = () =>
    run('Fit to FLOPs target', async () => {
      const t = Number(flopsTarget);
      if (!Number.isFinite(t) || t <= 0 || t > 1)
        throw new Error('the FLOPs target must be a ratio in (0, 1]');
      const s = useStudio.getState();
      const res = await analysisWorker().fitFlops(
        s.config,
        t,
        proportional ? 'proportional' : 'uniform',
      );
      s.editConfig(() => res.config);
      s.notify(
        res.achievable ? 'info' : 'error',
        res.achievable
          ? `FLOPs ratio ${res.flopsRatio.toFixed(4)} reached (${proportional ? 'rates scaled by' : 'uniform rate'} ${res.parameter.toFixed(4)}).`
          : `A FLOPs ratio of ${t} is out of reach for these modes (possible: ${res.range[0].toFixed(3)}–${res.range[1].toFixed(3)}); the closest end was applied.`,
      );
    });

  const fitBudget = () =>
    run('Fit to latency budget', async () => {
      const ms = Number(budgetMs);
      if (!Number.isFinite(ms) || ms <= 0)
        throw new Error('the budget must be a positive number of milliseconds per image');
      const s = useStudio.getState();
      const res = await analysisWorker().fitBudget(s.config, ms);
      s.editConfig(() => res.config);
      s.notify(
        res.achievable ? 'info' : 'error',
        res.achievable
          ? `Predicted ${res.latencyMsPerImage.toFixed(4)} ms/image, within the ${ms} ms budget.`
          : `A budget of ${ms} ms/image is outside what these modes and granularities reach (${res.rangeMsPerImage[0].toFixed(4)}–${res.rangeMsPerImage[1].toFixed(4)} ms); the closest setting was applied.`,
      );
    });

  const chooseGranularity = () =>
    run('Choose granularity', async () => {
      const s = useStudio.getState();
      const result = await analysisWorker().chooseGranularity(s.config);
      const resolutions = resolveArchitecture(s.config).stages.map((st) => st.outResolution);
      setChoice({ result, resolutions, hardware: hardwareLabel(s.config) });
    });

  return (
    <div className="solvers">
      <div className="solver-row">
        <label htmlFor={`${id}-flops`}>FLOPs target</label>
        <input
          id={`${id}-flops`}
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={flopsTarget}
          onChange={(e) => setFlopsTarget(e.currentTarget.value)}
          data-testid="flops-target"
        />
        <button
          type="button"
          className="btn small"
          disabled={busy !== null}
          onClick={() => void fitFlops()}
        >
          Fit to FLOPs target
        </button>
      </div>
      <label className="hint checkbox">
        <input
          type="checkbox"
          checked={proportional}
          onChange={(e) => setProportional(e.currentTarget.checked)}
        />{' '}
        keep per-stage proportions
      </label>
      <div className="solver-row">
        <label htmlFor={`${id}-budget`}>Budget, ms per image</label>
        <input
          id={`${id}-budget`}
          type="number"
          min={0}
          step={0.01}
          value={budgetMs}
          onChange={(e) => setBudgetMs(e.currentTarget.value)}
          data-testid="latency-budget"
        />
        <button
          type="button"
          className="btn small"
          disabled={busy !== null}
          onClick={() => void fitBudget()}
        >
          Fit to latency budget
        </button>
      </div>
      <button
        type="button"
        className="btn small wide"
        disabled={busy !== null}
        onClick={() => void chooseGranularity()}
        data-testid="choose-granularity"
      >
        {busy ? `${busy}…` : 'Choose granularity (S or G by predicted latency)'}
      </button>
      {choice ? (
        <Suspense fallback={<div className="overlay" role="presentation" />}>
          <GranularityDialog.component
            result={choice.result}
            resolutions={choice.resolutions}
            hardware={choice.hardware}
            onClose={() => setChoice(null)}
          />
        </Suspense>
      ) : null}
    </div>
  );
});
