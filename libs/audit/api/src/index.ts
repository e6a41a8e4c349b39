import { AuditEvent } from './lib/audit-event.entity';

export * from './lib/audit-event.entity';
export * from './lib/audit-chain';
export * from './lib/audit-chain.verifier';
export * from './lib/audit-chain.seal';
export * from './lib/audit.module';
export * from './lib/audit.service';
export const AUDIT_ENTITIES = [AuditEvent];
