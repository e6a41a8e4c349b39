export * from './lib/agreements.module';
export * from './lib/agreement.entities';
