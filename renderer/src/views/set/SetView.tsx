import { memo, useEffect, useState, type DragEvent } from 'react';
import { useShallow } from '../../store/shallow';
import { ChartCard, ChartLegend, type LegendItem } from '../../charts';
import { folderFromDrop, folderFromFiles } from '../../host/browserFolder';
import { useHost } from '../../hostContext';
import { useStudio } from '../../store';
import type { SetOverview } from '../../set/types';
import { ClassMeans } from './ClassMeans';
import { MeanMaps } from './MeanMaps';
import { RankExtremes, RankTable } from './RankList';
import { RATE_KIND_LABEL, RateBoxChart, type RateKind } from './RateBoxChart';
import { SetToolbar } from './SetToolbar';
import { SpreadCard } from './SpreadCard';
import { setActions } from './setAppActions';
import '../../styles/views.css';
import '../../styles/set.css';

const BOX_LEGEND: LegendItem[] = [
  { label: 'p25–p75 of the images', color: 'var(--stage-1)', swatch: 'faded' },
  { label: 'Median', color: 'var(--stage-1)', swatch: 'line' },
  { label: 'p10–p90', color: 'var(--stage-1)', swatch: 'dashed' },
  { label: 'Mean', color: 'var(--stage-1)', swatch: 'outline' },
];

/** Rate kinds the set has for at least one block, in a fixed order. */
function availableKinds(overview: SetOverview): RateKind[] {
  const kinds: RateKind[] = ['spatial', 'conv1', 'channel', 'gate'];
  return kinds.filter((k) => overview.blocks.some((b) => b[k] !== null));
}

function Distributions({ overview }: { overview: SetOverview }) {
  const kinds = availableKinds(overview);
  const [chosen, setChosen] = useState<RateKind>('spatial');
  const kind = kinds.includes(chosen) ? chosen : (kinds[0] ?? 'spatial');
  const picker =
    kinds.length > 1 ? (
      <div className="segmented set-kinds" role="group" aria-label="Rate shown">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className={`btn small${k === kind ? ' active' : ''}`}
            aria-pressed={k === kind}
            onClick={() => setChosen(k)}
          >
            {RATE_KIND_LABEL[k]}
          </button>
        ))}
      </div>
    ) : null;
  return (
    <ChartCard
      title="Activation rates across images"
      subtitle={`Per block along the network, how the ${RATE_KIND_LABEL[kind].toLowerCase()} varies over the ${overview.images.toLocaleString('en-US')} images.`}
      exportName={`set-rates-${kind}`}
      legend={<ChartLegend items={BOX_LEGEND} label="Rate distribution legend" />}
    >
      {picker}
      <div data-testid="set-distributions" data-kind={kind}>
        <RateBoxChart blocks={overview.blocks} kind={kind} />
      </div>
    </ChartCard>
  );
}

function SetContent({ overview }: { overview: SetOverview }) {
  return (
    <>
      <Distributions overview={overview} />
      <div className="set-grid">
        <section className="card set-card" aria-labelledby="set-rank-title">
          <h3 className="chart-card-title" id="set-rank-title">
            Images ranked by compute
          </h3>
          <p className="chart-card-subtitle">
            FLOPs of each image&apos;s masks relative to the static network; click an image to open
            its masks.
          </p>
          <RankExtremes overview={overview} />
          <h4 className="set-subhead">All images, cheapest first</h4>
          <RankTable overview={overview} />
        </section>
        <section className="card set-card" aria-labelledby="set-maps-title">
          <h3 className="chart-card-title" id="set-maps-title">
            Mean decision maps
          </h3>
          <p className="chart-card-subtitle">
            Share of the images in which each mask cell computed, per spatial block.
          </p>
          <MeanMaps blocks={overview.blocks} />
          {overview.classes.length > 0 ? (
            <>
              <h4 className="set-subhead">Per-class means</h4>
              <ClassMeans classes={overview.classes} />
            </>
          ) : null}
        </section>
      </div>
      <SpreadCard />
    </>
  );
}

/** Folders and files dropped on the view open as a set. */
function useSetDrop() {
  const [over, setOver] = useState(false);
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
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        const pending = folderFromDrop(e.dataTransfer);
        const single = e.dataTransfer.files[0];
        void pending.then((folder) => {
          if (folder) return setActions.openFolder(folder);
          if (!single) return false;
          // One other file dropped on this view: a set of that one dump (its name says what it is).
          return setActions.openFolder(
            folderFromFiles(single.name, [{ path: single.name, file: single }]),
          );
        });
      },
    },
  };
}

/**
 * "Image set": what a trained model does over a whole validation set. Memoised, and reading only the set
 * and its progress: a rate change (a new analysis) renders nothing here.
 */
export const SetView = memo(function SetView() {
  const host = useHost();
  const { imageSet, progress } = useStudio(
    useShallow((s) => ({ imageSet: s.imageSet, progress: s.setProgress })),
  );
  const drop = useSetDrop();
  useEffect(() => setActions.warmUp(), []);
  return (
    <div
      className={`view-stack set-view${drop.over ? ' drop-over' : ''}`}
      data-testid="set-view"
      {...drop.handlers}
    >
      <SetToolbar host={host} overview={imageSet?.overview ?? null} progress={progress} />
      {imageSet ? (
        <SetContent overview={imageSet.overview} />
      ) : progress ? null : (
        <div className="card set-empty" role="status">
          <p>
            Open a folder written by <span className="mono">laudmask-export --images</span>: its{' '}
            <span className="mono">summary.npz</span> and per-image{' '}
            <span className="mono">.laudmask.npz</span> dumps. Without a summary the set is built
            from the dumps.
          </p>
          <p className="hint">You can also drop the folder (or many dumps) here.</p>
        </div>
      )}
    </div>
  );
});
