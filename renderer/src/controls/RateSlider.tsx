import { memo, useCallback, useId, useLayoutEffect, useRef, type RefObject } from 'react';
import { useStudio, type StudioState } from '../store';
import { onNextScroll, watchOnScreen } from './onScreen';

/** Reads a slider's value from the studio's store. */
type RateSelector = (state: StudioState) => number;

interface Props {
  label: string;
  /**
   * The value, or where to read it in the store: a selector makes the slider follow the store itself
   * (a store subscription writes each new value into the inputs, and nothing re-renders).
   */
  value: number | RateSelector;
  onChange: (value: number) => void;
  /** Shown after the number, e.g. "follows global". */
  note?: string | undefined;
  testId?: string | undefined;
  disabled?: boolean | undefined;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A row counts as on screen while any of it shows: one that fell behind out of view catches up at the
 * first scroll (in the frame that would show it, before paint) or when it comes into view otherwise.
 */
const ROW_MARGIN = '0px';

/** The number box's text for a rate (four decimals at most). */
const boxText = (value: number) => String(Number(value.toFixed(4)));

/**
 * Writes `value` into the two inputs where they show something else. The number box keeps what the
 * user typed while it means the same number ("0.50" for 0.5), as a controlled React input would.
 */
function showValue(
  range: HTMLInputElement | null,
  box: HTMLInputElement | null,
  value: number,
): void {
  if (range && range.value !== String(value)) range.value = String(value);
  if (box && (box.value === '' || Number(box.value) !== Number(value.toFixed(4))))
    box.value = boxText(value);
}

/**
 * An activation-rate control: a range slider and a number box bound to the same value (0…1).
 * A new value is written into the two inputs directly: React re-renders neither input on a rate change
 * (it would rewrite their name, type and value attributes each time), so a drag touches only the thumb
 * and the number. Given a store selector as its value, the slider follows the store without any React
 * render: its section does not re-render for a new rate either.
 */
export function RateSlider({
  label,
  value: valueOrSelector,
  onChange,
  note,
  testId,
  disabled,
}: Props) {
  const id = useId();
  const select = typeof valueOrSelector === 'function' ? valueOrSelector : null;
  const value = select ? select(useStudio.getState()) : (valueOrSelector as number);
  const rangeRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLInputElement>(null);
  const latest = useRef({ value, onChange });
  const selectRef = useRef(select);
  const rowRef = useRef<HTMLDivElement>(null);
  // Off screen (scrolled away in the sidebar) a new value waits: written at the next scroll or when the
  // row comes into view, so a stage card that follows the global rate costs nothing while out of sight.
  const view = useRef<{ onScreen: boolean; cancelScroll: (() => void) | null }>({
    onScreen: true,
    cancelScroll: null,
  });
  /** Shows the latest value now, or at the next scroll / return to view while out of sight. */
  const show = useCallback(() => {
    const v = view.current;
    if (v.onScreen) {
      v.cancelScroll?.();
      v.cancelScroll = null;
      showValue(rangeRef.current, boxRef.current, latest.current.value);
    } else if (!v.cancelScroll) {
      v.cancelScroll = onNextScroll(() => {
        v.cancelScroll = null;
        showValue(rangeRef.current, boxRef.current, latest.current.value);
      });
    }
  }, []);
  useLayoutEffect(() => {
    latest.current = { value, onChange };
    selectRef.current = select;
    show();
  }, [value, onChange, select, show]);
  // Bound to the store: each new value is written as it arrives (in the store update, before paint).
  const bound = select !== null;
  useLayoutEffect(() => {
    if (!bound) return;
    return useStudio.subscribe((s) => {
      const read = selectRef.current;
      if (!read) return;
      const next = read(s);
      if (next === latest.current.value) return;
      latest.current = { value: next, onChange: latest.current.onChange };
      show();
    });
  }, [bound, show]);
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const v = view.current;
    const stop = watchOnScreen(
      row,
      (onScreen) => {
        v.onScreen = onScreen;
        // Back in view with a value still waiting: show it.
        if (onScreen && v.cancelScroll) show();
      },
      ROW_MARGIN,
    );
    return () => {
      stop();
      v.cancelScroll?.();
      v.cancelScroll = null;
    };
  }, [show]);
  return (
    <div className="rate-slider" ref={rowRef}>
      <label htmlFor={id} className="field-label">
        {label}
        {note ? <span className="hint"> · {note}</span> : null}
      </label>
      <RateInputs
        id={id}
        label={label}
        testId={testId}
        disabled={disabled}
        initial={value}
        latest={latest}
        rangeRef={rangeRef}
        boxRef={boxRef}
      />
    </div>
  );
}

/**
 * The two inputs, uncontrolled: rendered again only when their label, test id or disabled state changes.
 * They listen for their own `input` and `change` events (native listeners, not React's `onChange`) and
 * stop them there: React's event system would otherwise walk the tree for listeners on every step of a
 * drag and afterwards restore the input's "controlled" state, rewriting its type and name. After each
 * event the value the store kept is shown again (a clamped or refused entry snaps back, as with a
 * controlled input).
 */
const RateInputs = memo(function RateInputs({
  id,
  label,
  testId,
  disabled,
  initial,
  latest,
  rangeRef,
  boxRef,
}: {
  id: string;
  label: string;
  testId: string | undefined;
  disabled: boolean | undefined;
  /** The value at mount (later values are written by the slider's layout effect). */
  initial: number;
  latest: RefObject<{ value: number; onChange: (value: number) => void }>;
  rangeRef: RefObject<HTMLInputElement | null>;
  boxRef: RefObject<HTMLInputElement | null>;
}) {
  useLayoutEffect(() => {
    const range = rangeRef.current;
    const box = boxRef.current;
    if (!range || !box) return;
    // After the store update (and the render it schedules) has run, show what the store kept.
    const resync = () =>
      queueMicrotask(() => showValue(rangeRef.current, boxRef.current, latest.current.value));
    const onRange = (e: Event) => {
      e.stopPropagation();
      latest.current.onChange(clamp(Number(range.value)));
      resync();
    };
    const onBox = (e: Event) => {
      e.stopPropagation();
      const v = Number(box.value);
      if (box.value !== '' && Number.isFinite(v)) latest.current.onChange(clamp(v));
      resync();
    };
    for (const type of ['input', 'change']) {
      range.addEventListener(type, onRange);
      box.addEventListener(type, onBox);
    }
    return () => {
      for (const type of ['input', 'change']) {
        range.removeEventListener(type, onRange);
        box.removeEventListener(type, onBox);
      }
    };
  }, [latest, rangeRef, boxRef]);
  return (
    <div className="rate-slider-row">
      <input
        ref={rangeRef}
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.01}
        defaultValue={initial}
        disabled={disabled}
        data-testid={testId}
      />
      <input
        ref={boxRef}
        type="number"
        min={0}
        max={1}
        step={0.01}
        defaultValue={boxText(initial)}
        disabled={disabled}
        aria-label={`${label} (number)`}
        data-testid={testId ? `${testId}-number` : undefined}
      />
    </div>
  );
}, sameInputs);

/** `initial` only matters at mount; the refs never change. */
function sameInputs(
  a: { id: string; label: string; testId: string | undefined; disabled: boolean | undefined },
  b: { id: string; label: string; testId: string | undefined; disabled: boolean | undefined },
): boolean {
  return a.id === b.id && a.label === b.label && a.testId === b.testId && a.disabled === b.disabled;
}
