export * from './lib/api-errors';
export * from './lib/autosave';
export * from './lib/confirm-dialog';
export * from './lib/http-params';
export * from './lib/save-state';
export * from './lib/save-indicator';
export * from './lib/fragment-token';
export * from './lib/download';
