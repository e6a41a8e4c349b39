import type { EntityManager, ObjectLiteral } from 'typeorm';

/** Column types whose values pg hands back as TypeORM would hydrate them (dates as text below). */
const PLAIN_TYPES = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'int',
  'integer',
  'smallint',
  'boolean',
  'timestamptz',
  'timestamp with time zone',
  'jsonb',
  'date',
]);

/** Element types whose arrays pg hands back as string arrays, as TypeORM hydrates them. */
const PLAIN_ARRAY_TYPES = new Set(['uuid', 'text']);

const selectLists = new Map<string, string>();

/**
 * Every column of `entity` for a SELECT under `alias`, named by property and typed as TypeORM
 * hydrates it (a `date` as 'YYYY-MM-DD' text), worked out once from the entity's metadata. For
 * hot single-row reads in plain SQL: building them through the query builder costs more than
 * the lookup itself.
 */
export function entityColumns(
  tx: EntityManager,
  entity: new () => ObjectLiteral,
  alias: string,
): string {
  const key = `${entity.name}:${alias}`;
  let list = selectLists.get(key);
  if (!list) {
    list = tx.connection
      .getMetadata(entity)
      .columns.map((column) => {
        const type = String(column.type);
        const plain = column.isArray ? PLAIN_ARRAY_TYPES.has(type) : PLAIN_TYPES.has(type);
        if (!plain || column.transformer) {
          throw new Error(
            `${entity.name}.${column.propertyName} (${type}) needs TypeORM to read it`,
          );
        }
        const source = `${alias}.${column.databaseName}`;
        const value = type === 'date' ? `to_char(${source}, 'YYYY-MM-DD')` : source;
        return `${value} AS "${column.propertyName}"`;
      })
      .join(', ');
    selectLists.set(key, list);
  }
  return list;
}

/** Statements of `findEntity` by entity, alias, lock and condition, so each is built once. */
const oneRowStatements = new Map<string, string>();
const MAX_ONE_ROW_STATEMENTS = 1_000;

/**
 * The one row of `entity` (table under `alias`) matching `where`, as an entity, or null;
 * `lock` holds it until the transaction ends. Row-level security applies as to any statement.
 */
export async function findEntity<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: new () => T,
  alias: string,
  where: string,
  params: unknown[],
  lock = false,
): Promise<T | null> {
  const key = `${entity.name} ${alias} ${lock ? 'FOR UPDATE' : ''} ${where}`;
  let sql = oneRowStatements.get(key);
  if (!sql) {
    const table = tx.connection.getMetadata(entity).tableName;
    sql = `SELECT ${entityColumns(tx, entity, alias)} FROM ${table} ${alias} WHERE ${where}
      ${lock ? `FOR UPDATE OF ${alias}` : ''}`;
    if (oneRowStatements.size < MAX_ONE_ROW_STATEMENTS) oneRowStatements.set(key, sql);
  }
  const [row]: T[] = await tx.query(sql, params);
  return row ? Object.assign(new entity(), row) : null;
}
