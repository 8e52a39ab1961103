/**
 * True where this browser can hand a canvas to a module worker (`transferControlToOffscreen`): the
 * network strip and the hardware charts then draw off the main thread, else on it.
 */
export function canHandCanvasToWorker(): boolean {
  return (
    typeof Worker === 'function' &&
    typeof OffscreenCanvas === 'function' &&
    typeof HTMLCanvasElement !== 'undefined' &&
    'transferControlToOffscreen' in HTMLCanvasElement.prototype
  );
}
