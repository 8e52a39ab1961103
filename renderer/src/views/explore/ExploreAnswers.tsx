/** The two one-click answers: fastest design keeping ≥ X % FLOPs, most FLOPs kept under Y ms per image. */
import { useEffect, useMemo } from 'react';
import { bestValueWithin, cheapestWithValue, pointSummary } from '../../../../core/explore';
import { formatPercent } from '../../format';
import { presetShortLabel } from '../../labels';
import type { ExploreOutcome } from '../../worker/exploreClient';
import type { ScatterMark } from './ExploreScatter';
import { DEVICE_COLORS, fmtMs, type ExploreForm } from './exploreState';

export interface ExploreAnswersProps {
  outcome: ExploreOutcome;
  ms: Float64Array[];
  form: ExploreForm;
  onForm: (f: ExploreForm) => void;
  onAdopt: (device: number, index: number) => void;
  onPin: (device: number, index: number) => void;
  onMarks: (marks: ScatterMark[]) => void;
}

interface Answer {
  device: number;
  index: number | undefined;
}

function parseValue(text: string): number | undefined {
  const v = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(v) && v > 0 ? v : undefined;
}

export function ExploreAnswers({
  outcome,
  ms,
  form,
  onForm,
  onAdopt,
  onPin,
  onMarks,
}: ExploreAnswersProps) {
  const minPct = parseValue(form.minFlopsPct);
  const budget = parseValue(form.budgetMs);
  // Default budget: the middle of the first device's front, so the answer shows something at once.
  const firstFront = outcome.fronts[0]!;
  const defaultBudget = firstFront.length
    ? Number(ms[0]![firstFront[Math.floor(firstFront.length / 2)]!]!.toPrecision(2))
    : undefined;
  const budgetUsed = budget ?? defaultBudget;
  const fastest: Answer[] = useMemo(
    () =>
      outcome.devices.map((_, h) => ({
        device: h,
        index:
          minPct === undefined
            ? undefined
            : cheapestWithValue(outcome.fronts[h]!, outcome.flopsRatio, minPct / 100),
      })),
    [outcome, minPct],
  );
  const most: Answer[] = useMemo(
    () =>
      outcome.devices.map((_, h) => ({
        device: h,
        index:
          budgetUsed === undefined
            ? undefined
            : bestValueWithin(outcome.fronts[h]!, ms[h]!, budgetUsed),
      })),
    [outcome, ms, budgetUsed],
  );

  useEffect(() => {
    const marks: ScatterMark[] = [];
    for (const a of [...fastest, ...most])
      if (a.index !== undefined)
        marks.push({
          x: ms[a.device]![a.index]!,
          y: outcome.flopsRatio[a.index]!,
          color: DEVICE_COLORS[a.device % DEVICE_COLORS.length]!,
          label: pointSummary(outcome.space, a.index),
          shape: 'ring',
        });
    onMarks(marks);
  }, [fastest, most, ms, outcome, onMarks]);

  const row = (a: Answer, none: string) => {
    const name = presetShortLabel(outcome.devices[a.device]!.id);
    if (a.index === undefined)
      return (
        <li key={a.device} className="explore-answer-none">
          <span className="explore-answer-device">{name}</span> {none}
        </li>
      );
    return (
      <li key={a.device}>
        <div className="explore-answer-main">
          <span
            className="explore-chip-dot"
            style={{ background: DEVICE_COLORS[a.device % DEVICE_COLORS.length] }}
          />
          <span className="explore-answer-device">{name}</span>
          <span className="mono explore-answer-figures">
            {fmtMs(ms[a.device]![a.index]!)} · {formatPercent(outcome.flopsRatio[a.index]!)}
          </span>
          <button type="button" className="btn small" onClick={() => onAdopt(a.device, a.index!)}>
            Adopt
          </button>
          <button
            type="button"
            className="btn small"
            title="Pin to compare"
            onClick={() => onPin(a.device, a.index!)}
          >
            Pin
          </button>
        </div>
        <div className="explore-answer-config">{pointSummary(outcome.space, a.index)}</div>
      </li>
    );
  };

  return (
    <section className="explore-answers" aria-label="Answers">
      <div className="explore-answer">
        <label className="explore-answer-q">
          Fastest design that keeps at least
          <input
            className="explore-input tiny mono"
            aria-label="Minimum FLOPs kept (%)"
            value={form.minFlopsPct}
            onChange={(e) => onForm({ ...form, minFlopsPct: e.target.value })}
          />
          % of the FLOPs
        </label>
        <ul>{fastest.map((a) => row(a, 'no configuration keeps that much'))}</ul>
      </div>
      <div className="explore-answer">
        <label className="explore-answer-q">
          Most FLOPs kept under
          <input
            className="explore-input tiny mono"
            aria-label="Latency budget (ms per image)"
            placeholder={defaultBudget !== undefined ? String(defaultBudget) : ''}
            value={form.budgetMs}
            onChange={(e) => onForm({ ...form, budgetMs: e.target.value })}
          />
          ms per image
        </label>
        <ul>{most.map((a) => row(a, 'no configuration is that fast'))}</ul>
      </div>
    </section>
  );
}
