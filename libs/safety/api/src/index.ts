export * from './lib/safety.module';
export * from './lib/safety.entities';
