// Data access
export * from './lib/data-access/cases-api';
export * from './lib/data-access/people-api';
// Dialogs other features open
export * from './lib/invite-person/invite-person';
export {
  NO_MAIL_SERVER,
  OneTimeLinkDialog,
  type OneTimeLinkData,
} from './lib/people/one-time-link';
// Routed pages (lazy-loaded by the app)
export * from './lib/people/people';
export * from './lib/cases/case-list';
export * from './lib/open-case/open-case';
export * from './lib/case-view/case-view';
export * from './lib/case-view/case-tabs';
export * from './lib/caseload/caseload';
export * from './lib/my-case/my-case';
// Cards other pages may show (the path of repair: the counselor's and the client's)
export * from './lib/path/case-path';
export * from './lib/path/my-path';
// Wording shared with the home page
export { caseStatusText, joinNames, memberNames, primaryCounselor } from './lib/ui/case-text';
// Wording of the path of repair, shared with the progress timeline
export { movedBack, stageMoveText, stageName, stageNumber } from './lib/ui/stage-text';
