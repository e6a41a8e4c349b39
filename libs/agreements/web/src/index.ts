// Routed page (lazy-loaded by the app)
export * from './lib/agreement-page/agreement-page';
// The case page's "Agreement" tab
export * from './lib/case-agreement/case-agreement';
// Data access and wording other features may link with
export { AgreementsApi, agreementPdfUrl } from './lib/data-access/agreements-api';
export { agreementLink } from './lib/workspace/agreement-text';
