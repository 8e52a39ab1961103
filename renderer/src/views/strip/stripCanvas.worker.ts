/// <reference lib="webworker" />
/**
 * The network strip's painter, off the page's main thread: the strip transfers its canvas here
 * (`transferControlToOffscreen`) and sends the button boxes, colours and, at every change, the blocks
 * with their rates; each change is drawn as soon as it arrives and reaches the screen through the
 * compositor, with no drawing, canvas upload or animation frame on the main thread.
 */
import { StripRenderer, type IdleScheduler, type StripMessage } from './stripRender';

/**
 * A still moment: no message for this long, ms. A drag's changes come a frame apart, so the strip's
 * atlas is built once the user has paused, not between two changes of a drag (its build and V8's
 * optimisation of it took this worker and another thread ≈ 0.1 s each, which slowed the page's frames).
 */
const STILL_MS = 250;

const idle: IdleScheduler = (job) => {
  const timer = setTimeout(job, STILL_MS);
  return () => clearTimeout(timer);
};

const renderer = new StripRenderer(idle);

self.onmessage = (e: MessageEvent<StripMessage>) => {
  renderer.handle(e.data);
  renderer.paint();
};
