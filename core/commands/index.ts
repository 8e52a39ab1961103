export * from './registry';
export * from './accelerator';
export * from './shortcuts';
export * from './fuzzy';
