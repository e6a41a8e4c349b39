import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './app-config';
import { encryptionKeysFor } from '../crypto/encryption-keys';
import { FieldEncryptionService } from '../crypto/field-encryption.service';
import { Clock } from '../time/clock';

/** Makes the validated configuration, field encryption and the clock injectable everywhere. */
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
        Clock,
      ],
      exports: [APP_CONFIG, FieldEncryptionService, Clock],
    };
  }
}
