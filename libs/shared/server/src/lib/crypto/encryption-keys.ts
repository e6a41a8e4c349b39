import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { EncryptionKey, parseEncryptionKeys } from './field-encryption.service';

/**
 * ENCRYPTION_KEYS when set (always in production, which refuses to start without it). Outside
 * production a key is generated once and kept beside the embedded database, so encrypted demo
 * data stays readable across restarts.
 */
export function encryptionKeysFor(config: AppConfig): EncryptionKey[] {
  if (config.encryptionKeys) return parseEncryptionKeys(config.encryptionKeys);
  if (config.env === 'production') throw new Error('ENCRYPTION_KEYS is required in production.');
  const file = join(dirname(resolve(config.embeddedDbDir)), 'dev-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `dev1:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
  }
  return parseEncryptionKeys(readFileSync(file, 'utf8').trim());
}
