/**
 * A stand-in for the canvas element inside the 3D view's worker, for three.js's orbit controls: they
 * listen on it (and on its `ownerDocument`) and read its size; the page forwards its events here
 * ({@link ForwardedEvent}). Pointer capture happens on the page's canvas, so capturing here is a no-op.
 * DOM-free: unit-tested in Node.
 */
import type { ForwardedEvent } from './protocol';

type Listener = (event: ForwardedEvent & { preventDefault: () => void }) => void;

export class ElementProxy {
  private readonly listeners = new Map<string, Set<Listener>>();
  readonly style: Record<string, string> = {};
  clientWidth = 1;
  clientHeight = 1;
  left = 0;
  top = 0;

  /** The controls add their move and key listeners to the element's document: the same stand-in. */
  get ownerDocument(): ElementProxy {
    return this;
  }

  getRootNode(): ElementProxy {
    return this;
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Delivers a forwarded event to the listeners of its type. */
  dispatch(event: ForwardedEvent): void {
    const set = this.listeners.get(event.type);
    if (!set) return;
    const delivered = { ...event, preventDefault: () => {} };
    for (const listener of [...set]) listener(delivered);
  }

  /** Number of listeners of `type` (tests). */
  listenerCount(type: string): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  setPointerCapture(): void {}
  releasePointerCapture(): void {}
  hasPointerCapture(): boolean {
    return false;
  }
  focus(): void {}

  getBoundingClientRect(): {
    left: number;
    top: number;
    width: number;
    height: number;
    right: number;
    bottom: number;
    x: number;
    y: number;
  } {
    const { left, top, clientWidth: width, clientHeight: height } = this;
    return { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
  }

  /** The canvas's box on the page (CSS pixels). */
  setBox(width: number, height: number, left: number, top: number): void {
    this.clientWidth = width;
    this.clientHeight = height;
    this.left = left;
    this.top = top;
  }
}
