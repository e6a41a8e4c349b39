export * from './lib/caseload.module';
export * from './lib/cases/cases.service';
export * from './lib/entities';
