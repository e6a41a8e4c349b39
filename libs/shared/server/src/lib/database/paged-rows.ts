import type { EntityManager } from 'typeorm';

/** One page of a list query: `SELECT <columns> FROM <from> WHERE <where> ORDER BY <order>`. */
export interface PagedQuery {
  columns: string;
  from: string;
  where: string;
  order: string;
  params: unknown[];
}

/**
 * The rows of one page and the list's total in one statement (a window count rides on every
 * row). Past the last page there is no row to carry it, so only then a second count runs.
 */
export async function pagedRows<T>(
  tx: EntityManager,
  q: PagedQuery,
  page: { page: number; pageSize: number },
): Promise<{ rows: T[]; total: number }> {
  const n = q.params.length;
  const rows: (T & { total: number })[] = await tx.query(
    `SELECT count(*) OVER ()::int AS total, ${q.columns} FROM ${q.from}
      WHERE ${q.where} ORDER BY ${q.order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...q.params, page.pageSize, (page.page - 1) * page.pageSize],
  );
  if (rows.length > 0 || page.page === 1) return { rows, total: rows[0]?.total ?? 0 };
  const [{ total }]: { total: number }[] = await tx.query(
    `SELECT count(*)::int AS total FROM ${q.from} WHERE ${q.where}`,
    q.params,
  );
  return { rows, total };
}
