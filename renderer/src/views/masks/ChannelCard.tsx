import { memo, useEffect, useRef } from 'react';
import type { BlockMaskSet } from '../../../../core/maskfile/types';
import type { MaskAtlas } from '../../worker/masksAtlas';
import { prepareCanvas } from './draw';
import { tileId } from './Filmstrip';
import type { MaskCardProps } from './OverlayCard';
import { groupCounts } from './selection';
import { selectMaskBlock, useShownBlock } from './useShownMasks';

const STRIP_WIDTH_PX = 384;
const STRIP_HEIGHT_PX = 14;

const Strip = memo(function Strip({
  block,
  selected,
  atlas,
}: {
  block: BlockMaskSet;
  selected: boolean;
  atlas: MaskAtlas;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const channel = block.channel;
  useEffect(() => {
    const canvas = canvasRef.current;
    const row = atlas.layout.index[block.key];
    if (!canvas || !channel || !atlas.strips || row === undefined) return;
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
  }, [channel, atlas, block.key]);
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
        aria-label={`${block.key}: ${counts.kept} of ${counts.total} channel groups kept`}
      />
      <span className="hint">
        {counts.kept}/{counts.total} groups · G = {block.channelGroupSize}
      </span>
    </li>
  );
});

/** Channel masks (a strip of groups per block) and layer gates (on/off per block), when the modes have them. */
export const ChannelCard = memo(function ChannelCard({ result, atlas }: MaskCardProps) {
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
              <Strip key={b.key} block={b} selected={shown?.key === b.key} atlas={atlas} />
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
            {layerBlocks.map((b) => {
              const on = b.grid !== null && b.grid.data.some((v) => v !== 0);
              return (
                <li key={b.key}>
                  <button
                    type="button"
                    className={`gate ${on ? 'on' : 'off'}${shown?.key === b.key ? ' selected' : ''}`}
                    data-testid={`layer-gate-${tileId(b.key)}`}
                    aria-label={`${b.key}: ${on ? 'executes' : 'skipped'}`}
                    onClick={() => selectMaskBlock(b)}
                  >
                    <span>{b.key.replace('stage', 'S')}</span>
                    <strong>{on ? 'on' : 'off'}</strong>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
});
