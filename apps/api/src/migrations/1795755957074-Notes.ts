import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notes1795755957074 implements MigrationInterface {
  name = 'Notes1795755957074';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint NOT NULL, "type" text NOT NULL, "mode" text NOT NULL, "attendee_ids" uuid array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sessions_duration_check" CHECK (duration_minutes BETWEEN 15 AND 240), CONSTRAINT "sessions_mode_check" CHECK (mode IN ('in_person', 'telehealth')), CONSTRAINT "sessions_type_check" CHECK (type IN ('couple', 'individual', 'family')), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "sessions_clinic_id_idx" ON "sessions"  ("clinic_id") `);
    await queryRunner.query(
      `CREATE INDEX "sessions_counselor_id_idx" ON "sessions"  ("counselor_id") `,
    );
    await queryRunner.query(`CREATE INDEX "sessions_starts_at_idx" ON "sessions"  ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "sessions_case_starts_idx" ON "sessions"  ("case_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "session_id" uuid NOT NULL, "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "format" text NOT NULL, "content_enc" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_61f3e1f13a15b883ae34a9e28c" UNIQUE ("session_id"), CONSTRAINT "notes_signed_check" CHECK ((signed_at IS NULL) = (signed_by_id IS NULL)), CONSTRAINT "notes_format_check" CHECK (format IN ('soap', 'dap', 'birp')), CONSTRAINT "PK_af6206538ea96c4e77e9f400c3d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notes_clinic_id_idx" ON "notes"  ("clinic_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notes_session_id_key" ON "notes"  ("session_id") `,
    );
    await queryRunner.query(`CREATE INDEX "notes_case_id_idx" ON "notes"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "notes_author_id_idx" ON "notes"  ("author_id") `);
    await queryRunner.query(`CREATE INDEX "notes_signed_by_id_idx" ON "notes"  ("signed_by_id") `);
    await queryRunner.query(
      `CREATE TABLE "note_addenda" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "note_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text_enc" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "signed_at" TIMESTAMP WITH TIME ZONE, "signed_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "note_addenda_signed_check" CHECK ((signed_at IS NULL) = (signed_by_id IS NULL)), CONSTRAINT "PK_a69256c8080edd84fcca20e6c92" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "note_addenda_clinic_id_idx" ON "note_addenda"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "note_addenda_author_id_idx" ON "note_addenda"  ("author_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "note_addenda_signed_by_id_idx" ON "note_addenda"  ("signed_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "note_addenda_note_created_idx" ON "note_addenda"  ("note_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_631bd580b523d8f725792b0b426" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_f62f38489a5a228f15df8feb24c" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_31dd4e0b1e2b2b6ad18cfa0bf50" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "FK_ac7baba9b41760fc89457122b18" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "FK_61f3e1f13a15b883ae34a9e28c9" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "FK_04ef7a289a039495d38e705d022" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "FK_35b89a50cb9203dccff44136519" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "FK_c8d21f4834043c509499df570a6" FOREIGN KEY ("signed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_4f18c5af8f7be569df245dd5eec" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_f9e3f4c076f9f63e8d5e02ebbfb" FOREIGN KEY ("note_id") REFERENCES "notes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_17873748e721e4e476b51c478ef" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_d9bacf46aacafae36b2f332608c" FOREIGN KEY ("signed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A signed note or addendum is locked for every code path and every role that does not
    // disable triggers. The one change let through is key rotation, which declares itself
    // (mend.key_rotation, set by the encryption:rotate command in its transaction) and may only
    // move the encrypted column (TG_ARGV[0]) to another key: every other column unchanged and
    // the ciphertext of the same length, as re-encrypting the same text gives.
    await queryRunner.query(`CREATE FUNCTION mend_refuse_signed_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_value text;
  new_value text;
BEGIN
  IF OLD.signed_at IS NULL THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('mend.key_rotation', true) = 'on' THEN
    old_value := to_jsonb(OLD) ->> TG_ARGV[0];
    new_value := to_jsonb(NEW) ->> TG_ARGV[0];
    IF (to_jsonb(NEW) - TG_ARGV[0]) = (to_jsonb(OLD) - TG_ARGV[0])
       AND split_part(new_value, '.', 2) <> split_part(old_value, '.', 2)
       AND length(split_part(new_value, '.', 5)) = length(split_part(old_value, '.', 5)) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'A signed % is locked: add an addendum instead.', TG_TABLE_NAME
    USING ERRCODE = 'object_not_in_prerequisite_state';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER notes_locked_when_signed BEFORE UPDATE OR DELETE ON "notes" FOR EACH ROW EXECUTE FUNCTION mend_refuse_signed_change('content_enc')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER note_addenda_locked_when_signed BEFORE UPDATE OR DELETE ON "note_addenda" FOR EACH ROW EXECUTE FUNCTION mend_refuse_signed_change('text_enc')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER note_addenda_locked_when_signed ON "note_addenda"`);
    await queryRunner.query(`DROP TRIGGER notes_locked_when_signed ON "notes"`);
    await queryRunner.query(`DROP FUNCTION mend_refuse_signed_change()`);
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_d9bacf46aacafae36b2f332608c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_17873748e721e4e476b51c478ef"`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_f9e3f4c076f9f63e8d5e02ebbfb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_4f18c5af8f7be569df245dd5eec"`,
    );
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "FK_c8d21f4834043c509499df570a6"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "FK_35b89a50cb9203dccff44136519"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "FK_04ef7a289a039495d38e705d022"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "FK_61f3e1f13a15b883ae34a9e28c9"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "FK_ac7baba9b41760fc89457122b18"`);
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_31dd4e0b1e2b2b6ad18cfa0bf50"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_f62f38489a5a228f15df8feb24c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_631bd580b523d8f725792b0b426"`,
    );
    await queryRunner.query(`DROP INDEX "public"."note_addenda_note_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."note_addenda_signed_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."note_addenda_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."note_addenda_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "note_addenda"`);
    await queryRunner.query(`DROP INDEX "public"."notes_signed_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notes_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notes_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notes_session_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."notes_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "notes"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_case_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_starts_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_counselor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
