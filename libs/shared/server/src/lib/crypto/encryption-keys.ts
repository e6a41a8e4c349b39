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
  return parseEncryptionKeys(devKey(config, 'dev-encryption-key', 'dev1'));
}

/**
 * AUDIT_KEYS when set (always in production, which refuses to start without it): the keys the
 * audit chain is sealed with (see AuditKeys). Outside production, like the encryption key, one
 * is generated once beside the embedded database, so a restart keeps the chain verifiable.
 */
export function auditKeysFor(config: AppConfig): EncryptionKey[] {
  if (config.auditKeys) return parseEncryptionKeys(config.auditKeys, 'Audit key');
  if (config.env === 'production') throw new Error('AUDIT_KEYS is required in production.');
  return parseEncryptionKeys(devKey(config, 'dev-audit-key', 'devaudit1'), 'Audit key');
}

/** A development key kept in a file beside the embedded database, made on first use. */
function devKey(config: AppConfig, name: string, keyId: string): string {
  const file = join(dirname(resolve(config.embeddedDbDir)), name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${keyId}:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
