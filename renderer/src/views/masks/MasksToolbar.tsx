import { PROXY_LABEL } from '../../../../core/masks/proxy';
import { useHost } from '../../hostContext';
import { useStudio } from '../../store';
import { maskActions } from './appActions';
import { SAMPLE_PHOTOS } from './samples';
import { dumpIsSource } from './selection';
import { liveActions } from '../../live/appLive';
import type { OpenedDump } from '../../store/masksSlice';
import type { StudioState } from '../../store';
import { useLateFlag } from '../../live/useLateFlag';

const isLoading = (s: StudioState) => s.maskLoading;

/** The proxy's label as a sentence ("Proxy from image saliency — not a trained LAUDNet"). */
export const PROXY_SOURCE_TEXT = PROXY_LABEL.charAt(0).toUpperCase() + PROXY_LABEL.slice(1);

/** Image and mask-source controls: sample picker, open image, open mask dump, back to proxy. */
export function MasksToolbar() {
  const host = useHost();
  const image = useStudio((s) => s.maskImage);
  const dumpActive = useStudio(dumpIsSource);
  // Shown only when decoding takes a while (a quick open lays out and animates nothing).
  const loading = useLateFlag(useStudio, isLoading);
  const sampleId = image?.origin === 'sample' ? image.name.replace(/\.jpg$/, '') : '';
  return (
    <div className="masks-toolbar" role="toolbar" aria-label="Image and mask source">
      <label className="masks-field">
        <span>Sample</span>
        <select
          value={sampleId}
          data-testid="mask-sample"
          aria-label="Sample photo"
          onChange={(e) => {
            const sample = SAMPLE_PHOTOS.find((p) => p.id === e.currentTarget.value);
            if (sample) void maskActions.openSample(sample);
          }}
        >
          {sampleId === '' ? <option value="">{image ? image.name : '—'}</option> : null}
          {SAMPLE_PHOTOS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn"
        data-testid="mask-open-image"
        onClick={() =>
          void host
            .openFile('image')
            .then((file) => file && maskActions.openImageBytes(file.name, file.bytes, 'file'))
        }
      >
        Open image…
      </button>
      <button
        type="button"
        className="btn"
        data-testid="mask-open-dump"
        onClick={() =>
          void host
            .openFile('mask')
            .then((file) => file && maskActions.openDumpBytes(file.name, file.bytes))
        }
      >
        Open mask dump…
      </button>
      <button
        type="button"
        className="btn"
        data-testid="mask-open-model"
        title="A trained LAUDNet exported with tools/laudmask-export --onnx: masks of every image, live"
        onClick={() =>
          void host.openFile('model').then((file) => file && liveActions.openModel(file))
        }
      >
        Open ONNX model…
      </button>
      {dumpActive ? (
        <button
          type="button"
          className="btn"
          data-testid="mask-use-proxy"
          onClick={() => useStudio.getState().clearMaskDump()}
        >
          Use proxy masks
        </button>
      ) : null}
      {loading ? (
        <span className="hint masks-busy" role="status">
          Decoding…
        </span>
      ) : null}
      <span className="masks-toolbar-hint hint">
        or drop a PNG, JPEG, WebP, .laudmask.npz or .onnx here
      </span>
    </div>
  );
}

/** The dump's `weights` text as written (short), or a plain statement that it gives none. */
function weightsLabel(dump: OpenedDump): string {
  const text = dump.weightsText ?? null;
  if (text === null) return dump.weights === 'random-init' ? 'random-init' : 'weights not stated';
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/** Always-visible label of where the masks come from. */
export function MaskSourceLabel() {
  const dump = useStudio((s) => s.maskDump);
  const dumpActive = useStudio(dumpIsSource);
  if (dump?.live && dumpActive) {
    return (
      <div className="mask-source real" data-testid="mask-source" data-source="live">
        <strong>
          live: {dump.live} ({dump.archLabel}, {weightsLabel(dump)})
        </strong>
        <span className="hint">
          {dump.weights === 'random-init'
            ? 'Randomly initialised weights: these masks only test the pipeline.'
            : 'Masks computed here by the ONNX model for this image.'}{' '}
          Threshold offsets change them; rates and granularities do not.
        </span>
      </div>
    );
  }
  if (dump && dumpActive) {
    return (
      <div className="mask-source real" data-testid="mask-source" data-source="dump">
        <strong>
          Real masks from {dump.fileName} ({dump.archLabel}, {weightsLabel(dump)})
        </strong>
        <span className="hint">
          {dump.weights === 'random-init'
            ? 'Randomly initialised weights: these masks only test the export pipeline.'
            : dump.checkpoint
              ? `Checkpoint ${dump.checkpoint}.`
              : dump.weightsText
                ? 'Trained weights (no checkpoint file named).'
                : 'The dump does not say which weights made these masks.'}{' '}
          Real masks are fixed: editing rates or granularities does not change them (use proxy masks
          to explore other settings).
        </span>
      </div>
    );
  }
  return (
    <div className="mask-source proxy" data-testid="mask-source" data-source="proxy">
      <strong>{PROXY_SOURCE_TEXT}</strong>
      <span className="hint">
        {dump
          ? `${dump.fileName} is for ${dump.archLabel}; the current model gets proxy masks. `
          : ''}
        Spatial masks keep the most salient cells at each block&apos;s rate; layer gates and channel
        groups are drawn from a fixed seed.
      </span>
    </div>
  );
}
