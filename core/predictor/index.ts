/** Public API of the LAUDNet latency predictor (latency spec). */
export * from './hardware';
export * from './context';
export * from './helpers';
export * from './search-space';
export * from './density';
export * from './static-ops';
export * from './dynamic-ops';
export * from './patch-ops';
export * from './masker';
export * from './errors';
export * from './types';
export * from './validate';
export * from './blocks';
export * from './network';
export * from './sweep';
export * from './transformer';
export * from './adavit';
