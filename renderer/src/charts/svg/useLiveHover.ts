import { useReducer, useRef, useState } from 'react';

/** Where the pointer is over a chart of bands (bars): the band and the point in the chart. */
export interface BandHover {
  index: number;
  x: number;
  y: number;
}

/** What {@link useLiveHover} gives a chart. */
export interface LiveHover<H> {
  /** Where the pointer is over the chart (null: not over it). */
  hover: H | null;
  setHover: (h: H | null) => void;
  /** Whether a tooltip is open, readable from a store subscription without a render. */
  hovering: { readonly current: boolean };
  /** Renders the chart again: a new value reaches an open tooltip (the chart itself does not render). */
  refresh: () => void;
}

/**
 * The hover state of a chart whose numbers are written without React (see components/liveWrites.ts):
 * its tooltip shows the live numbers, so a new value renders it again while it is open, and only then.
 */
export function useLiveHover<H>(): LiveHover<H> {
  const [hover, setHoverState] = useState<H | null>(null);
  const hovering = useRef(false);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const setHover = (h: H | null) => {
    hovering.current = h !== null;
    setHoverState(h);
  };
  return { hover, setHover, hovering, refresh };
}
