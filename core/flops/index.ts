export * from './block';
export * from './network';
export * from './config';
