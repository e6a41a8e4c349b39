import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795333509137 implements MigrationInterface {
  name = 'Foundation1795333509137';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clinics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5513b659e4d12b01a8ab3956abc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "email" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'invited', "password_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_status_check" CHECK (status IN ('invited', 'active', 'disabled')), CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'counselor', 'client')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "users_clinic_id_idx" ON "users"  ("clinic_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE INDEX "users_clinic_role_idx" ON "users"  ("clinic_id", "role", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "invited_by_id" uuid, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_clinic_id_idx" ON "invitations"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_user_id_idx" ON "invitations"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_invited_by_id_idx" ON "invitations"  ("invited_by_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "ip" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_ip_idx" ON "login_failures"  ("ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_email_idx" ON "login_failures"  ("email", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" text, "user_agent" text, CONSTRAINT "PK_856ef68c4c116c517937056c7bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_sessions_clinic_id_idx" ON "login_sessions"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_sessions_user_id_idx" ON "login_sessions"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "login_sessions_token_hash_key" ON "login_sessions"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "login_sessions_expires_at_idx" ON "login_sessions"  ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_e01b3eb43a6c8ae7d74d1ceeb2c" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_f66a9ce719f5fcafe676a5fa2ac" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_fecdffec754fa4d5cea98709776" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_d4de0403dd012cf87b430af70ef" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_sessions" ADD CONSTRAINT "FK_d69cbf942a138accb42821fe8a6" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_sessions" ADD CONSTRAINT "FK_b5edc6cc3a246a811005a96e06a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "login_sessions" DROP CONSTRAINT "FK_b5edc6cc3a246a811005a96e06a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_sessions" DROP CONSTRAINT "FK_d69cbf942a138accb42821fe8a6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "FK_d4de0403dd012cf87b430af70ef"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "FK_fecdffec754fa4d5cea98709776"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "FK_f66a9ce719f5fcafe676a5fa2ac"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_e01b3eb43a6c8ae7d74d1ceeb2c"`);
    await queryRunner.query(`DROP INDEX "public"."login_sessions_expires_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."login_sessions_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."login_sessions_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."login_sessions_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "login_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."login_failures_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."login_failures_ip_idx"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_invited_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "public"."users_clinic_role_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."users_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "clinics"`);
  }
}
