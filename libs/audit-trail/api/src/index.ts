export * from './lib/audit-trail.module';
export * from './lib/audit-trail.service';
export * from './lib/record-names';
