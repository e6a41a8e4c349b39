import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications and mail: the in-app notifications, the mail outbox (deliveries), each
 * person's mail preferences, password reset links and the clinic's mail sender name.
 * Row-level security for `mend_app`:
 * - a notification and a person's preferences are readable and changeable by that person only;
 *   anyone of the clinic may write a notification for another (the change that causes it does);
 * - a delivery may be written by anyone of the clinic (an invitation, a notice) and read by
 *   its admins only (counts of failures); it holds no content;
 * - password reset links are written by the clinic's admins (a link they hand over); the
 *   "forgot your password" path and the mail jobs run on the system path.
 * The job queue (pg-boss) keeps its own schema, `pgboss`, which it creates and migrates at start.
 */
const APP_ROLE = 'mend_app';
const CLINIC = `clinic_id = mend_clinic()`;
const OWN = `${CLINIC} AND user_id = mend_user()`;
const ADMIN = `${CLINIC} AND mend_role() = 'admin'`;
const NEW_TABLES = ['notifications', 'notification_settings', 'mail_deliveries', 'password_resets'];
/** [table, policy, command, USING, WITH CHECK] */
const POLICIES: [string, string, string, string | null, string | null][] = [
  ['notifications', 'own_read', 'SELECT', OWN, null],
  ['notifications', 'own_update', 'UPDATE', OWN, OWN],
  ['notifications', 'own_delete', 'DELETE', OWN, null],
  ['notifications', 'clinic_insert', 'INSERT', null, CLINIC],
  ['notification_settings', 'own', 'ALL', OWN, OWN],
  ['mail_deliveries', 'clinic_insert', 'INSERT', null, CLINIC],
  ['mail_deliveries', 'admin_read', 'SELECT', ADMIN, null],
  ['password_resets', 'admin_links', 'ALL', ADMIN, ADMIN],
];

export class Notifications1796142988029 implements MigrationInterface {
  name = 'Notifications1796142988029';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "kind" character varying(32), "link_enc" text, "state" character varying(10) NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "reason" character varying(80), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "mail_deliveries_state_check" CHECK (state IN ('queued', 'sent', 'failed', 'skipped')), CONSTRAINT "mail_deliveries_purpose_check" CHECK (purpose IN ('notice', 'invitation', 'password_reset')), CONSTRAINT "PK_c3b04f863547fccfd11b4d4b11e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mail_deliveries_user_id_idx" ON "mail_deliveries"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "mail_deliveries_queued_idx" ON "mail_deliveries"  ("created_at") WHERE state = 'queued'`,
    );
    await queryRunner.query(
      `CREATE INDEX "mail_deliveries_clinic_id_idx" ON "mail_deliveries"  ("clinic_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "link" character varying(300) NOT NULL, "text_enc" text NOT NULL, "dedupe_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "mail_state" character varying(10) NOT NULL DEFAULT 'pending', "mail_after" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivery_id" uuid, CONSTRAINT "notifications_mail_state_check" CHECK (mail_state IN ('pending', 'none', 'mailed')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_clinic_id_idx" ON "notifications"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_delivery_id_idx" ON "notifications"  ("delivery_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_mail_due_idx" ON "notifications"  ("mail_after") WHERE mail_state = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_user_dedupe_key" ON "notifications"  ("user_id", "dedupe_key") WHERE dedupe_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_unread_idx" ON "notifications"  ("user_id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_created_idx" ON "notifications"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "time_zone" character varying(64), "quiet_start" character varying(5) NOT NULL DEFAULT '21:00', "quiet_end" character varying(5) NOT NULL DEFAULT '08:00', "mail_off" text array NOT NULL DEFAULT '{}', "submitted_mail" character varying(8) NOT NULL DEFAULT 'hourly', "submitted_mailed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_settings_submitted_mail_check" CHECK (submitted_mail IN ('hourly', 'daily')), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_settings_clinic_id_idx" ON "notification_settings"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_resets_clinic_id_idx" ON "password_resets"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "password_resets_user_id_idx" ON "password_resets"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "password_reset_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "ip" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4aa83fc224280f3c94c3e214d65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_reset_requests_ip_idx" ON "password_reset_requests"  ("ip", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "password_reset_requests_email_idx" ON "password_reset_requests"  ("email", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "clinics" ADD "mail_sender_name" character varying(80)`);
    // Null for check-ins answered before this column: the mail gate reads their answers.
    await queryRunner.query(`ALTER TABLE "safety_checks" ADD "mail_unsafe" boolean`);
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "FK_33f3dd9cfab17ded2e6b697861f" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "FK_01b5051bc3b49bf48035bd545e9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_c88bbc67661d8f18dbaf376ba78" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_e3734e07713085ced19176d4d07" FOREIGN KEY ("delivery_id") REFERENCES "mail_deliveries"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_1d5b5b0c4dcdf7d6b1216e8f89d" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "FK_06d2dad19874cd5efbdd87e004d" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TABLES.join(', ')} TO ${APP_ROLE}`,
    );
    await queryRunner.query(`GRANT UPDATE (mail_sender_name) ON clinics TO ${APP_ROLE}`);
    for (const table of NEW_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
    }
    for (const [table, name, command, using, check] of POLICIES) {
      await queryRunner.query(
        `CREATE POLICY ${name} ON "${table}" AS PERMISSIVE FOR ${command} TO ${APP_ROLE}` +
          (using ? ` USING (${using})` : '') +
          (check ? ` WITH CHECK (${check})` : ''),
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "safety_checks" DROP COLUMN "mail_unsafe"`);
    await queryRunner.query(`REVOKE UPDATE (mail_sender_name) ON clinics FROM ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "password_resets_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" DROP CONSTRAINT "FK_06d2dad19874cd5efbdd87e004d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_1d5b5b0c4dcdf7d6b1216e8f89d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_91a7ffebe8b406c4470845d4781"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "FK_e3734e07713085ced19176d4d07"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "FK_c88bbc67661d8f18dbaf376ba78"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT "mail_deliveries_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT "FK_01b5051bc3b49bf48035bd545e9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT "FK_33f3dd9cfab17ded2e6b697861f"`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "mail_sender_name"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_requests_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."password_reset_requests_ip_idx"`);
    await queryRunner.query(`DROP TABLE "password_reset_requests"`);
    await queryRunner.query(`DROP INDEX "public"."password_resets_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."password_resets_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."password_resets_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "password_resets"`);
    await queryRunner.query(`DROP INDEX "public"."notification_settings_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_unread_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_mail_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_delivery_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."mail_deliveries_clinic_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mail_deliveries_queued_idx"`);
    await queryRunner.query(`DROP INDEX "public"."mail_deliveries_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "mail_deliveries"`);
  }
}
