// Data access
export * from './lib/data-access/homework-api';
// Routed pages (lazy-loaded by the app)
export * from './lib/my-homework/my-homework';
export * from './lib/homework-page/homework-page';
export * from './lib/progress/my-progress';
export * from './lib/review/review-inbox';
export * from './lib/review/review-page';
// The case page's tabs (counselors)
export * from './lib/case-homework/case-homework';
export * from './lib/progress/case-progress';
// Reusable pieces (the home page's lists, progress charts)
export * from './lib/ui/homework-list';
export * from './lib/progress/trend-chart';
export { dueText } from './lib/ui/homework-text';
