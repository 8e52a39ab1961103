export * from './registry';
export * from './accelerator';
