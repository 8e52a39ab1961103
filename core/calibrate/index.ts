/** Public API of the latency-model calibration: measurement files, the fit and its report. */
export * from './operators';
export * from './measurements';
export * from './fit';
export * from './report';
