import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each exercise version may carry a one-line summary of what it asks, for the library's cards.
 * Existing versions keep none (the cards show the first sentence of their instructions); the
 * built-ins publish a version with their summary the first time their clinic's library is read.
 */
export class ExerciseSummaries1796200400000 implements MigrationInterface {
  name = 'ExerciseSummaries1796200400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercise_versions" ADD "summary" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exercise_versions" DROP COLUMN "summary"`);
  }
}
