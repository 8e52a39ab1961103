/**
 * Runs a job once changes have rested for a quiet time. A drag notes a change every frame: one timer runs
 * through it (not one set and cleared per change); when it fires before the quiet time since the last
 * change has passed, it waits out the rest.
 */
export class QuietTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last change was noted (`performance.now()`). */
  private changedAt = 0;

  constructor(
    private readonly quietMs: number,
    private readonly job: () => void,
  ) {}

  /** Notes a change: the job runs `quietMs` after the last one. */
  changed(): void {
    this.changedAt = performance.now();
    if (this.timer === undefined) this.arm(this.quietMs);
  }

  /** Drops a pending run. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const left = this.changedAt + this.quietMs - performance.now();
      if (left > 0) this.arm(left);
      else this.job();
    }, delayMs);
  }
}
