import type { ReactNode } from 'react';
import { useShallow } from '../store/shallow';
import { useStudio } from '../store';
import { liveActions } from './appLive';
import { offsetsOf } from './liveActions';

/** Slider range of an offset, in soft-score units (keep − skip logits). */
const RANGE = 4;
const STEP = 0.05;

function OffsetSlider(props: {
  label: string;
  value: number;
  testId: string;
  onChange: (value: number) => void;
  /** Shown in place of the label (the block picker). */
  lead?: ReactNode;
}) {
  const { label, value, testId, onChange, lead } = props;
  return (
    <div className="live-offset">
      {lead ?? <span className="live-offset-label">{label}</span>}
      <input
        type="range"
        min={-RANGE}
        max={RANGE}
        step={STEP}
        value={Math.max(-RANGE, Math.min(RANGE, value))}
        data-testid={testId}
        aria-label={`${label} threshold offset`}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <input
        type="number"
        className="live-offset-number"
        step={STEP}
        value={Number(value.toFixed(2))}
        aria-label={`${label} threshold offset (number)`}
        data-testid={`${testId}-number`}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          if (Number.isFinite(v)) onChange(v);
        }}
      />
    </div>
  );
}

/**
 * What-if controls: a global and a per-block threshold offset on the soft scores (a cell is kept when
 * score ≥ offset). The selected block's offset is shown; offsets are part of the configuration.
 */
export function OffsetControls() {
  const { offsets, blocks, selected } = useStudio(
    useShallow((s) => ({
      offsets: offsetsOf(s.config),
      blocks: s.liveModel?.blocks ?? [],
      selected: s.selectedBlock,
    })),
  );
  const scored = blocks.filter((b) => b.hasScore);
  const block = scored.find((b) => b.key === selected) ?? scored[0] ?? null;
  const changed = Object.keys(offsets.perBlock).length + (offsets.global !== 0 ? 1 : 0);
  if (scored.length === 0) {
    return (
      <p className="hint">
        This model outputs no soft scores (channel masks only), so there is nothing to offset.
      </p>
    );
  }
  return (
    <div className="live-offsets" data-testid="live-offsets">
      <OffsetSlider
        label="All blocks"
        value={offsets.global}
        testId="live-offset-global"
        onChange={(v) => liveActions.setOffset(null, v)}
      />
      {block ? (
        <OffsetSlider
          label={block.key}
          value={offsets.perBlock[block.key] ?? 0}
          testId="live-offset-block"
          onChange={(v) => liveActions.setOffset(block.key, v)}
          lead={
            <select
              className="live-offset-label"
              value={block.key}
              aria-label="Block whose offset to change"
              data-testid="live-offset-block-select"
              onChange={(e) => {
                const key = e.currentTarget.value;
                const s = useStudio.getState();
                const picked = blocks.find((b) => b.key === key);
                if (picked) s.selectStage(picked.stage);
                s.selectBlock(key);
              }}
            >
              {scored.map((b) => (
                <option key={b.key} value={b.key}>
                  {b.key}
                  {offsets.perBlock[b.key] ? ' •' : ''}
                </option>
              ))}
            </select>
          }
        />
      ) : null}
      <div className="live-offsets-foot">
        <span className="hint">
          A cell is kept where its soft score ≥ all-blocks + block offset: positive keeps less.
        </span>
        <button
          type="button"
          className="btn"
          disabled={changed === 0}
          data-testid="live-offsets-reset"
          onClick={() => liveActions.resetOffsets()}
        >
          Reset offsets
        </button>
      </div>
    </div>
  );
}
