export * from './trainingFlags';
export * from './report';
export * from './formats';
