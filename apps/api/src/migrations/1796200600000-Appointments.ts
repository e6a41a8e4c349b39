import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, AUDIENCE, CLINIC, COUNSELED, Policy, secureTables } from './row-security';

/**
 * Appointments: each counselor's weekly availability and exceptions, appointments with their
 * history, calendar files on notifications and mail, and the counselor's private calendar feed.
 * Row-level security:
 * - availability is readable in the clinic (clients' free times are made from it) and written by
 *   the counselor only;
 * - an individual appointment is readable by the case's counselors and its one member, never
 *   the partner; a joint one by every member; its history follows it;
 * - a calendar feed is its counselor's only (the feed itself is read by token, on the system path).
 * Free times need the counselor's busy times across all their cases: `mend_counselor_busy` gives
 * the intervals only (no case, no person), to the counselor and members of their cases.
 */

const APPOINTMENT_VISIBLE = `EXISTS (SELECT 1 FROM appointments a WHERE a.id = appointment_id)`;

const POLICIES: Policy[] = [
  ['counselor_availability', 'read_in_clinic', 'SELECT', CLINIC, null],
  [
    'counselor_availability',
    'own',
    'ALL',
    `${CLINIC} AND counselor_id = mend_user()`,
    `${CLINIC} AND counselor_id = mend_user()`,
  ],
  ['availability_exceptions', 'read_in_clinic', 'SELECT', CLINIC, null],
  [
    'availability_exceptions',
    'own',
    'ALL',
    `${CLINIC} AND counselor_id = mend_user()`,
    `${CLINIC} AND counselor_id = mend_user()`,
  ],
  ['appointments', 'audience_rule', 'ALL', AUDIENCE, AUDIENCE],
  [
    'appointment_changes',
    'with_appointment',
    'ALL',
    `${CLINIC} AND ${APPOINTMENT_VISIBLE}`,
    `${CLINIC} AND actor_id = mend_user() AND ${APPOINTMENT_VISIBLE}`,
  ],
  [
    'calendar_feeds',
    'own',
    'ALL',
    `${CLINIC} AND user_id = mend_user()`,
    `${CLINIC} AND user_id = mend_user()`,
  ],
];

const COUNSELOR_BUSY = `CREATE FUNCTION mend_counselor_busy(p_counselor uuid, p_from timestamptz, p_to timestamptz)
  RETURNS TABLE (starts_at timestamptz, ends_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH allowed AS (
    SELECT 1 WHERE p_counselor = mend_user() OR EXISTS (
      SELECT 1 FROM case_counselors k JOIN case_members m ON m.case_id = k.case_id
       WHERE k.user_id = p_counselor AND m.user_id = mend_user() AND k.clinic_id = mend_clinic())
  ), busy AS (
    SELECT s.starts_at, s.starts_at + make_interval(mins => s.duration_minutes) AS ends_at
      FROM sessions s
     WHERE s.clinic_id = mend_clinic() AND s.counselor_id = p_counselor
       AND s.starts_at < p_to AND s.starts_at > p_from - interval '1 day'
    UNION ALL
    SELECT coalesce(a.proposed_starts_at, a.starts_at),
           coalesce(a.proposed_starts_at, a.starts_at) + make_interval(mins => a.duration_minutes)
      FROM appointments a
     WHERE a.clinic_id = mend_clinic() AND a.counselor_id = p_counselor
       AND (a.state IN ('requested', 'proposed') OR (a.state = 'accepted' AND a.session_id IS NULL))
       AND coalesce(a.proposed_starts_at, a.starts_at) < p_to
       AND coalesce(a.proposed_starts_at, a.starts_at) > p_from - interval '1 day'
  )
  SELECT busy.starts_at, busy.ends_at FROM busy, allowed WHERE busy.ends_at > p_from
$$`;

