export * from './lib/safety.module';
export * from './lib/safety.entities';
export * from './lib/alerts/alerts.service';
export * from './lib/joint-work/joint-work';
export * from './lib/case-safety/case-safety.service';
export * from './lib/checks/safety-checks.service';
