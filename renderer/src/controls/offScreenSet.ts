/**
 * Which of a set of elements are out of view, for a view to write or draw at a change only those on
 * screen (the masks view's filmstrip rows, the hardware table's rows): each element is watched by the
 * shared observers of onScreen.ts, and what was left behind is caught up at the first scroll or resize
 * (dispatched in the frame that would show it, before paint) or when one of them comes near the view.
 */
import { onNextScroll, watchOnScreen } from './onScreen';

export class OffScreenSet<E extends Element> {
  /** Elements reported out of view (one with no news from its observer counts as on screen). */
  private readonly hidden = new Set<E>();
  private readonly watched = new Map<E, () => void>();
  private cancelScroll: (() => void) | null = null;
  /** Brings every element up to date (those left behind included). */
  private catchUp: () => void = () => undefined;

  /** `margin`: how far outside the view an element still counts as on screen (see watchOnScreen). */
  constructor(private readonly margin: string) {}

  /** Sets what brings every element up to date, those left behind included. */
  drawWith(catchUp: () => void): void {
    this.catchUp = catchUp;
  }

  /** Whether an element is on screen or near it. */
  readonly shown = (el: E): boolean => !this.hidden.has(el);

  /** Watches these elements (the latest ones), and no longer the others. */
  watch(elements: Iterable<E>): void {
    const now = new Set(elements);
    for (const [el, stop] of this.watched)
      if (!now.has(el)) {
        stop();
        this.watched.delete(el);
        this.hidden.delete(el);
      }
    for (const el of now) {
      if (this.watched.has(el)) continue;
      const stop = watchOnScreen(
        el,
        (onScreen) => {
          if (onScreen) this.hidden.delete(el);
          else this.hidden.add(el);
          // Near the view again with elements behind: bring them up to date.
          if (onScreen && this.cancelScroll) this.run();
        },
        this.margin,
      );
      this.watched.set(el, stop);
    }
  }

  /** Elements were left behind: catch them up at the next scroll or resize, or when one comes near. */
  behind(): void {
    this.cancelScroll ??= onNextScroll(() => this.run());
  }

  /** Every element is up to date: nothing to catch up. */
  caughtUp(): void {
    this.cancelScroll?.();
    this.cancelScroll = null;
  }

  /** Stops watching (the view unmounts). */
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
