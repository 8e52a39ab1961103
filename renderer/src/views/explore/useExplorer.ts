/** Runs explorations for the view: builds the spec from the form, starts the workers, keeps the result. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArchitectureSpec } from '../../../../core/arch';
import type { StudioConfig } from '../../../../core/config/schema';
import { resolveHardwareParams } from '../../../../core/config/resolve';
import type { ExploreDevice, ExploreSpec } from '../../../../core/explore';
import { resolveHardware } from '../../../../core/predictor/hardware';
import { startExploration, type ExploreOutcome, type ExploreRun } from '../../worker/exploreClient';
import { memory, parseIntList, parseRateGrid, type ExploreForm } from './exploreState';

/** The spec of a form, or the first message about it. */
export function specOfForm(
  form: ExploreForm,
): { ok: true; spec: ExploreSpec } | { ok: false; error: string } {
  const rates = parseRateGrid(form.rates);
  if (!rates.ok) return rates;
  const stages = [];
  for (const [i, st] of form.stages.entries()) {
    const s = parseIntList(st.granularities, `Stage ${i + 1} S`);
    if (!s.ok) return s;
    const g = parseIntList(st.groupSizes, `Stage ${i + 1} G`);
    if (!g.ok) return g;
    stages.push({ modes: st.modes, granularities: s.values, groupSizes: g.values });
  }
  return {
    ok: true,
    spec: {
      modes: form.modes,
      rates: rates.rates,
      rateScope: form.perStageRates ? 'per-stage' : 'global',
      trainableOnly: form.trainableOnly,
      stages,
    },
  };
}

/** The devices of a form: presets as shipped, except the configuration's own preset with its overrides. */
export function devicesOfForm(form: ExploreForm, config: StudioConfig): ExploreDevice[] {
  return form.devices.map((id) => ({
    id,
    params:
      config.hardware.kind === 'preset' && config.hardware.id === id
        ? resolveHardwareParams(config)
        : resolveHardware(id),
  }));
}

export interface ExplorerState {
  outcome: ExploreOutcome | null;
  running: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
  run: (arch: ArchitectureSpec, form: ExploreForm, config: StudioConfig, modelKey: string) => void;
  cancel: () => void;
}

export function useExplorer(): ExplorerState {
  const [outcome, setOutcome] = useState<ExploreOutcome | null>(memory.outcome);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<ExploreRun | null>(null);

  useEffect(() => () => current.current?.cancel(), []);

  const run = useCallback(
    (arch: ArchitectureSpec, form: ExploreForm, config: StudioConfig, modelKey: string) => {
      current.current?.cancel();
      const spec = specOfForm(form);
      if (!spec.ok) {
        setError(spec.error);
        return;
      }
      setError(null);
      setRunning(true);
      setProgress(null);
      let r: ExploreRun;
      try {
        r = startExploration(arch, spec.spec, devicesOfForm(form, config), (done, total) =>
          setProgress({ done, total }),
        );
      } catch (e) {
        setRunning(false);
        setError(e instanceof Error ? e.message : String(e));
        return;
      }
      current.current = r;
      r.promise.then(
        (o) => {
          if (current.current !== r) return;
          current.current = null;
          setRunning(false);
          if (!o) return;
          memory.outcome = o;
          memory.modelKey = modelKey;
          setOutcome(o);
        },
        (e: unknown) => {
          if (current.current !== r) return;
          current.current = null;
          setRunning(false);
          const message = e instanceof Error ? e.message : String(e);
          setError(message.charAt(0).toUpperCase() + message.slice(1));
        },
      );
    },
    [],
  );

  const cancel = useCallback(() => {
    current.current?.cancel();
    current.current = null;
    setRunning(false);
  }, []);

  return { outcome, running, progress, error, run, cancel };
}
