// Data access
export * from './lib/data-access/appointments-api';
// Routed pages (lazy-loaded by the app)
export * from './lib/appointments-page';
export * from './lib/appointment-page/appointment-page';
export * from './lib/availability/availability-page';
// Sections other pages show: the Sessions page's requests (through its route data), the
// client's home card
export * from './lib/counselor/waiting-requests';
export * from './lib/client/next-appointment-card';
// Times as people read them
export { whenLabel, zoneLabel } from './lib/ui/appointment-time';
