/** Public API of the whole-model T2T-ViT latency predictor (transformer spec). */
export * from './types';
export * from './variants';
export * from './geometry';
export * from './counts';
export * from './rates';
export * from './block';
export * from './stem';
export * from './model';
export * from './sweep';
