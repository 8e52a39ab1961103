import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { stageColor } from '../../charts';
import { useStudio } from '../../store';
import { QuietTimer } from '../../controls/quietTimer';
import { architectureOrNull } from '../../store/selectors';
import { StripBlockButton, writeLiveBlocks } from './StripBlockButton';
import {
  gatesKeyOf,
  liveStages,
  parseGates,
  stripSignature,
  stripStructureSelector,
} from './liveStrip';
import { stageCaption, type StripStage } from './stripData';
import { useStripCanvas, type StripPainter } from './useStripCanvas';
import type { ArchitectureSpec } from '../../../../core/arch';
import '../../styles/views.css';

const NAV_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Escape']);

/**
 * View 5, always visible under the main area: every block in order, coloured by stage. Layer-skipped
 * blocks fade with their rate, spatial blocks show a small mask, channel blocks their kept groups; the
 * selected block (shared with the other views) is outlined. One tab stop: arrow keys move the selection.
 */
export const NetworkStrip = memo(function NetworkStrip() {
  const selectedBlock = useStudio((s) => s.selectedBlock);
  // Layer gates of the masks shown in the masks views (image proxy or a real dump): key → on/off.
  const gatesKey = useStudio(gatesKeyOf);
  const gates = useMemo(() => parseGates(gatesKey), [gatesKey]);
  const ref = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Null where the configuration does not resolve (the controls show why).
  const arch = useStudio((s) => architectureOrNull(s.config));
  // The structure only: the same stages while only rates change (those reach the DOM and the canvas
  // through useLiveStrip's subscription).
  const structureOf = useMemo(() => stripStructureSelector(arch), [arch]);
  const stages = useStudio(structureOf);
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
  const painter = useStripCanvas(ref, canvasRef, stages);
  useLiveStrip(ref, painter, arch, stages, selectedBlock, gates);
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

/**
 * Quiet time after a rate change before the strip's buttons take their new accessible names, ms. A drag
 * changes the rate every frame; the names (33 strings and attributes for ResNet-101, nothing on screen)
 * are written once it pauses, not in every frame of it.
 */
export const LABELS_QUIET_MS = 120;

/**
 * Keeps the strip on the live configuration: after each render (a new structure, selection or gates)
 * and, without rendering, on every rate change (a store subscription): the canvas repaints and the layer
 * fills are written in the store update of the change; the buttons' accessible names follow once the
 * rates have stayed the same for {@link LABELS_QUIET_MS}.
 */
function useLiveStrip(
  strip: RefObject<HTMLDivElement | null>,
  painter: StripPainter,
  arch: ArchitectureSpec | null,
  structure: StripStage[],
  selected: string | null,
  gates: ReadonlyMap<string, boolean>,
): void {
  useLayoutEffect(() => {
    if (!arch) return;
    let config = useStudio.getState().config;
    // The stages whose names wait for the drag to pause.
    let late: { root: Element; stages: StripStage[] } | null = null;
    const labels = new QuietTimer(LABELS_QUIET_MS, () => {
      if (late) writeLiveBlocks(late.root, late.stages, gates, false);
      late = null;
    });
    const show = (stages: StripStage[], afterRender: boolean) => {
      painter.update({ stages, selected, gates });
      const root = strip.current;
      if (!root) return;
      writeLiveBlocks(root, stages, gates, afterRender, afterRender);
      if (afterRender) return;
      late = { root, stages };
      labels.changed();
    };
    show(liveStages(config, arch), true);
    const unsubscribe = useStudio.subscribe((s) => {
      if (s.config === config) return;
      config = s.config;
      const stages = liveStages(config, arch);
      // Another structure re-renders the strip (its selector returns new stages): this effect runs again.
      if (stripSignature(stages) !== stripSignature(structure)) return;
      show(stages, false);
    });
    return () => {
      labels.cancel();
      unsubscribe();
    };
  }, [strip, painter, arch, structure, selected, gates]);
}
