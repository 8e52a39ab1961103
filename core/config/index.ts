export * from './schema';
export * from './migrate';
export * from './defaults';
export * from './resolve';
export * from './validate';
export * from './parse';
export * from './request';
export * from './trainability';
