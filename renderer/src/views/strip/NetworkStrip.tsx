import { memo, useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { architectureOrNull } from '../../store/selectors';
import { StripBlockButton, useBlockLabels } from './StripBlockButton';
import { shownMasks } from '../masks/selection';
import { stageCaption, stripData } from './stripData';
import { useStripCanvas } from './useStripCanvas';
import '../../styles/views.css';

const NAV_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Escape']);

/**
 * View 5, always visible under the main area: every block in order, coloured by stage. Layer-skipped
 * blocks fade with their rate, spatial blocks show a small mask, channel blocks their kept groups; the
 * selected block (shared with the other views) is outlined. One tab stop: arrow keys move the selection.
 */
export const NetworkStrip = memo(function NetworkStrip() {
  const { config, selectedBlock } = useStudio(
    useShallow((s) => ({ config: s.config, selectedBlock: s.selectedBlock })),
  );
  // Layer gates of the masks shown in the masks views (image proxy or a real dump): key → on/off.
  const gatesKey = useStudio((s) => {
    const shown = shownMasks(s);
    if (!shown) return '';
    return shown.result.blocks
      .filter((b) => b.mode === 'layer' && b.grid !== null)
      .map((b) => `${b.key}=${b.grid!.data.some((v) => v !== 0) ? 1 : 0}`)
      .join(',');
  });
  const gates = useMemo(() => {
    const map = new Map<string, boolean>();
    for (const item of gatesKey ? gatesKey.split(',') : []) {
      const [key, on] = item.split('=');
      map.set(key!, on === '1');
    }
    return map;
  }, [gatesKey]);
  const ref = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Null where the configuration does not resolve (the controls show why).
  const arch = useStudio((s) => architectureOrNull(s.config));
  const stages = useMemo(() => (arch ? stripData(config, arch) : []), [arch, config]);
  const blocks = useMemo(() => stages.flatMap((s) => s.blocks), [stages]);
  // The same array while the blocks are the same (a rate change keeps it), so onKeyDown keeps its identity.
  const keyList = blocks.map((b) => b.key).join(',');
  const keys = useMemo(() => (keyList ? keyList.split(',') : []), [keyList]);
  // Stable across selection changes, so the memoised block buttons skip re-rendering.
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLButtonElement>, key: string) => {
      if (!NAV_KEYS.has(e.key)) return;
      e.preventDefault();
      const { selectBlock } = useStudio.getState();
      if (e.key === 'Escape') {
        selectBlock(null);
        return;
      }
      const i = keys.indexOf(key);
      const step = e.key === 'ArrowRight' ? 1 : -1;
      const next =
        e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? keys.length - 1
            : Math.min(keys.length - 1, Math.max(0, i + step));
      const nextKey = keys[next]!;
      selectBlock(nextKey);
      ref.current?.querySelector<HTMLButtonElement>(`[data-block-key="${nextKey}"]`)?.focus();
    },
    [keys],
  );
  useStripCanvas(ref, canvasRef, { stages, selected: selectedBlock, gates });
  useBlockLabels(ref, blocks, gates);
  if (!arch || keys.length === 0) {
    return <p className="view-empty strip-empty">No network to show.</p>;
  }
  const tabbableKey =
    selectedBlock !== null && keys.includes(selectedBlock) ? selectedBlock : keys[0];
  const { selectBlock } = useStudio.getState();

  return (
    <div
      className="strip"
      ref={ref}
      role="toolbar"
      aria-label="Network blocks"
      data-testid="network-strip"
    >
      {stages.map((stage) => (
        <div className="strip-stage" key={stage.stage} style={{ flexGrow: stage.blocks.length }}>
          <div className="strip-stage-caption" title={stageCaption(stage)}>
            <span className="strip-stage-swatch" style={{ background: stageColor(stage.stage) }} />
            {stageCaption(stage)}
          </div>
          <div className="strip-blocks">
            {stage.blocks.map((b) => (
              <StripBlockButton
                key={b.key}
                block={b}
                selected={b.key === selectedBlock}
                tabbable={b.key === tabbableKey}
                gate={gates.get(b.key)}
                onSelect={selectBlock}
                onKeyDown={onKeyDown}
              />
            ))}
          </div>
        </div>
      ))}
      {/* The block pictures and rates, drawn over the buttons (see useStripCanvas). */}
      <canvas className="strip-canvas" ref={canvasRef} aria-hidden="true" />
    </div>
  );
});
