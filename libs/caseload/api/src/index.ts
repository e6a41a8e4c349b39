export * from './lib/caseload.module';
export { CaseAccess } from './lib/cases/case-access';
export { audienceRule, reach, refuseAdmins } from './lib/cases/case-access';
export type { CaseNeed, CaseRef } from './lib/cases/case-access';
export * from './lib/cases/cases.service';
export { sealLabel } from './lib/cases/case-text';
export { PathService } from './lib/path/path.service';
export * from './lib/entities';
