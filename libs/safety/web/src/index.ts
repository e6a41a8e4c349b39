// Data access
export * from './lib/data-access/safety-api';
// Routed pages (lazy-loaded by the app)
export * from './lib/safety-check/safety-check-page';
export * from './lib/admin/crisis-text-page';
// The case page's tab (counselors)
export * from './lib/case-safety/case-safety';
// Pieces other pages show: the client's home card, the counselor's alerts, the admin's counts
export * from './lib/my-safety/my-safety';
export * from './lib/alerts/alerts-panel';
export * from './lib/admin/safety-overview';
// A joint action refused while joint work is closed (homework: assigning, sharing)
export * from './lib/ui/joint-work-closed';
export { jointWorkClosedMessage, safetyTabLink, SAFETY_TAB } from './lib/ui/safety-text';
