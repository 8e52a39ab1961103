import {
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type DragEvent,
  type RefObject,
} from 'react';
import { useLateMasks } from './useLate';
import { isSetDrop } from '../../host/browserFolder';
import { readFileBytes } from '../../host/browserHost';
import { useHost } from '../../hostContext';
import { markDrawn } from '../../perf/probe';
import { registerOpenHandler } from '../../files/openRequests';
import { useStudio } from '../../store';
import { masksWorker } from '../../worker/masksClient';
import '../../styles/masks.css';
import { maskActions } from './appActions';
import { ChannelCard } from './ChannelCard';
import { Filmstrip } from './Filmstrip';
import { MaskSourceLabel, MasksToolbar } from './MasksToolbar';
import { OriginalCard } from './OriginalCard';
import { OverlayCard } from './OverlayCard';
import { PonderCard } from './PonderCard';
import { useMaskPipeline } from './useMaskPipeline';
import { cardMasks, createMasksFeed, masksStructure } from './masksFeed';
import type { ProxyMasks } from '../../store/masksSlice';
import { liveActions, looksLikeOnnx } from '../../live/appLive';
import { LivePanel } from '../../live/LivePanel';
import { useDrawnMark } from './useDrawnMark';
import { dumpIsSource } from './selection';

// Parts that read the store themselves: new masks (every rate change) do not re-render them.
const Toolbar = memo(MasksToolbar);
const SourceLabel = memo(MaskSourceLabel);
const Live = memo(LivePanel);
const Original = memo(OriginalCard);

/** Registers the view as the receiver of "Open image…" / "Open mask dump…" commands while it is shown. */
function useOpenHandlers() {
  const host = useHost();
  useEffect(() => {
    const offImage = registerOpenHandler('image', async (file) => {
      const picked = file ?? (await host.openFile('image'));
      if (picked) await maskActions.openImageBytes(picked.name, picked.bytes, 'file');
    });
    const offMask = registerOpenHandler('mask', async (file) => {
      const picked = file ?? (await host.openFile('mask'));
      if (picked) await maskActions.openDumpBytes(picked.name, picked.bytes);
    });
    const offModel = registerOpenHandler('model', async (file) => {
      const picked = file ?? (await host.openFile('model'));
      if (picked) await liveActions.openModel(picked);
    });
    return () => {
      offImage();
      offMask();
      offModel();
    };
  }, [host]);
}

/** Files dropped on the view open here (routed by content); configurations bubble up to the app. */
function useDropZone() {
  const [over, setOver] = useState(false);
  const isConfig = (name: string) => name.toLowerCase().endsWith('.json');
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (e.currentTarget === e.target) setOver(false);
      },
      onDrop: (e: DragEvent) => {
        setOver(false);
        const file = e.dataTransfer.files[0];
        // Configurations and image sets (folders, several files) are the app's to open.
        if (!file || isConfig(file.name) || isSetDrop(e.dataTransfer)) return;
        e.preventDefault();
        e.stopPropagation();
        void readFileBytes(file).then((opened) =>
          looksLikeOnnx(opened.name, opened.bytes)
            ? liveActions.openModel(opened)
            : maskActions.openFile(opened),
        );
      },
    },
  };
}

/**
 * The cards of the shown masks: renders when the masks' structure changes (see masksFeed.ts), which the
 * view around it, its toolbar and its drop zone do not. New masks of the same structure (every rate
 * change) render nothing: they go to the cards through the feed, which write them into their canvases
 * and texts. `root`: the view's element (see useDrawnMark).
 */
const MasksBody = memo(function MasksBody({ root }: { root: RefObject<HTMLDivElement | null> }) {
  const structure = useStudio(masksStructure);
  // The masks now (the structure above says when to render them again).
  const masks = cardMasks(useStudio.getState());
  const [feed] = useState(createMasksFeed);
  feed.hold(masks);
  const atlas = masks?.atlas ?? null;
  const source = masks?.source ?? null;
  const result = masks?.result ?? null;
  useDrawnMark(root, source, result);
  const hasImage = useStudio((s) => s.maskImage !== null || s.maskLoading);
  const main = useRef<HTMLDivElement>(null);
  const shown = masks !== null;
  useLateMasks(useStudio, main, shown);
  // New masks of the structure rendered: to the cards, which draw them now (synchronously), so they are
  // drawn in the frame that paints them.
  useLayoutEffect(
    () =>
      useStudio.subscribe((s) => {
        const now = cardMasks(s);
        if (!now || now === feed.get() || masksStructure(s) !== structure) return;
        feed.set(now);
        if (now.source === 'proxy') markDrawn('masks', (now.result as ProxyMasks).config);
      }),
    [feed, structure],
  );
  // After the cards' effects have drawn their canvases (a parent's effects run after its children's).
  const proxyConfig = source === 'proxy' ? (result as ProxyMasks).config : null;
  useEffect(() => {
    if (!result) return;
    if (proxyConfig) {
      markDrawn('masks', proxyConfig);
      return;
    }
    // A dump's (or the live model's) masks do not depend on the rates: once drawn, they are what
    // every configuration of that model shows, and a configuration change redraws nothing.
    markDrawn('masks', useStudio.getState().config);
    return useStudio.subscribe((s, prev) => {
      if (s.config !== prev.config && dumpIsSource(s)) markDrawn('masks', s.config);
    });
  }, [result, proxyConfig]);
  return shown && atlas && result && source ? (
    <>
      <div className="masks-main" ref={main}>
        <OverlayCard result={result} source={source} atlas={atlas} feed={feed} />
        <div className="masks-side">
          <Original />
          <PonderCard result={result} source={source} atlas={atlas} feed={feed} />
        </div>
      </div>
      <Filmstrip result={result} source={source} atlas={atlas} feed={feed} />
      <ChannelCard result={result} source={source} atlas={atlas} feed={feed} />
    </>
  ) : (
    <div className="masks-empty card" role="status">
      {hasImage
        ? 'Computing masks…'
        : 'Pick a sample or open an image to see where the network computes.'}
    </div>
  );
});

/** "Masks over images": where the configured (or a trained) network computes on an image. */
export function MasksView() {
  useMaskPipeline(useStudio, masksWorker, maskActions);
  useOpenHandlers();
  const root = useRef<HTMLDivElement>(null);
  const drop = useDropZone();
  return (
    <div
      className={`masks-view${drop.over ? ' drop-over' : ''}`}
      data-testid="masks-view"
      ref={root}
      {...drop.handlers}
    >
      <Toolbar />
      <SourceLabel />
      <Live />
      <MasksBody root={root} />
    </div>
  );
}
