import { memo, useLayoutEffect, useRef, useState } from 'react';
import { cachedAttrWriter } from '../../components/liveWrites';
import { writeNode } from './BlockStats';
import type { CardMasks, MasksFeed } from './masksFeed';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { prepareCanvas } from './draw';
import { tileId } from './Filmstrip';
import type { MaskCardProps } from './OverlayCard';
import { groupCounts } from './selection';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

const STRIP_WIDTH_PX = 384;
const STRIP_HEIGHT_PX = 14;

/** The block of `key` among `masks`' (its index in the atlas first). */
function blockOf(masks: CardMasks, key: string): BlockMaskSet | null {
  const { blocks } = masks.result;
  const i = masks.atlas.layout.index[key];
  const at = i === undefined ? undefined : blocks[i];
  return at?.key === key ? at : (blocks.find((b) => b.key === key) ?? null);
}

const stripLabel = (block: BlockMaskSet, kept: number, total: number) =>
  `${block.key}: ${kept} of ${total} channel groups kept`;

/** Draws `block`'s row of the strips image into its canvas. */
function drawChannelStrip(canvas: HTMLCanvasElement, block: BlockMaskSet, atlas: MaskAtlas): void {
  const channel = block.channel;
  const row = atlas.layout.index[block.key];
  if (!channel || !atlas.strips || row === undefined) return;
  const ctx = prepareCanvas(canvas, STRIP_WIDTH_PX, STRIP_HEIGHT_PX);
  if (!ctx) return;
  ctx.imageSmoothingEnabled = false;
  // The block's row of the strips image: one pixel per group.
  const groups = channel.length;
  ctx.drawImage(atlas.strips, 0, row, groups, 1, 0, 0, STRIP_WIDTH_PX, STRIP_HEIGHT_PX);
  // Group boundaries, when groups are wide enough to tell apart.
  const step = STRIP_WIDTH_PX / channel.length;
  if (step >= 4) {
    ctx.fillStyle = 'rgb(255 255 255 / 0.7)';
    for (let g = 1; g < channel.length; g++)
      ctx.fillRect(Math.round(g * step), 0, 1, STRIP_HEIGHT_PX);
  }
}

