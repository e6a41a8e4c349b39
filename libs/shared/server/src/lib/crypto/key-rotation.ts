import type { DataSource } from 'typeorm';
import { FieldEncryptionService } from './field-encryption.service';

/** A text column holding values written by FieldEncryptionService. */
export interface EncryptedColumn {
  table: string;
  column: string;
}

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
  for (const { table, column } of columns) {
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
        // Declares the rotation to the triggers that lock signed records (see the Notes migration).
        await manager.query(`SELECT set_config('mend.key_rotation', 'on', true)`);
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
