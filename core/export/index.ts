export * from './trainingFlags';
export * from './report';
export * from './formats';
export * from './transformer';
