import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './app-config';
import { AuditKeys } from '../crypto/audit-keys';
import { auditKeysFor, encryptionKeysFor } from '../crypto/encryption-keys';
import { FieldEncryptionService } from '../crypto/field-encryption.service';
import { Clock } from '../time/clock';

/**
 * Makes the validated configuration, field encryption, the audit chain's keys and the clock
 * injectable everywhere.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: FieldEncryptionService,
          useFactory: () => new FieldEncryptionService(encryptionKeysFor(config)),
        },
        { provide: AuditKeys, useFactory: () => new AuditKeys(auditKeysFor(config)) },
        Clock,
      ],
      exports: [APP_CONFIG, FieldEncryptionService, AuditKeys, Clock],
    };
  }
}
