export * from './lib/api-errors';
