import { useMemo, useState } from 'react';
import { useShallow } from '../store/shallow';
import { T2T_VARIANTS } from '../../../core/transformer';
import { useHost } from '../hostContext';
import { useStudio } from '../store';
import { DEFAULT_SAMPLE_ID, SAMPLE_PHOTOS } from '../views/masks/samples';
import { TokenCanvas } from './TokenCanvas';
import { stripTiles } from './TransformerStrip';
import { usePatchRanking, useBlockMasks, type SaliencySource } from './useTokenMasks';

const sampleSource = (id: string): SaliencySource => {
  const s = SAMPLE_PHOTOS.find((p) => p.id === id) ?? SAMPLE_PHOTOS[0]!;
  return { key: s.id, label: s.label, source: { url: s.url } };
};

/** Token masks over a photo: the 14×14 patches (and the class token) each block keeps. */
export function TfMasksView() {
  const host = useHost();
  const { tf, block } = useStudio(useShallow((s) => ({ tf: s.transformer, block: s.tfBlock })));
  const [src, setSrc] = useState<SaliencySource>(() => sampleSource(DEFAULT_SAMPLE_ID));
  const { loaded, error } = usePatchRanking(src);
  const masks = useBlockMasks(loaded?.ranking ?? null);
  const heads = tf ? T2T_VARIANTS[tf.model].heads : 1;
  const tiles = useMemo(() => (tf ? stripTiles(tf, heads) : []), [tf, heads]);
  if (!tf) return null;
  const openImage = async () => {
    try {
      const file = await host.openFile('image');
      if (file)
        setSrc({
          key: `file:${file.name}:${file.bytes.length}`,
          label: file.name,
          source: { bytes: file.bytes },
        });
    } catch (err) {
      useStudio
        .getState()
        .notify(
          'error',
          `Could not open the image: ${err instanceof Error ? err.message : String(err)}`,
        );
    }
  };
  const sel = Math.min(block, masks.length - 1);
  const mask = masks[sel];
  const tile = tiles[sel];
  return (
    <div className="tf-view tf-masks" data-testid="tf-masks">
      <div className="view-toolbar" role="group" aria-label="Photo">
        <div className="segmented">
          {SAMPLE_PHOTOS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="btn small"
              aria-pressed={src.key === p.id}
              data-testid={`tf-sample-${p.id}`}
              onClick={() => setSrc(sampleSource(p.id))}
            >
              {p.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn small" onClick={() => void openImage()}>
          Open image…
        </button>
        <span
          className="tf-proxy-badge"
          data-testid="tf-proxy-badge"
          title="The number of kept tokens is exact; which tokens are kept is ranked by image saliency, not by AdaViT's learned selector."
        >
          Proxy masks · from image saliency
        </span>
      </div>
      {error ? (
        <p className="notice-inline error" role="alert">
          {error}
        </p>
      ) : null}
      {!loaded || !mask || !tile ? (
        error ? null : (
          <p className="hint">Ranking the patches of {src.label.toLowerCase()}…</p>
        )
      ) : (
        <div className="tf-masks-body">
          <section className="card tf-card tf-masks-main" aria-label={`Block ${sel}`}>
            <h3 className="card-title">
              Block {sel}
              <span className="hint"> · {src.label}</span>
            </h3>
            <div className="tf-masks-pair">
              <TokenCanvas
                image={loaded.input}
                mask={mask}
                sizePx={300}
                label={`Block ${sel}: ${mask.kept} of 197 tokens kept`}
              />
              <dl className="tf-facts" data-testid="tf-mask-facts">
                <dt>Tokens kept</dt>
                <dd data-testid="tf-mask-kept">
                  {mask.kept} of 197{' '}
                  <span className="hint">(class token + {Math.max(0, mask.kept - 1)} patches)</span>
                </dd>
                <dt>Class token</dt>
                <dd>{mask.classToken ? 'kept' : 'dropped'}</dd>
                <dt>Heads</dt>
                <dd>
                  <span
                    className="tf-head-dots"
                    aria-label={`${tile.headsKept} of ${heads} heads kept`}
                  >
                    {Array.from({ length: heads }, (_, h) => (
                      <span key={h} className={h < tile.headsKept ? 'on' : 'off'} />
                    ))}
                  </span>{' '}
                  {tile.headsKept} of {heads}
                </dd>
                <dt>Attention</dt>
                <dd>{execution(tile.attn)}</dd>
                <dt>MLP</dt>
                <dd>{execution(tile.mlp)}</dd>
              </dl>
            </div>
          </section>
          <section className="card tf-card tf-masks-grid" aria-label="Every block">
            <h3 className="card-title">
              Every block <span className="hint">· click one to enlarge</span>
            </h3>
            <ol className="tf-thumbs">
              {masks.map((m, i) => {
                const t = tiles[i]!;
                const skipped = t.attn === 0 && t.mlp === 0;
                return (
                  <li key={i} className={i === sel ? 'selected' : undefined}>
                    <button
                      type="button"
                      data-testid={`tf-thumb-${i}`}
                      onClick={() => useStudio.getState().selectTfBlock(i)}
                      className={skipped ? 'skipped' : undefined}
                    >
                      <TokenCanvas
                        image={loaded.input}
                        mask={m}
                        sizePx={92}
                        grid={false}
                        label={`Block ${i}: ${m.kept} tokens`}
                      />
                      <span className="tf-thumb-caption">
                        <strong>{i}</strong> · {m.kept} tokens
                      </span>
                      <span className="tf-thumb-sub">{thumbDetail(t, heads)}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>
      )}
      <p className="hint">
        Proxy masks: each block keeps exactly trunc(197·t) tokens, the class token among them, as
        the predictor counts them; which patches is ranked by spectral-residual saliency of the
        photo, not by AdaViT’s learned token selector. Dimmed patches are dropped. Execution rates
        are expected values: a sub-block at 50 % runs for half the images.
      </p>
    </div>
  );
}

/** "3/7h A80% M✕": what a block keeps besides its tokens ("all heads, both sub-blocks" when nothing). */
function thumbDetail(t: { headsKept: number; attn: number; mlp: number }, heads: number): string {
  const rate = (x: number) => (x === 0 ? '✕' : `${Math.round(x * 100)}%`);
  const parts: string[] = [];
  if (t.headsKept < heads) parts.push(`${t.headsKept}/${heads}h`);
  if (t.attn < 1) parts.push(`A${rate(t.attn)}`);
  if (t.mlp < 1) parts.push(`M${rate(t.mlp)}`);
  return parts.length > 0 ? parts.join(' ') : 'all heads, A, M';
}

const execution = (rate: number) =>
  rate === 0
    ? 'skipped'
    : rate === 1
      ? 'always executed'
      : `executed for ${Math.round(rate * 100)} % of images`;
