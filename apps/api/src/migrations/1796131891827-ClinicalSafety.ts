import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinical safety: private safety checks, individual conversations and the gate on joint work,
 * critical-answer alerts, scored measures, the path of repair per case and signed agreements.
 * Every new table is granted to `mend_app` with row-level security:
 * - a safety check is readable by its member and the case's counselors, never the partner;
 * - conversations, closures of joint work, alerts and stage reasons by the case's counselors
 *   (a member may raise an alert on their own answer, and never read it back);
 * - agreements by the case's members and counselors;
 * - measure results like 0–10 scores: the member's own and the counselors'.
 * Admins get counts per counselor through a view, never a row.
 */

const APP_ROLE = 'mend_app';
const CLINIC = `clinic_id = mend_clinic()`;
const COUNSELED = `case_id IN (SELECT * FROM mend_counseled_cases())`;
const MEMBER = `case_id IN (SELECT * FROM mend_member_cases())`;

/** [table, policy, command, USING, WITH CHECK] */
const POLICIES: [string, string, string, string | null, string | null][] = [
  [
    'safety_checks',
    'case_rule',
    'ALL',
    `${CLINIC} AND (${COUNSELED} OR (client_id = mend_user() AND ${MEMBER}))`,
    `${CLINIC} AND (${COUNSELED} OR (client_id = mend_user() AND ${MEMBER}))`,
  ],
  [
    'safety_interviews',
    'case_rule',
    'ALL',
    `${CLINIC} AND ${COUNSELED}`,
    `${CLINIC} AND ${COUNSELED}`,
  ],
  [
    'joint_work_closures',
    'case_rule',
    'ALL',
    `${CLINIC} AND ${COUNSELED}`,
    `${CLINIC} AND ${COUNSELED}`,
  ],
  [
    'safety_alerts',
    'counselors',
    'ALL',
    `${CLINIC} AND ${COUNSELED}`,
    `${CLINIC} AND ${COUNSELED}`,
  ],
  [
    'safety_alerts',
    'raised_by_member',
    'INSERT',
    null,
    `${CLINIC} AND client_id = mend_user() AND ${MEMBER}`,
  ],
  [
    'case_stage_changes',
    'case_rule',
    'ALL',
    `${CLINIC} AND ${COUNSELED}`,
    `${CLINIC} AND ${COUNSELED}`,
  ],
  ['agreements', 'case_rule', 'ALL', `${CLINIC} AND (${COUNSELED} OR ${MEMBER})`, CLINIC],
  [
    'agreement_signatures',
    'case_rule',
    'ALL',
    `${CLINIC} AND (${COUNSELED} OR ${MEMBER})`,
    `${CLINIC} AND (${COUNSELED} OR (user_id = mend_user() AND ${MEMBER}))`,
  ],
  [
    'measure_results',
    'case_rule',
    'ALL',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user())`,
    CLINIC,
  ],
  // The clinic's own settings (the crisis text), written by its admins only.
  [
    'clinics',
    'admin_settings',
    'UPDATE',
    `id = mend_clinic() AND mend_role() = 'admin'`,
    `id = mend_clinic()`,
  ],
];

const NEW_TABLES = [...new Set(POLICIES.map(([table]) => table))].filter((t) => t !== 'clinics');

/** For admins: per counselor, waiting checks and alerts unacknowledged for over 24 hours. */
const SAFETY_COUNTS = `CREATE VIEW safety_counselor_counts AS
  SELECT cc.user_id AS counselor_id,
         -- A member of an open couple or family case waits while a check-in is asked and not
         -- answered, or none was answered within the case's re-check interval (whether or not
         -- anyone has opened the case since).
         sum(CASE WHEN c.type IN ('couple', 'family') THEN (
               SELECT count(*) FROM case_members m
                WHERE m.case_id = c.id AND (
                  EXISTS (SELECT 1 FROM safety_checks s
                           WHERE s.case_id = c.id AND s.client_id = m.user_id AND s.submitted_at IS NULL)
                  OR NOT EXISTS (SELECT 1 FROM safety_checks s
                           WHERE s.case_id = c.id AND s.client_id = m.user_id
                             AND s.submitted_at > now() - make_interval(weeks => c.recheck_weeks))))
             ELSE 0 END)::int AS waiting_checks,
         sum((SELECT count(*) FROM safety_alerts a
               WHERE a.case_id = c.id AND a.acknowledged_at IS NULL
                 AND a.raised_at < now() - interval '24 hours'))::int AS overdue_alerts
    FROM case_counselors cc
    JOIN cases c ON c.id = cc.case_id AND c.status = 'open'
   WHERE cc.clinic_id = mend_clinic() AND mend_role() = 'admin' AND cc.role = 'primary'
   GROUP BY cc.user_id`;

/**
 * Whether joint work is open for a case the caller reaches: every current member's latest
 * conversation since the latest closure cleared them (an individual case has no gate). A
 * member learns only this yes/no, never whose clearance is missing; NULL for a case out of reach.
 */
const JOINT_WORK_OPEN = `CREATE FUNCTION mend_joint_work_open(p_case uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.type = 'individual' OR (
           EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id)
           AND NOT EXISTS (
             SELECT 1 FROM case_members m
              WHERE m.case_id = c.id
                AND coalesce((
                  SELECT i.outcome FROM safety_interviews i
                   WHERE i.case_id = c.id AND i.client_id = m.user_id
                     AND i.created_at > coalesce(
                       (SELECT max(j.closed_at) FROM joint_work_closures j WHERE j.case_id = c.id),
                       '-infinity')
                   ORDER BY i.created_at DESC LIMIT 1), '') <> 'cleared'))
    FROM cases c
   WHERE c.id = p_case AND c.clinic_id = mend_clinic()
     AND (c.id IN (SELECT * FROM mend_counseled_cases()) OR c.id IN (SELECT * FROM mend_member_cases()))
