import { memo, type KeyboardEvent } from 'react';
import { useShallow } from '../store/shallow';
import { T2T_VARIANTS } from '../../../core/transformer';
import { useStudio } from '../store';
import {
  MODE_LABEL,
  keptHeadCount,
  keptTokenCount,
  modeSwitches,
  variantLabel,
  type TfUiConfig,
} from './tfConfig';

interface TileData {
  index: number;
  heads: number;
  headsKept: number;
  tokensKept: number;
  attn: number;
  mlp: number;
}

/** What each block keeps, from the configuration itself (so the strip never waits for the worker). */
export function stripTiles(tf: TfUiConfig, heads: number): TileData[] {
  const sw = modeSwitches(tf.mode);
  return tf.tokenRate.map((t, i) => ({
    index: i,
    heads,
    headsKept: sw.head ? keptHeadCount(heads, tf.headRate[i] ?? 1) : heads,
    tokensKept: sw.token ? keptTokenCount(t) : 197,
    attn: sw.layer ? (tf.attnRate[i] ?? 1) : 1,
    mlp: sw.layer ? (tf.mlpRate[i] ?? 1) : 1,
  }));
}

/**
 * The transformer's network strip: stem, every block (heads kept as dots, tokens kept as a bar,
 * attention and MLP sub-blocks filled by their execution rate, struck through when skipped), tail.
 */
export function TransformerStrip() {
  const { tf, selected } = useStudio(
    useShallow((s) => ({ tf: s.transformer, selected: s.tfBlock })),
  );
  if (!tf) return null;
  const heads = T2T_VARIANTS[tf.model].heads;
  const tiles = stripTiles(tf, heads);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tiles.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const clamped = Math.max(0, Math.min(tiles.length - 1, next));
    useStudio.getState().selectTfBlock(clamped);
    const row = e.currentTarget.parentElement;
    (row?.children[clamped] as HTMLElement | undefined)?.focus();
  };
  return (
    <div className="tf-strip" aria-label="Transformer blocks" data-testid="tf-strip">
      <div className="tf-strip-caption">
        <strong>{variantLabel(tf.model)}</strong>
        <span>
          {tiles.length} blocks · {MODE_LABEL[tf.mode].toLowerCase()} · dots: heads kept · bar:
          tokens kept · A / M: attention / MLP executed
        </span>
      </div>
      <div className="tf-strip-row">
        <span className="tf-strip-end" title="Tokens-to-token stem and position embedding">
          Stem
        </span>
        <div className="tf-strip-blocks" role="listbox" aria-label="Blocks">
          {tiles.map((t) => (
            <Tile key={t.index} tile={t} selected={t.index === selected} onKeyDown={onKeyDown} />
          ))}
        </div>
        <span className="tf-strip-end" title="Final norm and classifier">
          Tail
        </span>
      </div>
    </div>
  );
}

const Tile = memo(function Tile({
  tile,
  selected,
  onKeyDown,
}: {
  tile: TileData;
  selected: boolean;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>, i: number) => void;
}) {
  const { index, heads, headsKept, tokensKept, attn, mlp } = tile;
  const title = `Block ${index}: ${tokensKept} of 197 tokens, ${headsKept} of ${heads} heads, attention ${pct(attn)}, MLP ${pct(mlp)}`;
  return (
    <button
      type="button"
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={`tf-tile${selected ? ' selected' : ''}`}
      title={title}
      aria-label={title}
      data-testid={`tf-strip-block-${index}`}
      data-heads-kept={headsKept}
      data-tokens-kept={tokensKept}
      onClick={() => useStudio.getState().selectTfBlock(index)}
      onKeyDown={(e) => onKeyDown(e, index)}
    >
      <span className="tf-tile-heads">
        {Array.from({ length: heads }, (_, h) => (
          <span key={h} className={h < headsKept ? 'on' : 'off'} />
        ))}
      </span>
      <span className="tf-tile-tokens">
        <span style={{ width: `${(tokensKept / 197) * 100}%` }} />
      </span>
      <span className="tf-tile-subs">
        <SubBlock label="A" rate={attn} />
        <SubBlock label="M" rate={mlp} />
      </span>
      <span className="tf-tile-index">{index}</span>
    </button>
  );
});

function SubBlock({ label, rate }: { label: string; rate: number }) {
  return (
    <span className={`tf-sub${rate === 0 ? ' skipped' : ''}`}>
      <span className="tf-sub-fill" style={{ height: `${rate * 100}%` }} />
      <span className="tf-sub-label">{label}</span>
    </span>
  );
}

const pct = (x: number) => (x === 0 ? 'skipped' : `${Math.round(x * 100)} % executed`);
