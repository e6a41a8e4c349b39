import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionsCaseloadIndex1795758766723 implements MigrationInterface {
  name = 'SessionsCaseloadIndex1795758766723';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."sessions_case_starts_idx"`);
    await queryRunner.query(
      `CREATE INDEX "sessions_case_starts_clinic_idx" ON "sessions"  ("case_id", "starts_at", "clinic_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."sessions_case_starts_clinic_idx"`);
    await queryRunner.query(
      `CREATE INDEX "sessions_case_starts_idx" ON "sessions" USING btree ("case_id", "starts_at") `,
    );
  }
}
