export * from './bisect';
export * from './flopsTarget';
export * from './latencyBudget';
export * from './granularity';
export * from './predict';
export * from './matchedFlops';
