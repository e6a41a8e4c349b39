import { MigrationInterface, QueryRunner } from 'typeorm';

export class Caseload1795335602392 implements MigrationInterface {
  name = 'Caseload1795335602392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "clinic_id" uuid NOT NULL, "actor_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "ip" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "audit_events_seq_key" ON "audit_events"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"  ("actor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("clinic_id", "entity_type", "entity_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_clinic_created_idx" ON "audit_events"  ("clinic_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "title" text NOT NULL, "type" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "started_on" date NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "closing_note" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cases_outcome_check" CHECK ((status = 'open' AND outcome IS NULL) OR (status = 'closed' AND outcome IN ('reconciled', 'separated_with_care', 'referred_on', 'ended'))), CONSTRAINT "cases_status_check" CHECK (status IN ('open', 'closed')), CONSTRAINT "cases_type_check" CHECK (type IN ('couple', 'family', 'individual')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cases_clinic_id_idx" ON "cases"  ("clinic_id") `);
    await queryRunner.query(
      `CREATE INDEX "cases_clinic_status_started_idx" ON "cases"  ("clinic_id", "status", "started_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_counselors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_counselors_role_check" CHECK (role IN ('primary', 'co')), CONSTRAINT "PK_1b2ccb6041ef721b4c36b991a9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_counselors_clinic_id_idx" ON "case_counselors"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_counselors_case_id_idx" ON "case_counselors"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_counselors_user_id_idx" ON "case_counselors"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "case_counselors_one_primary_key" ON "case_counselors"  ("case_id") WHERE role = 'primary'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "case_counselors_case_user_key" ON "case_counselors"  ("case_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "label" text, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_members_label_check" CHECK (label IS NULL OR label IN ('broke_trust', 'was_hurt', 'both_unclear')), CONSTRAINT "PK_c79ced16ff537f907b80c1bea4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_members_clinic_id_idx" ON "case_members"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_members_case_id_idx" ON "case_members"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_members_user_id_idx" ON "case_members"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "case_members_case_user_key" ON "case_members"  ("case_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_3eee6ba3ed29f579d3f3940c3e7" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" ADD CONSTRAINT "FK_a600ccb612b34a07c54928a33b3" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" ADD CONSTRAINT "FK_14d4de13bd45ed5f985e62d7189" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" ADD CONSTRAINT "FK_feaf56a0a96a8b8b974a67d4481" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "FK_8f282fd601302789fad33ba84c8" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "FK_2f3796489448d86521a69e096df" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "FK_49aa234accd4cb17825dde3d332" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "FK_49aa234accd4cb17825dde3d332"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "FK_2f3796489448d86521a69e096df"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "FK_8f282fd601302789fad33ba84c8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" DROP CONSTRAINT "FK_feaf56a0a96a8b8b974a67d4481"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" DROP CONSTRAINT "FK_14d4de13bd45ed5f985e62d7189"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" DROP CONSTRAINT "FK_a600ccb612b34a07c54928a33b3"`,
    );
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_3eee6ba3ed29f579d3f3940c3e7"`);
    await queryRunner.query(`DROP INDEX "public"."case_members_case_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_members_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_members_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_members_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_members"`);
    await queryRunner.query(`DROP INDEX "public"."case_counselors_case_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_counselors_one_primary_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_counselors_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_counselors_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_counselors_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_counselors"`);
    await queryRunner.query(`DROP INDEX "public"."cases_clinic_status_started_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_actor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_seq_key"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
