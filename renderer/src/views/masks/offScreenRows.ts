/**
 * Which rows of the filmstrip are out of view, for the strip to draw at a change only the rows on screen
 * (stripCanvas.ts): each row's canvas is watched by the shared observers of controls/onScreen.ts, and a
 * row left behind is caught up at the first scroll or resize (dispatched in the frame that would show
 * it, before paint) or when it comes near the view otherwise.
 */
import { onNextScroll, watchOnScreen } from '../../controls/onScreen';

/**
 * How far below (or above) the view a row is still drawn at each change: the cards above it growing or
 * shrinking by a line or two of text move it by less.
 */
export const ROW_MARGIN = '64px 0px';

export class OffScreenRows {
  /** Canvases reported out of view (a canvas with no news from its observer counts as on screen). */
  private readonly hidden = new Set<HTMLCanvasElement>();
  private readonly watched = new Map<HTMLCanvasElement, () => void>();
  private cancelScroll: (() => void) | null = null;
  /** Draws the rows left behind (all rows, brought to the latest masks). */
  private catchUp: () => void = () => undefined;

  /** Sets what draws the rows left behind (all rows, brought to the latest masks). */
  drawWith(catchUp: () => void): void {
    this.catchUp = catchUp;
  }

  /** Whether a row's canvas is on screen or near it. */
  readonly shown = (canvas: HTMLCanvasElement): boolean => !this.hidden.has(canvas);

  /** Watches these canvases (the rows of the latest placement), and no longer the others. */
  watch(canvases: Iterable<HTMLCanvasElement>): void {
    const now = new Set(canvases);
    for (const [canvas, stop] of this.watched)
      if (!now.has(canvas)) {
        stop();
        this.watched.delete(canvas);
        this.hidden.delete(canvas);
      }
    for (const canvas of now) {
      if (this.watched.has(canvas)) continue;
      const stop = watchOnScreen(
        canvas,
        (onScreen) => {
          if (onScreen) this.hidden.delete(canvas);
          else this.hidden.add(canvas);
          // Near the view again with rows behind: draw them.
          if (onScreen && this.cancelScroll) this.run();
        },
        ROW_MARGIN,
      );
      this.watched.set(canvas, stop);
    }
  }

  /** Rows were left behind: catch them up at the next scroll or resize, or when one comes near. */
  behind(): void {
    this.cancelScroll ??= onNextScroll(() => this.run());
  }

  /** Every row is up to date (drawn whole): nothing to catch up. */
  caughtUp(): void {
    this.cancelScroll?.();
    this.cancelScroll = null;
  }

  /** Stops watching (the strip unmounts). */
  stop(): void {
    this.caughtUp();
    for (const stop of this.watched.values()) stop();
    this.watched.clear();
    this.hidden.clear();
  }

  private run(): void {
    this.caughtUp();
    this.catchUp();
  }
}