/** One block's channel strip; new masks from `feed` are drawn and written into it. */
const Strip = memo(function Strip({
  block,
  selected,
  atlas,
  feed,
}: {
  block: BlockMaskSet;
  selected: boolean;
  atlas: MaskAtlas;
  feed: MasksFeed | undefined;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hintRef = useRef<HTMLSpanElement>(null);
  const [attr] = useState(cachedAttrWriter);
  // What the canvas shows, to draw it only when the block's groups or the picture change.
  const drawn = useRef<{ channel: Uint8Array; strips: CanvasImageSource } | null>(null);
  useLayoutEffect(() => {
    const write = (b: BlockMaskSet, a: MaskAtlas) => {
      const canvas = canvasRef.current;
      if (!canvas || !b.channel || !a.strips) return;
      const last = drawn.current;
      if (!last || last.channel !== b.channel || last.strips !== a.strips) {
        drawn.current = { channel: b.channel, strips: a.strips };
        drawChannelStrip(canvas, b, a);
      }
      const counts = groupCounts(b);
      if (!counts) return;
      attr(canvas, 'aria-label', stripLabel(b, counts.kept, counts.total));
      writeNode(hintRef.current, 0, String(counts.kept));
    };
    write(block, atlas);
    return feed?.subscribe((masks) => {
      const b = blockOf(masks, block.key);
      if (b) write(b, masks.atlas);
    });
  }, [block, atlas, feed, attr]);
  const counts = groupCounts(block);
  if (!counts) return null;
  return (
    <li className={selected ? 'selected' : undefined}>
      <button type="button" className="link-button" onClick={() => selectMaskBlock(block)}>
        {block.key}
      </button>
      <canvas
        ref={canvasRef}
        style={{ width: STRIP_WIDTH_PX, height: STRIP_HEIGHT_PX }}
        data-testid={`channel-strip-${tileId(block.key)}`}
        role="img"
        aria-label={stripLabel(block, counts.kept, counts.total)}
      />
      <span className="hint" ref={hintRef}>
        {counts.kept}/{counts.total} groups · G = {block.channelGroupSize}
      </span>
    </li>
  );
});

const gateOn = (b: BlockMaskSet) => b.grid !== null && b.grid.data.some((v) => v !== 0);

/** One block's layer gate; new masks from `feed` are written into it. */
const Gate = memo(function Gate({
  block,
  selected,
  feed,
}: {
  block: BlockMaskSet;
  selected: boolean;
  feed: MasksFeed | undefined;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const stateRef = useRef<HTMLElement>(null);
  const [attr] = useState(cachedAttrWriter);
  const className = (on: boolean) => `gate ${on ? 'on' : 'off'}${selected ? ' selected' : ''}`;
  const label = (on: boolean) => `${block.key}: ${on ? 'executes' : 'skipped'}`;
  useLayoutEffect(() => {
    const write = (b: BlockMaskSet) => {
      const on = gateOn(b);
      attr(buttonRef.current, 'class', className(on));
      attr(buttonRef.current, 'aria-label', label(on));
      writeNode(stateRef.current, 0, on ? 'on' : 'off');
    };
    write(block);
    return feed?.subscribe((masks) => {
      const b = blockOf(masks, block.key);
      if (b) write(b);
    });
  });
  const on = gateOn(block);
  return (
    <li>
      <button
        ref={buttonRef}
        type="button"
        className={className(on)}
        data-testid={`layer-gate-${tileId(block.key)}`}
        aria-label={label(on)}
        onClick={() => selectMaskBlock(block)}
      >
        <span>{block.key.replace('stage', 'S')}</span>
        <strong ref={stateRef}>{on ? 'on' : 'off'}</strong>
      </button>
    </li>
  );
});

/**
 * Channel masks (a strip of groups per block) and layer gates (on/off per block), when the modes have
 * them. Renders with the masks' structure; each strip and gate writes new masks from `feed` itself.
 */
export const ChannelCard = memo(function ChannelCard(props: MaskCardProps) {
  const { feed } = props;
  const { result, atlas } = feed?.get() ?? props;
  const { blocks } = result;
  const shown = useShownBlock(blocks);
  const channelBlocks = blocks.filter((b) => b.channel !== null);
  const layerBlocks = blocks.filter((b) => b.mode === 'layer');
  if (channelBlocks.length === 0 && layerBlocks.length === 0) {
    return (
      <section className="card masks-channels" aria-label="Channel masks and layer gates">
        <h3 className="card-title">Channel masks and layer gates</h3>
        <p className="hint">
          No stage uses channel or layer skipping. Set a stage&apos;s mode to “Channel skipping”,
          “Spatial + channel” or “Layer skipping” to see its groups or gates here.
        </p>
      </section>
    );
  }
  return (
    <section className="card masks-channels" aria-label="Channel masks and layer gates">
      {channelBlocks.length > 0 ? (
        <>
          <h3 className="card-title">
            Channel masks{' '}
            <span className="hint">
              one cell per group of G channels · green kept, grey skipped
            </span>
          </h3>
          <ul className="channel-strips">
            {channelBlocks.map((b) => (
              <Strip
                key={b.key}
                block={b}
                selected={shown?.key === b.key}
                atlas={atlas}
                feed={feed}
              />
            ))}
          </ul>
        </>
      ) : null}
      {layerBlocks.length > 0 ? (
        <>
          <h3 className="card-title">
            Layer gates <span className="hint">one decision per block for this image</span>
          </h3>
          <ul className="layer-gates">
            {layerBlocks.map((b) => (
              <Gate key={b.key} block={b} selected={shown?.key === b.key} feed={feed} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
});
