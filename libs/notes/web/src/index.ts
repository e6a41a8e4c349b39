// Data access
export * from './lib/data-access/notes-api';
// Routed pages (lazy-loaded by the app)
export * from './lib/sessions/sessions-page';
export * from './lib/note-page/note-page';
// The case page's tab (counselors)
export * from './lib/case-sessions/case-sessions';
// Reusable pieces (the home page's list)
export * from './lib/ui/session-list';
export { noteState, sessionWhen } from './lib/ui/session-text';
