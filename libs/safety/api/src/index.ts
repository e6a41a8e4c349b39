export * from './lib/safety.module';
export * from './lib/safety.entities';
export * from './lib/joint-work/joint-work';