$$`;

export class ClinicalSafety1796131891827 implements MigrationInterface {
  name = 'ClinicalSafety1796131891827';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_stage_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_stage" text NOT NULL, "to_stage" text NOT NULL, "reason_enc" text NOT NULL, "changed_by_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_12d913a738f1bc578fe61206afb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_stage_changes_clinic_id_idx" ON "case_stage_changes"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_stage_changes_changed_by_id_idx" ON "case_stage_changes"  ("changed_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "case_stage_changes_case_changed_idx" ON "case_stage_changes"  ("case_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "number" integer NOT NULL, "status" text NOT NULL DEFAULT 'draft', "items_enc" text, "review_on" date, "version" integer NOT NULL DEFAULT '0', "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "signed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "agreements_clinic_id_key" UNIQUE ("clinic_id", "id"), CONSTRAINT "agreements_status_check" CHECK (status IN ('draft', 'signed')), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreements_clinic_id_idx" ON "agreements"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "agreements_created_by_id_idx" ON "agreements"  ("created_by_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreements_case_draft_key" ON "agreements"  ("case_id") WHERE status = 'draft'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreements_case_number_key" ON "agreements"  ("case_id", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "agreement_id" uuid NOT NULL, "user_id" uuid NOT NULL, "typed_name_enc" text NOT NULL, "agreement_version" integer NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_984a05438f47e2b2be99bb192d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_signatures_clinic_id_idx" ON "agreement_signatures"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_signatures_case_id_idx" ON "agreement_signatures"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_signatures_user_id_idx" ON "agreement_signatures"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_signatures_agreement_user_key" ON "agreement_signatures"  ("agreement_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "measure_results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "homework_id" uuid NOT NULL, "user_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "score" numeric(6,2) NOT NULL, "band" jsonb, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_142dc52a1af39e3bc2d92825de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "measure_results_clinic_id_idx" ON "measure_results"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "measure_results_user_id_idx" ON "measure_results"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "measure_results_exercise_id_idx" ON "measure_results"  ("exercise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "measure_results_case_user_idx" ON "measure_results"  ("case_id", "user_id", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "measure_results_homework_key" ON "measure_results"  ("homework_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "safety_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "client_id" uuid NOT NULL, "requested_by_id" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answers_enc" text, "version" integer NOT NULL DEFAULT '0', "saved_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "critical" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_87e83e6f27cdaac5918f118ed56" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_checks_clinic_id_idx" ON "safety_checks"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_checks_client_id_idx" ON "safety_checks"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_checks_requested_by_id_idx" ON "safety_checks"  ("requested_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_checks_case_client_idx" ON "safety_checks"  ("case_id", "client_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "safety_checks_open_key" ON "safety_checks"  ("case_id", "client_id") WHERE submitted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "safety_interviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "client_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "held_on" date NOT NULL, "mode" text NOT NULL, "outcome" text NOT NULL, "note_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "safety_interviews_outcome_check" CHECK (outcome IN ('cleared', 'not_cleared', 'individual_first')), CONSTRAINT "safety_interviews_mode_check" CHECK (mode IN ('in_person', 'video', 'phone')), CONSTRAINT "PK_061b6717a8673a5a6a0178b6fae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_interviews_clinic_id_idx" ON "safety_interviews"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_interviews_client_id_idx" ON "safety_interviews"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_interviews_counselor_id_idx" ON "safety_interviews"  ("counselor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_interviews_case_client_idx" ON "safety_interviews"  ("case_id", "client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_work_closures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "closed_by_id" uuid NOT NULL, "reason_enc" text NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_130eb50791fce7713c0203df493" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "joint_work_closures_clinic_id_idx" ON "joint_work_closures"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "joint_work_closures_closed_by_id_idx" ON "joint_work_closures"  ("closed_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "joint_work_closures_case_closed_idx" ON "joint_work_closures"  ("case_id", "closed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "safety_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "client_id" uuid NOT NULL, "source" text NOT NULL, "source_id" uuid NOT NULL, "trigger_enc" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_id" uuid, "follow_up_enc" text, CONSTRAINT "safety_alerts_acknowledged_check" CHECK ((acknowledged_at IS NULL) = (acknowledged_by_id IS NULL)), CONSTRAINT "safety_alerts_source_check" CHECK (source IN ('homework', 'safety_check')), CONSTRAINT "PK_ae79c1d823539ee5430525f8646" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_alerts_clinic_id_idx" ON "safety_alerts"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_alerts_client_id_idx" ON "safety_alerts"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_alerts_acknowledged_by_id_idx" ON "safety_alerts"  ("acknowledged_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_alerts_case_raised_idx" ON "safety_alerts"  ("case_id", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "safety_alerts_open_source_key" ON "safety_alerts"  ("source_id") WHERE acknowledged_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" ADD "crisis_text" text`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "stage" text NOT NULL DEFAULT 'acknowledge'`);
    await queryRunner.query(
      `ALTER TABLE "cases" ADD "recheck_weeks" smallint NOT NULL DEFAULT '8'`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD "gap_threshold" smallint NOT NULL DEFAULT '3'`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD "is_measure" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "exercise_versions" ADD "measure" jsonb`);
    await queryRunner.query(`ALTER TABLE "homework" ADD "revision_reason_enc" text`);
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" ADD "version" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_gap_threshold_check" CHECK (gap_threshold BETWEEN 1 AND 10)`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_recheck_weeks_check" CHECK (recheck_weeks BETWEEN 1 AND 52)`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" ADD CONSTRAINT "FK_fefdb47455afab194900305966a" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" ADD CONSTRAINT "FK_c4f622c0208236acdcbf0bbede6" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" ADD CONSTRAINT "FK_5b552e92a5c1bf46d8667029cf6" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_bdab358f2a99be4702b11167148" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_0d1b871b53d9fe6ef587591a4f8" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "FK_e4c17b62e7c7dc9225012fc5920" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "agreements_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "FK_3b66a7a648750a869c8466498eb" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "FK_f67352c34fff62fe8e42dd7212c" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "FK_1fa7067a918fc3a8262b11e3e58" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "FK_3746fdb462d3f6a49b930138372" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_clinic_agreement_fk" FOREIGN KEY ("clinic_id", "agreement_id") REFERENCES "agreements"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "FK_a4cd457e2b06fb9b1a895b31087" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "FK_9cd147951b2427ff019c836e60a" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "FK_2b4723b77e190ecf590cf4b2689" FOREIGN KEY ("homework_id") REFERENCES "homework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "FK_cefd001e191b4a2b75986cfa44e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "FK_86190b5eb5d65c874a1c7cacabf" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "measure_results_clinic_homework_fk" FOREIGN KEY ("clinic_id", "homework_id") REFERENCES "homework"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" ADD CONSTRAINT "measure_results_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "FK_c42e7cbee7424fa734428d88718" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "FK_b2faf6b357fa5871b25a88dcabe" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "FK_7bea2e6e82a2e594aa8d7c09038" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "FK_256721bbca1f14b06dccbba0163" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "safety_checks_clinic_client_fk" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" ADD CONSTRAINT "safety_checks_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "FK_688621b80527353ac60b5b1d6d4" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "FK_8c47d34c3e86991d553932dec27" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "FK_5cf7e3145eeff1eecc0b3436e74" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "FK_d1fe6eae2377504325cfa0875d3" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "safety_interviews_clinic_client_fk" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" ADD CONSTRAINT "safety_interviews_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" ADD CONSTRAINT "FK_e6d1a7b0b316bd3fc9472e22526" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" ADD CONSTRAINT "FK_1a695e013726f47e0641673c13c" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" ADD CONSTRAINT "FK_66fb44e94f45f7b83f02245cfd1" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" ADD CONSTRAINT "joint_work_closures_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "FK_2f98bf93eb1f8b73d7f9de00362" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "FK_a03544f5f10a560336dac958751" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "FK_62bd76d16e88e79002bcb6de0b5" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "FK_99fdbf1b01946f03a25b265b081" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_clinic_client_fk" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" ADD CONSTRAINT "safety_alerts_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Measures are assigned every two weeks by default.
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "assignments_recurrence_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_recurrence_check" CHECK (recurrence IN ('once', 'daily', 'weekly', 'fortnightly'))`,
    );
    // Confirmations so far were of the current response.
    await queryRunner.query(
      `UPDATE homework_confirmations hc SET version = h.version FROM homework h WHERE h.id = hc.homework_id`,
    );
    // Readings are dated by when they were given, not by the due date.
    await queryRunner.query(
      `UPDATE homework_scores s SET recorded_on = h.submitted_at::date FROM homework h WHERE h.id = s.homework_id AND h.submitted_at IS NOT NULL`,
    );

    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TABLES.join(', ')} TO ${APP_ROLE}`,
    );
    await queryRunner.query(`GRANT UPDATE (crisis_text, updated_at) ON clinics TO ${APP_ROLE}`);
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
    await queryRunner.query(JOINT_WORK_OPEN);
    await queryRunner.query(`REVOKE ALL ON FUNCTION mend_joint_work_open(uuid) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION mend_joint_work_open(uuid) TO ${APP_ROLE}`);
    await queryRunner.query(SAFETY_COUNTS);
    await queryRunner.query(`GRANT SELECT ON safety_counselor_counts TO ${APP_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW safety_counselor_counts`);
    await queryRunner.query(`DROP FUNCTION mend_joint_work_open(uuid)`);
    await queryRunner.query(`DROP POLICY admin_settings ON "clinics"`);
    await queryRunner.query(`REVOKE UPDATE (crisis_text, updated_at) ON clinics FROM ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "assignments_recurrence_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_recurrence_check" CHECK (recurrence IN ('once', 'daily', 'weekly'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "safety_alerts_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "safety_alerts_clinic_client_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "FK_99fdbf1b01946f03a25b265b081"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "FK_62bd76d16e88e79002bcb6de0b5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "FK_a03544f5f10a560336dac958751"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_alerts" DROP CONSTRAINT "FK_2f98bf93eb1f8b73d7f9de00362"`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" DROP CONSTRAINT "joint_work_closures_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" DROP CONSTRAINT "FK_66fb44e94f45f7b83f02245cfd1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" DROP CONSTRAINT "FK_1a695e013726f47e0641673c13c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_work_closures" DROP CONSTRAINT "FK_e6d1a7b0b316bd3fc9472e22526"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "safety_interviews_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "safety_interviews_clinic_client_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "FK_d1fe6eae2377504325cfa0875d3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "FK_5cf7e3145eeff1eecc0b3436e74"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "FK_8c47d34c3e86991d553932dec27"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_interviews" DROP CONSTRAINT "FK_688621b80527353ac60b5b1d6d4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "safety_checks_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "safety_checks_clinic_client_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "FK_256721bbca1f14b06dccbba0163"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "FK_7bea2e6e82a2e594aa8d7c09038"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "FK_b2faf6b357fa5871b25a88dcabe"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_checks" DROP CONSTRAINT "FK_c42e7cbee7424fa734428d88718"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "measure_results_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "measure_results_clinic_homework_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "FK_86190b5eb5d65c874a1c7cacabf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "FK_cefd001e191b4a2b75986cfa44e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "FK_2b4723b77e190ecf590cf4b2689"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "FK_9cd147951b2427ff019c836e60a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measure_results" DROP CONSTRAINT "FK_a4cd457e2b06fb9b1a895b31087"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_clinic_agreement_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_3746fdb462d3f6a49b930138372"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_1fa7067a918fc3a8262b11e3e58"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_f67352c34fff62fe8e42dd7212c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_3b66a7a648750a869c8466498eb"`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "agreements_clinic_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "FK_e4c17b62e7c7dc9225012fc5920"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "FK_0d1b871b53d9fe6ef587591a4f8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "FK_bdab358f2a99be4702b11167148"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" DROP CONSTRAINT "case_stage_changes_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" DROP CONSTRAINT "FK_5b552e92a5c1bf46d8667029cf6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" DROP CONSTRAINT "FK_c4f622c0208236acdcbf0bbede6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_stage_changes" DROP CONSTRAINT "FK_fefdb47455afab194900305966a"`,
    );
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_recheck_weeks_check"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_gap_threshold_check"`);
    await queryRunner.query(`ALTER TABLE "homework_confirmations" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "homework" DROP COLUMN "revision_reason_enc"`);
    await queryRunner.query(`ALTER TABLE "exercise_versions" DROP COLUMN "measure"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "is_measure"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "gap_threshold"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "recheck_weeks"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "stage"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "crisis_text"`);
    await queryRunner.query(`DROP INDEX "public"."safety_alerts_open_source_key"`);
    await queryRunner.query(`DROP INDEX "public"."safety_alerts_case_raised_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_alerts_acknowledged_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_alerts_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_alerts_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "safety_alerts"`);
    await queryRunner.query(`DROP INDEX "public"."joint_work_closures_case_closed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."joint_work_closures_closed_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."joint_work_closures_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "joint_work_closures"`);
    await queryRunner.query(`DROP INDEX "public"."safety_interviews_case_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_interviews_counselor_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_interviews_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_interviews_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "safety_interviews"`);
    await queryRunner.query(`DROP INDEX "public"."safety_checks_open_key"`);
    await queryRunner.query(`DROP INDEX "public"."safety_checks_case_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_checks_requested_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_checks_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_checks_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "safety_checks"`);
    await queryRunner.query(`DROP INDEX "public"."measure_results_homework_key"`);
    await queryRunner.query(`DROP INDEX "public"."measure_results_case_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measure_results_exercise_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measure_results_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measure_results_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "measure_results"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_signatures_agreement_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_signatures_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_signatures_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_signatures_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "agreement_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_case_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_case_draft_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_created_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
    await queryRunner.query(`DROP INDEX "public"."case_stage_changes_case_changed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_stage_changes_changed_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_stage_changes_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_stage_changes"`);
  }
}
