// Routed page (lazy-loaded by the app)
export * from './lib/audit-trail/audit-trail';
// The audit events' wording (the notes' "who accessed these notes" list)
export * from './lib/ui/audit-text';
