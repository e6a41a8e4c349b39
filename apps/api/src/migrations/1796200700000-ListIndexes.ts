import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that keep list pages flat as a clinic grows:
 * - a person's cases (counselor or member) from the index alone, for case access and the
 *   row-level security policies that ask it on every read;
 * - homework still open or awaiting review, covering what the review inbox filters, sorts and
 *   row-level security checks, so an inbox page is found without reading the homework rows.
 */
export class ListIndexes1796200700000 implements MigrationInterface {
  name = 'ListIndexes1796200700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."case_counselors_user_id_idx"`);
    await queryRunner.query(
      `CREATE INDEX "case_counselors_user_case_idx" ON "case_counselors" ("user_id", "case_id") `,
    );
    await queryRunner.query(`DROP INDEX "public"."case_members_user_id_idx"`);
    await queryRunner.query(
      `CREATE INDEX "case_members_user_case_idx" ON "case_members" ("user_id", "case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_waiting_idx" ON "homework" ("case_id", "status", "submitted_at", "due_on", "id")
         INCLUDE ("user_id", "clinic_id", "shared_at")
         WHERE status IN ('not_started', 'draft', 'submitted')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."homework_waiting_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_members_user_case_idx"`);
    await queryRunner.query(
      `CREATE INDEX "case_members_user_id_idx" ON "case_members" ("user_id") `,
    );
    await queryRunner.query(`DROP INDEX "public"."case_counselors_user_case_idx"`);
    await queryRunner.query(
      `CREATE INDEX "case_counselors_user_id_idx" ON "case_counselors" ("user_id") `,
    );
  }
}
