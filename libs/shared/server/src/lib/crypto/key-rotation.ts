import type { DataSource } from 'typeorm';
import { FieldEncryptionService } from './field-encryption.service';

/** A text column holding values written by FieldEncryptionService. */
export interface EncryptedColumn {
  table: string;
  column: string;
  /**
   * Rows a trigger locks once signed (notes, addenda): re-encrypting them is done as
   * KEY_ROTATION_ROLE, the one role that trigger lets move the ciphertext to another key.
   */
  lockedWhenSigned?: boolean;
}

/**
 * The database role the rotation switches to for locked rows (migration KeyedAuditChain): it
 * may only read ids and update the encrypted column of those tables. The lock's trigger asks
 * for this role, not for a setting: any session can set a setting, but only a session whose
 * login is a member of this role (the migrating owner, never `mend_app`) can become it.
 */
export const KEY_ROTATION_ROLE = 'mend_key_rotation';

const registry: EncryptedColumn[] = [];

/**
 * Domain libraries register each encrypted column once, beside its entity, so the rotation
 * command knows every place clinical text is stored.
 */
export function registerEncryptedColumn(column: EncryptedColumn): void {
  if (!registry.some((c) => c.table === column.table && c.column === column.column))
    registry.push(column);
}

export function encryptedColumns(): readonly EncryptedColumn[] {
  return registry;
}

/** The context a value is bound to: its table, column and row id. */
export function encryptionContext(table: string, column: string, id: string): string {
  return `${table}.${column}:${id}`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Re-encrypts every value of the columns that is not under the current key, in batches, each
 * row updated only if it still holds the value that was read (so a concurrent edit wins).
 * Returns how many values were rewritten.
 */
export async function rotateEncryptedColumns(
  dataSource: DataSource,
  encryption: FieldEncryptionService,
  columns: readonly EncryptedColumn[] = registry,
  batchSize = 500,
): Promise<number> {
  let rewritten = 0;
  for (const { table, column, lockedWhenSigned } of columns) {
    if (!IDENTIFIER.test(table) || !IDENTIFIER.test(column))
      throw new Error(`Bad column name ${table}.${column}`);
    const prefix = `v1.${encryption.currentKeyId}.%`;
    let lastId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; value: string }[] = await dataSource.query(
        `SELECT id, "${column}" AS value FROM "${table}"
          WHERE id > $1 AND "${column}" IS NOT NULL AND "${column}" NOT LIKE $2
          ORDER BY id LIMIT $3`,
        [lastId, prefix, batchSize],
      );
      if (rows.length === 0) break;
      await dataSource.transaction(async (manager) => {
        // Until commit: the triggers that lock signed records let this role, and only it,
        // move their ciphertext to another key (see the KeyedAuditChain migration).
        if (lockedWhenSigned) await manager.query(`SET LOCAL ROLE ${KEY_ROTATION_ROLE}`);
        for (const row of rows) {
          const next = encryption.reencrypt(row.value, encryptionContext(table, column, row.id));
          await manager.query(
            `UPDATE "${table}" SET "${column}" = $1 WHERE id = $2 AND "${column}" = $3`,
            [next, row.id, row.value],
          );
          rewritten += 1;
        }
      });
      lastId = rows[rows.length - 1].id;
    }
  }
  return rewritten;
}
