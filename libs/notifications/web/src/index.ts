// Data access
export * from './lib/data-access/notifications-api';
export * from './lib/data-access/unread-notifications';
// The top bar's bell, and the browser's time zone taken once per sign-in (the shell uses both)
export * from './lib/bell/notification-bell';
export { adoptBrowserTimeZone } from './lib/preferences/browser-time-zone';
// Routed pages (lazy-loaded by the app)
export * from './lib/list/notifications-page';
export * from './lib/open/open-notification';
export * from './lib/preferences/mail-preferences-page';
export * from './lib/unsubscribe/unsubscribe-page';
// The admin home's mail card
export * from './lib/admin/mail-overview';
