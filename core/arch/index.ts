export * from './types';
export * from './builtins';
export * from './blocks';
export * from './json';
export * from './schemaErrors';
export * from './inputSize';