export class Appointments1796200600000 implements MigrationInterface {
  name = 'Appointments1796200600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "counselor_availability" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "time_zone" character varying(64) NOT NULL, "rules" jsonb NOT NULL DEFAULT '[]', "lengths" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8532c0115f201a0355263e07df4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "counselor_availability_clinic_id_idx" ON "counselor_availability"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "counselor_availability_counselor_id_idx" ON "counselor_availability"  ("counselor_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "counselor_availability_counselor_key" ON "counselor_availability"  ("clinic_id", "counselor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "availability_exceptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "kind" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "availability_exceptions_range_check" CHECK (ends_at > starts_at), CONSTRAINT "availability_exceptions_kind_check" CHECK (kind IN ('off', 'extra')), CONSTRAINT "PK_f5a89a7a6221bc93b517a13351f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "availability_exceptions_clinic_id_idx" ON "availability_exceptions"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "availability_exceptions_counselor_idx" ON "availability_exceptions"  ("counselor_id", "ends_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "audience" text NOT NULL, "client_id" uuid, "type" text NOT NULL, "mode" text NOT NULL, "state" text NOT NULL DEFAULT 'requested', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint NOT NULL, "proposed_starts_at" TIMESTAMP WITH TIME ZONE, "note_enc" text, "requested_by_id" uuid NOT NULL, "client_key" uuid NOT NULL, "session_id" uuid, "version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointments_clinic_id_key" UNIQUE ("clinic_id", "id"), CONSTRAINT "appointments_state_check" CHECK (state IN ('requested', 'proposed', 'accepted', 'declined', 'cancelled')), CONSTRAINT "appointments_individual_client_check" CHECK ((audience = 'individual') = (client_id IS NOT NULL)), CONSTRAINT "appointments_audience_check" CHECK (audience IN ('individual', 'joint')), CONSTRAINT "PK_4a437a9a27e948726b8bb3e36ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_clinic_id_idx" ON "appointments"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_client_id_idx" ON "appointments"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_requested_by_id_idx" ON "appointments"  ("requested_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_session_id_idx" ON "appointments"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "appointments_request_key" ON "appointments"  ("clinic_id", "requested_by_id", "client_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_counselor_state_idx" ON "appointments"  ("counselor_id", "state", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_case_starts_idx" ON "appointments"  ("case_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "appointment_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "appointment_id" uuid NOT NULL, "action" text NOT NULL, "actor_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE, "reason_enc" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointment_changes_action_check" CHECK (action IN ('requested', 'proposed', 'accepted', 'declined', 'cancelled', 'rescheduled')), CONSTRAINT "PK_9668aa72c642c9801b3baf73126" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_changes_clinic_id_idx" ON "appointment_changes"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_changes_case_id_idx" ON "appointment_changes"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_changes_actor_id_idx" ON "appointment_changes"  ("actor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_changes_appointment_idx" ON "appointment_changes"  ("appointment_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "calendar_feeds_clinic_id_idx" ON "calendar_feeds"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "calendar_feeds_user_id_idx" ON "calendar_feeds"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feeds_active_key" ON "calendar_feeds"  ("clinic_id", "user_id") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"  ("token_hash") `,
    );
    await queryRunner.query(`ALTER TABLE "mail_deliveries" ADD "calendar" jsonb`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "calendar" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" ADD CONSTRAINT "FK_8a86c450b889acdac2c157eeb42" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" ADD CONSTRAINT "FK_36de6eb8ee7a200ca70e6d1cd4e" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" ADD CONSTRAINT "counselor_availability_clinic_counselor_fk" FOREIGN KEY ("clinic_id", "counselor_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" ADD CONSTRAINT "FK_0dfad3f0ca98176923665351107" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" ADD CONSTRAINT "FK_00df30f5f59dfd2b54b55954192" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" ADD CONSTRAINT "availability_exceptions_clinic_counselor_fk" FOREIGN KEY ("clinic_id", "counselor_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_5de9b36b534afa4cdfc183b9e41" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_b5363abd84d7b5b3104a36d0e5e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_1b1a51e7c3bf696e225a01a5591" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_ccc5bbce58ad6bc96faa428b1e4" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_b02270762441fc6db63990db359" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_5308226ff2e323710f37e5353cb" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_client_fk" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" ADD CONSTRAINT "FK_56ba10d805a51cb3e15f6c313fe" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" ADD CONSTRAINT "FK_df4a20976c1e9a7d2ce068d523f" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" ADD CONSTRAINT "FK_2c118fb1d0e23c29e1008bd96e8" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" ADD CONSTRAINT "FK_84a6bc3784f2ea76032bcbf1376" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" ADD CONSTRAINT "appointment_changes_clinic_appointment_fk" FOREIGN KEY ("clinic_id", "appointment_id") REFERENCES "appointments"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_018be133a47e3e6d9b7895888a5" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await secureTables(queryRunner, POLICIES);
    await queryRunner.query(COUNSELOR_BUSY);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION mend_counselor_busy(uuid, timestamptz, timestamptz) FROM PUBLIC`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION mend_counselor_busy(uuid, timestamptz, timestamptz) TO ${APP_ROLE}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION mend_counselor_busy(uuid, timestamptz, timestamptz)`);
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "calendar_feeds_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_3212ce9ff23847e66347a6730d3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_018be133a47e3e6d9b7895888a5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" DROP CONSTRAINT "appointment_changes_clinic_appointment_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" DROP CONSTRAINT "FK_84a6bc3784f2ea76032bcbf1376"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" DROP CONSTRAINT "FK_2c118fb1d0e23c29e1008bd96e8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" DROP CONSTRAINT "FK_df4a20976c1e9a7d2ce068d523f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_changes" DROP CONSTRAINT "FK_56ba10d805a51cb3e15f6c313fe"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "appointments_clinic_client_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_5308226ff2e323710f37e5353cb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_b02270762441fc6db63990db359"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_ccc5bbce58ad6bc96faa428b1e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_1b1a51e7c3bf696e225a01a5591"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_b5363abd84d7b5b3104a36d0e5e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_5de9b36b534afa4cdfc183b9e41"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" DROP CONSTRAINT "availability_exceptions_clinic_counselor_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" DROP CONSTRAINT "FK_00df30f5f59dfd2b54b55954192"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" DROP CONSTRAINT "FK_0dfad3f0ca98176923665351107"`,
    );
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" DROP CONSTRAINT "counselor_availability_clinic_counselor_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" DROP CONSTRAINT "FK_36de6eb8ee7a200ca70e6d1cd4e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "counselor_availability" DROP CONSTRAINT "FK_8a86c450b889acdac2c157eeb42"`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "calendar"`);
    await queryRunner.query(`ALTER TABLE "mail_deliveries" DROP COLUMN "calendar"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_changes_appointment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_changes_actor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_changes_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointment_changes_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "appointment_changes"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_case_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_counselor_state_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_request_key"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_session_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_requested_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "appointments"`);
    await queryRunner.query(`DROP INDEX "public"."availability_exceptions_counselor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."availability_exceptions_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "availability_exceptions"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_availability_counselor_key"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_availability_counselor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_availability_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "counselor_availability"`);
  }
}
