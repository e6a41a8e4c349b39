// Data access: the API, and the live events with the unread count (the shell's badge)
export * from './lib/data-access/messages-api';
export * from './lib/data-access/message-events';
// Routed pages (lazy-loaded by the app)
export * from './lib/messages-page/messages-page';
export * from './lib/thread-page/thread-page';
// The case page's "Messages" tab (counselors)
export * from './lib/case-messages/case-messages';
// The admin's: the clinic's rule (on the crisis-text page) and the home card
export * from './lib/admin/clinic-messaging';
export * from './lib/admin/message-counts-card';
// Wording other features may show
export { AUDIENCE_LABELS, CLIENT_THREAD_RULE_LABELS } from './lib/ui/message-text';
