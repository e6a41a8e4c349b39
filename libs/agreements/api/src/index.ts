export * from './lib/agreements.module';
export * from './lib/agreement.entities';
export { AgreementsService } from './lib/agreements.service';
