import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in limiter: a failed (or still running) sign-in remembers the known device it came
 * from, so a device that signed in before keeps its own budget while the account is under
 * attack; and old rows are swept by their age through an index.
 */
export class SignInLimiter1796200000000 implements MigrationInterface {
  name = 'SignInLimiter1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_failures" ADD "device" text`);
    await queryRunner.query(
      `CREATE INDEX "login_failures_created_idx" ON "login_failures" ("created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."login_failures_created_idx"`);
    await queryRunner.query(`ALTER TABLE "login_failures" DROP COLUMN "device"`);
  }
}
