/// <reference lib="webworker" />
/**
 * The network strip's painter, off the page's main thread: the strip transfers its canvas here
 * (`transferControlToOffscreen`) and sends the button boxes, colours and, at every change, the blocks
 * with their rates; each change is drawn as soon as it arrives and reaches the screen through the
 * compositor, with no drawing, canvas upload or animation frame on the main thread.
 */
import { StripRenderer, type IdleScheduler, type StripMessage } from './stripRender';

/** An idle moment in a worker: a short timeout (the worker does nothing else). */
const idle: IdleScheduler = (job) => {
  const timer = setTimeout(job, 50);
  return () => clearTimeout(timer);
};

const renderer = new StripRenderer(idle);

self.onmessage = (e: MessageEvent<StripMessage>) => {
  renderer.handle(e.data);
  renderer.paint();
};
