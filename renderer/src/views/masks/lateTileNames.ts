import type { BlockMaskSet } from '../../../../core/maskfile/types';
import { QuietTimer } from '../../controls/quietTimer';
import { writeTileNames, type TileElements, type WrittenTile } from './tileText';

/**
 * Quiet time after a rate change before the filmstrip tiles' hidden text, accessible names and data
 * attributes follow, ms (as the network strip's names, `LABELS_QUIET_MS`). A drag changes every tile's
 * rate each frame; none of that is on screen (the canvas draws the rates), so it is written once the
 * drag pauses, not in every frame of it.
 */
export const TILE_NAMES_QUIET_MS = 120;

/**
 * The tiles' names (see {@link writeTileNames}) written late: `defer` notes a block's new masks,
 * {@link TILE_NAMES_QUIET_MS} after the last of them every noted tile is written.
 */
export class LateTileNames {
  private readonly due = new Map<string, BlockMaskSet>();
  private readonly quiet = new QuietTimer(TILE_NAMES_QUIET_MS, () => this.flush());

  constructor(
    /** The tile's elements now (null: not rendered any more). */
    private readonly elementsOf: (key: string) => TileElements | null,
    /** What was last written into each tile, by its text element. */
    private readonly written: WeakMap<HTMLElement, WrittenTile & { block: BlockMaskSet }>,
  ) {}

  /** Notes `block`'s masks for its tile (the tile already shows a block's names). */
  defer(block: BlockMaskSet): void {
    this.due.set(block.key, block);
  }

  /** Whether the tile of `key` waits for names. */
  isDue(key: string): boolean {
    return this.due.has(key);
  }

  /** The tile of `key` shows its block's names again: nothing of it is due. */
  drop(key: string): void {
    this.due.delete(key);
  }

  /** Starts the quiet time again after a change (when something is due): see {@link QuietTimer}. */
  restart(): void {
    if (this.due.size > 0) this.quiet.changed();
  }

  /** Writes every due tile now. */
  flush(): void {
    this.quiet.cancel();
    for (const [key, block] of this.due) {
      const tile = this.elementsOf(key);
      if (!tile) continue;
      const last = this.written.get(tile.text) ?? null;
      this.written.set(tile.text, { ...writeTileNames(tile, block, last), block });
    }
    this.due.clear();
  }

  /** Forgets what is due (the view goes away). */
  stop(): void {
    this.quiet.cancel();
    this.due.clear();
  }
}
