export * from './lib/roles';
export * from './lib/auth';
export * from './lib/errors';
export * from './lib/pagination';
export * from './lib/caseload';
export * from './lib/exercises';
export * from './lib/homework';
export * from './lib/notes';
