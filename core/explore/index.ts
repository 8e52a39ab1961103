/** Design-space explorer: enumerate stage settings × rates, evaluate from tables, Pareto fronts. */
export * from './types';
export * from './space';
export * from './tables';
export * from './evaluate';
export * from './pareto';
export * from './point';
export * from './run';
export * from './csv';
export * from './accuracyCsv';
export * from './configRef';
export * from './accuracy';
