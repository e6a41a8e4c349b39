import type { QueryRunner } from 'typeorm';

/** The role every request's statements run as (see ClinicDb), bound by row-level security. */
export const APP_ROLE = 'mend_app';
/** A row of the caller's clinic. */
export const CLINIC = `clinic_id = mend_clinic()`;
/** A row of a case the caller counsels. */
export const COUNSELED = `case_id IN (SELECT * FROM mend_counseled_cases())`;
/** A row of a case the caller is a member of. */
export const MEMBER = `case_id IN (SELECT * FROM mend_member_cases())`;

/** [table, policy, command, USING, WITH CHECK] */
export type Policy = [string, string, string, string | null, string | null];

/**
 * Opens new tables to the application role under their policies: grants, row-level security
 * on, one permissive policy per entry. Each migration keeps its policies beside its tables.
 */
export async function secureTables(queryRunner: QueryRunner, policies: Policy[]): Promise<void> {
  const tables = [...new Set(policies.map(([table]) => table))];
  await queryRunner.query(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${APP_ROLE}`,
  );
  for (const table of tables) {
    await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  }
  for (const [table, name, command, using, check] of policies) {
    await queryRunner.query(
      `CREATE POLICY ${name} ON "${table}" AS PERMISSIVE FOR ${command} TO ${APP_ROLE}` +
        (using ? ` USING (${using})` : '') +
        (check ? ` WITH CHECK (${check})` : ''),
    );
  }
}

/**
 * A row with an audience (conversations, appointments): the case's counselors, or a member when
 * it is joint or their own (`client_id`), never a partner's.
 */
export const AUDIENCE = `${CLINIC} AND (${COUNSELED} OR (${MEMBER} AND (audience = 'joint' OR client_id = mend_user())))`;
