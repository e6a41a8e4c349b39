import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-step sign-in: each person's second factors (authenticator secret, passkeys, recovery
 * codes), where a login session stands on the second step, and the clinic's policy of who
 * must use one. Row-level security for `mend_app`: a person manages their own factors; the
 * clinic's admins may see and remove them (resetting a person who lost their phone).
 */

const APP_ROLE = 'mend_app';
const CLINIC = `clinic_id = mend_clinic()`;
const OWN = `${CLINIC} AND user_id = mend_user()`;
const ADMIN = `${CLINIC} AND mend_role() = 'admin'`;

/** [table, policy, command, USING, WITH CHECK] */
const POLICIES: [string, string, string, string | null, string | null][] = [
  ['second_factors', 'own', 'ALL', OWN, OWN],
  ['second_factors', 'admin_read', 'SELECT', ADMIN, null],
  ['second_factors', 'admin_reset', 'DELETE', ADMIN, null],
];

export class SecondFactor1796200300000 implements MigrationInterface {
  name = 'SecondFactor1796200300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "second_factors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "method" character varying(16) NOT NULL, "name" character varying(60), "secret_enc" text, "last_step" bigint, "credential_id" text, "public_key" bytea, "sign_count" bigint NOT NULL DEFAULT '0', "transports" text array, "code_hash" text, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e533ffd77b50d4a2a22a255c2b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "second_factors_clinic_id_idx" ON "second_factors" ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "second_factors_user_id_idx" ON "second_factors" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "second_factors_credential_id_key" ON "second_factors" ("credential_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factors" ADD CONSTRAINT "second_factors_method_check" CHECK (method IN ('totp', 'passkey', 'recovery_code'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "login_sessions" ADD "second_factor_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "login_sessions" ADD "passkey_challenge" text`);
    await queryRunner.query(
      `ALTER TABLE "login_sessions" ADD "second_factor_failures" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "mfa_policy" character varying(10) NOT NULL DEFAULT 'staff'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_mfa_policy_check" CHECK (mfa_policy IN ('staff', 'everyone'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factors" ADD CONSTRAINT "FK_7a851d076c5e069e55108620e19" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factors" ADD CONSTRAINT "FK_16f2eb964b73e67d1f570c34825" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factors" ADD CONSTRAINT "second_factors_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON second_factors TO ${APP_ROLE}`,
    );
    await queryRunner.query(`GRANT UPDATE (mfa_policy) ON clinics TO ${APP_ROLE}`);
    await queryRunner.query(`ALTER TABLE "second_factors" ENABLE ROW LEVEL SECURITY`);
    for (const [table, name, command, using, check] of POLICIES) {
      await queryRunner.query(
        `CREATE POLICY ${name} ON "${table}" AS PERMISSIVE FOR ${command} TO ${APP_ROLE}` +
          (using ? ` USING (${using})` : '') +
          (check ? ` WITH CHECK (${check})` : ''),
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE (mfa_policy) ON clinics FROM ${APP_ROLE}`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP CONSTRAINT "clinics_mfa_policy_check"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "mfa_policy"`);
    await queryRunner.query(`ALTER TABLE "login_sessions" DROP COLUMN "second_factor_failures"`);
    await queryRunner.query(`ALTER TABLE "login_sessions" DROP COLUMN "passkey_challenge"`);
    await queryRunner.query(`ALTER TABLE "login_sessions" DROP COLUMN "second_factor_at"`);
    await queryRunner.query(`DROP TABLE "second_factors"`);
  }
}
