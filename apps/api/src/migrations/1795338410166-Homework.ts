import { MigrationInterface, QueryRunner } from 'typeorm';

export class Homework1795338410166 implements MigrationInterface {
  name = 'Homework1795338410166';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "exercise_version_id" uuid NOT NULL, "assigned_by_id" uuid NOT NULL, "target" text NOT NULL, "member_ids" uuid array NOT NULL, "recurrence" text NOT NULL, "first_due_on" date NOT NULL, "until_on" date, "next_due_on" date, "active" boolean NOT NULL DEFAULT true, "instructions_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "assignments_recurrence_check" CHECK (recurrence IN ('once', 'daily', 'weekly')), CONSTRAINT "assignments_target_check" CHECK (target IN ('member', 'each', 'together')), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_clinic_id_idx" ON "assignments"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_case_id_idx" ON "assignments"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_exercise_id_idx" ON "assignments"  ("exercise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_exercise_version_id_idx" ON "assignments"  ("exercise_version_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_assigned_by_id_idx" ON "assignments"  ("assigned_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "assignments_due_idx" ON "assignments"  ("active", "next_due_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "homework" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "exercise_version_id" uuid NOT NULL, "user_id" uuid, "due_on" date NOT NULL, "status" text NOT NULL DEFAULT 'not_started', "answers_enc" text, "version" integer NOT NULL DEFAULT '0', "saved_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by_id" uuid, "shared_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "homework_status_check" CHECK (status IN ('not_started', 'draft', 'submitted', 'reviewed')), CONSTRAINT "PK_90dbf463ef94040ed137c4fd38d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "homework_clinic_id_idx" ON "homework"  ("clinic_id") `);
    await queryRunner.query(`CREATE INDEX "homework_case_id_idx" ON "homework"  ("case_id") `);
    await queryRunner.query(
      `CREATE INDEX "homework_assignment_id_idx" ON "homework"  ("assignment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_exercise_version_id_idx" ON "homework"  ("exercise_version_id") `,
    );
    await queryRunner.query(`CREATE INDEX "homework_user_id_idx" ON "homework"  ("user_id") `);
    await queryRunner.query(
      `CREATE INDEX "homework_reviewed_by_id_idx" ON "homework"  ("reviewed_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_user_status_due_idx" ON "homework"  ("user_id", "status", "due_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_case_status_idx" ON "homework"  ("case_id", "status", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_case_due_idx" ON "homework"  ("clinic_id", "case_id", "due_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_together_occurrence_key" ON "homework"  ("assignment_id", "due_on") WHERE user_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_occurrence_key" ON "homework"  ("assignment_id", "due_on", "user_id") WHERE user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_confirmations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "homework_id" uuid NOT NULL, "user_id" uuid NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_903601ebbebbc2db66a7534aff4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_confirmations_clinic_id_idx" ON "homework_confirmations"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_confirmations_homework_id_idx" ON "homework_confirmations"  ("homework_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_confirmations_user_id_idx" ON "homework_confirmations"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_confirmations_homework_user_key" ON "homework_confirmations"  ("homework_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "homework_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body_enc" text NOT NULL, "reply_author_id" uuid, "reply_body_enc" text, "replied_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd9e093e32cbdccd3bdc7a3ed18" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_feedback_clinic_id_idx" ON "homework_feedback"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_feedback_homework_id_idx" ON "homework_feedback"  ("homework_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_feedback_author_id_idx" ON "homework_feedback"  ("author_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_feedback_reply_author_id_idx" ON "homework_feedback"  ("reply_author_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "homework_id" uuid NOT NULL, "user_id" uuid NOT NULL, "field_key" text NOT NULL, "value" smallint NOT NULL, "recorded_on" date NOT NULL, CONSTRAINT "PK_17aabb8b6066e0d293ed0ec7170" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_scores_clinic_id_idx" ON "homework_scores"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_scores_case_id_idx" ON "homework_scores"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_scores_homework_id_idx" ON "homework_scores"  ("homework_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_scores_user_id_idx" ON "homework_scores"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_scores_case_user_on_idx" ON "homework_scores"  ("case_id", "user_id", "recorded_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_scores_homework_field_key" ON "homework_scores"  ("homework_id", "user_id", "field_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_a116724acf1ff3f5b035ca272e7" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_2cb43f0f40e082d5baaef8db848" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_1d5bfe3af111f7cce7d4d3afa96" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_a766c6c7d98cff56ef71e642906" FOREIGN KEY ("exercise_version_id") REFERENCES "exercise_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_a76bdbfeb13c3a195855993eaa5" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_eaab0cac0cc9eece20cd98d2fca" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_0828ab98cf50f02109475faa420" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_588a2f1ac43b400bc42a46af1ac" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_583920b57e0d8e05ec1f9138b2b" FOREIGN KEY ("exercise_version_id") REFERENCES "exercise_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_d74d58f8d0313cc8e192f92b16f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "FK_c6580a8a39d422b5ad157216983" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" ADD CONSTRAINT "FK_b8140c1f1aa8448c00942dab652" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" ADD CONSTRAINT "FK_1977fc4e8c3e142f01a7b6b93c9" FOREIGN KEY ("homework_id") REFERENCES "homework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" ADD CONSTRAINT "FK_93d8b7148a1412b81060a2a36e5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" ADD CONSTRAINT "FK_fd6febc7653f5e3a442701f729b" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" ADD CONSTRAINT "FK_d14a253d1ed72fbc37e9b0d0827" FOREIGN KEY ("homework_id") REFERENCES "homework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" ADD CONSTRAINT "FK_e224797bf204d4c063deb2a5b4f" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" ADD CONSTRAINT "FK_071e4b2fea6d880f0ffb75ea99d" FOREIGN KEY ("reply_author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "FK_c36d05db0c42dd74ac24ef28f18" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "FK_3c6b2a3335fd1a57c32e0c0c994" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "FK_ab1aba2df6d4c1c55ca658dd3b2" FOREIGN KEY ("homework_id") REFERENCES "homework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "FK_77af52a60bca14cf91d15feee13" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "FK_77af52a60bca14cf91d15feee13"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "FK_ab1aba2df6d4c1c55ca658dd3b2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "FK_3c6b2a3335fd1a57c32e0c0c994"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "FK_c36d05db0c42dd74ac24ef28f18"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" DROP CONSTRAINT "FK_071e4b2fea6d880f0ffb75ea99d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" DROP CONSTRAINT "FK_e224797bf204d4c063deb2a5b4f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" DROP CONSTRAINT "FK_d14a253d1ed72fbc37e9b0d0827"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" DROP CONSTRAINT "FK_fd6febc7653f5e3a442701f729b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" DROP CONSTRAINT "FK_93d8b7148a1412b81060a2a36e5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" DROP CONSTRAINT "FK_1977fc4e8c3e142f01a7b6b93c9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" DROP CONSTRAINT "FK_b8140c1f1aa8448c00942dab652"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_c6580a8a39d422b5ad157216983"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_d74d58f8d0313cc8e192f92b16f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_583920b57e0d8e05ec1f9138b2b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_588a2f1ac43b400bc42a46af1ac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_0828ab98cf50f02109475faa420"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "FK_eaab0cac0cc9eece20cd98d2fca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_a76bdbfeb13c3a195855993eaa5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_a766c6c7d98cff56ef71e642906"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_1d5bfe3af111f7cce7d4d3afa96"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_2cb43f0f40e082d5baaef8db848"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "FK_a116724acf1ff3f5b035ca272e7"`,
    );
    await queryRunner.query(`DROP INDEX "public"."homework_scores_homework_field_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_scores_case_user_on_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_scores_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_scores_homework_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_scores_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_scores_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "homework_scores"`);
    await queryRunner.query(`DROP INDEX "public"."homework_feedback_reply_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_feedback_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_feedback_homework_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_feedback_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "homework_feedback"`);
    await queryRunner.query(`DROP INDEX "public"."homework_confirmations_homework_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_confirmations_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_confirmations_homework_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_confirmations_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "homework_confirmations"`);
    await queryRunner.query(`DROP INDEX "public"."homework_occurrence_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_together_occurrence_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_case_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_case_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_user_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_reviewed_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_exercise_version_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_assignment_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."homework_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "homework"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_assigned_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_exercise_version_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_exercise_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assignments_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
  }
}
