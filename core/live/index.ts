export * from './metadata';
export * from './outputs';
export * from './offsets';
export * from './pilResize';
export * from './preprocess';
export * from './dumpContent';
export * from './onnxFile';
