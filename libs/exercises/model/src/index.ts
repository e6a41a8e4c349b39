export * from './lib/built-in-exercises';
export * from './lib/critical-answers';
export * from './lib/field-rules';
export * from './lib/measures';
export * from './lib/safety-check';
export * from './lib/summary-line';
