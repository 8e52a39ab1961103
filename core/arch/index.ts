export * from './types';
export * from './builtins';
export * from './blocks';
