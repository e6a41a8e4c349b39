import type { EntityManager } from 'typeorm';

/** One page of a list query: `SELECT <columns> FROM <from> WHERE <where> ORDER BY <order>`. */
export interface PagedQuery {
  columns: string;
  /** One table and its alias, such as `homework h`. */
  from: string;
  where: string;
  order: string;
  params: unknown[];
  /**
   * The row's key as the alias names it (`h.id`). Given, the page is first found on the keys
   * alone (an index that covers the filter and the order answers it without reading a row),
   * and only the page's rows are then read.
   */
  key?: string;
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
  const limit = `LIMIT $${n + 1} OFFSET $${n + 2}`;
  const rows: (T & { total: number })[] = await tx.query(
    q.key
      ? // Each page row is then read by its key (OFFSET 0 keeps the planner from turning the
        // lookups into a join that scans the table), in the page's order.
        `SELECT page.total, row.* FROM (
           SELECT ${q.key} AS page_key, count(*) OVER ()::int AS total,
                  row_number() OVER (ORDER BY ${q.order}) AS page_n
             FROM ${q.from} WHERE ${q.where} ORDER BY ${q.order} ${limit}) page
         CROSS JOIN LATERAL (SELECT ${q.columns} FROM ${q.from} WHERE ${q.key} = page.page_key OFFSET 0) row
         ORDER BY page.page_n`
      : `SELECT count(*) OVER ()::int AS total, ${q.columns} FROM ${q.from}
          WHERE ${q.where} ORDER BY ${q.order} ${limit}`,
    [...q.params, page.pageSize, (page.page - 1) * page.pageSize],
  );
  if (rows.length > 0 || page.page === 1) return { rows, total: rows[0]?.total ?? 0 };
  const [{ total }]: { total: number }[] = await tx.query(
    `SELECT count(*)::int AS total FROM ${q.from} WHERE ${q.where}`,
    q.params,
  );
  return { rows, total };
}
