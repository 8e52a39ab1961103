export * from './spectralResidual';
export * from './pool';
export * from './preprocess';
export * from './imageHeader';
export * from './resample';
export * from './fft';
