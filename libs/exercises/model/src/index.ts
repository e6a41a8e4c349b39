export * from './lib/built-in-exercises';
export * from './lib/field-rules';
