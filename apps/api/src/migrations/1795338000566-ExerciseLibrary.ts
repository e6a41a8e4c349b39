import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExerciseLibrary1795338000566 implements MigrationInterface {
  name = 'ExerciseLibrary1795338000566';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exercises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "built_in_key" text, "owner_id" uuid, "based_on_id" uuid, "status" text NOT NULL DEFAULT 'active', "current_version" integer NOT NULL DEFAULT '1', "title" text NOT NULL, "stage" text NOT NULL, "audience" text NOT NULL, "recurrence" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "exercises_status_check" CHECK (status IN ('active', 'archived')), CONSTRAINT "PK_c4c46f5fa89a58ba7c2d894e3c3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exercises_clinic_id_idx" ON "exercises"  ("clinic_id") `,
    );
    await queryRunner.query(`CREATE INDEX "exercises_owner_id_idx" ON "exercises"  ("owner_id") `);
    await queryRunner.query(
      `CREATE INDEX "exercises_based_on_id_idx" ON "exercises"  ("based_on_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "exercises_clinic_status_stage_idx" ON "exercises"  ("clinic_id", "status", "stage") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exercises_clinic_built_in_key" ON "exercises"  ("clinic_id", "built_in_key") WHERE built_in_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "exercise_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "stage" text NOT NULL, "audience" text NOT NULL, "recurrence" text NOT NULL, "instructions" text NOT NULL, "fields" jsonb NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_97868ca8b331f94493ec6d6849c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exercise_versions_clinic_id_idx" ON "exercise_versions"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "exercise_versions_exercise_id_idx" ON "exercise_versions"  ("exercise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "exercise_versions_created_by_id_idx" ON "exercise_versions"  ("created_by_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exercise_versions_exercise_version_key" ON "exercise_versions"  ("exercise_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "FK_bac62a4d919d0c78331cbcf8707" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "FK_6517cc1e7dbb2a4fe347047f08b" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "FK_0c351cf8e7dbe0e8aefbbedd353" FOREIGN KEY ("based_on_id") REFERENCES "exercises"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" ADD CONSTRAINT "FK_a8e32da0dbf95553858e9e230d7" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" ADD CONSTRAINT "FK_081802a50583ab0323201323335" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" ADD CONSTRAINT "FK_00d6cd383fcce1bd93b6c7b361d" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" DROP CONSTRAINT "FK_00d6cd383fcce1bd93b6c7b361d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" DROP CONSTRAINT "FK_081802a50583ab0323201323335"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" DROP CONSTRAINT "FK_a8e32da0dbf95553858e9e230d7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" DROP CONSTRAINT "FK_0c351cf8e7dbe0e8aefbbedd353"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" DROP CONSTRAINT "FK_6517cc1e7dbb2a4fe347047f08b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" DROP CONSTRAINT "FK_bac62a4d919d0c78331cbcf8707"`,
    );
    await queryRunner.query(`DROP INDEX "public"."exercise_versions_exercise_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."exercise_versions_created_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exercise_versions_exercise_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exercise_versions_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "exercise_versions"`);
    await queryRunner.query(`DROP INDEX "public"."exercises_clinic_built_in_key"`);
    await queryRunner.query(`DROP INDEX "public"."exercises_clinic_status_stage_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exercises_based_on_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exercises_owner_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exercises_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "exercises"`);
  }
}
