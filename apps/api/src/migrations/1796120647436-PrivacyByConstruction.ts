import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy by construction, in the database itself:
 * - composite foreign keys `(clinic_id, …_id)` → `(clinic_id, id)`, so no row can point at a
 *   case, person, homework or note of another clinic;
 * - `mend_app`, the role every request runs as (ClinicDb switches to it per transaction): not
 *   the tables' owner and not a superuser, so row-level security applies to it;
 * - policies on every table with a `clinic_id`, bound to the transaction's `mend.clinic_id`,
 *   and on clinical tables also to the case rules: a counselor reaches the cases they counsel,
 *   a client their own homework, together homework and responses shared with them;
 * - two count views for admins (counts only, never rows of clinical tables).
 * Tables added later get no grant to `mend_app` until their migration grants it (fail closed),
 * and a test fails for any table with a `clinic_id` but no policy.
 */

const APP_ROLE = 'mend_app';

/** Tables whose rows belong to one clinic and that need no case rule beyond it. */
const CLINIC_TABLES = [
  'users',
  'invitations',
  'login_sessions',
  'case_counselors',
  'case_members',
  'exercises',
  'exercise_versions',
];

const CLINIC = `clinic_id = mend_clinic()`;
const COUNSELED = `case_id IN (SELECT * FROM mend_counseled_cases())`;
const MEMBER = `case_id IN (SELECT * FROM mend_member_cases())`;
/** The people who write a homework row: its counselors, its author, members for together work. */
const WRITES_HOMEWORK = `EXISTS (SELECT 1 FROM homework h WHERE h.id = homework_id AND (
  h.case_id IN (SELECT * FROM mend_counseled_cases()) OR h.user_id = mend_user()
  OR (h.user_id IS NULL AND h.case_id IN (SELECT * FROM mend_member_cases()))))`;

/** [table, policy, command, USING, WITH CHECK] */
const POLICIES: [string, string, string, string | null, string | null][] = [
  ['clinics', 'own_clinic', 'SELECT', 'id = mend_clinic()', null],
  ...CLINIC_TABLES.map((t): [string, string, string, string, string] => [
    t,
    'clinic_rows',
    'ALL',
    CLINIC,
    CLINIC,
  ]),
  ['audit_events', 'clinic_rows', 'ALL', CLINIC, CLINIC],
  [
    'cases',
    'case_rule',
    'ALL',
    `${CLINIC} AND (mend_role() = 'admin' OR id IN (SELECT * FROM mend_counseled_cases()) OR id IN (SELECT * FROM mend_member_cases()))`,
    CLINIC,
  ],
  ['assignments', 'case_rule', 'ALL', `${CLINIC} AND (${COUNSELED} OR ${MEMBER})`, CLINIC],
  [
    'homework',
    'homework_read',
    'SELECT',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user() OR (${MEMBER} AND (user_id IS NULL OR shared_at IS NOT NULL)))`,
    null,
  ],
  ['homework', 'homework_create', 'INSERT', null, `${CLINIC} AND (${COUNSELED} OR ${MEMBER})`],
  [
    'homework',
    'homework_write',
    'UPDATE',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user() OR (user_id IS NULL AND ${MEMBER}))`,
    CLINIC,
  ],
  ['homework_confirmations', 'case_rule', 'ALL', `${CLINIC} AND ${WRITES_HOMEWORK}`, CLINIC],
  ['homework_feedback', 'case_rule', 'ALL', `${CLINIC} AND ${WRITES_HOMEWORK}`, CLINIC],
  [
    'homework_scores',
    'case_rule',
    'ALL',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user())`,
    CLINIC,
  ],
  ['sessions', 'case_rule', 'ALL', `${CLINIC} AND ${COUNSELED}`, CLINIC],
  ['notes', 'case_rule', 'ALL', `${CLINIC} AND ${COUNSELED}`, CLINIC],
  [
    'note_addenda',
    'case_rule',
    'ALL',
    `${CLINIC} AND EXISTS (SELECT 1 FROM notes n WHERE n.id = note_id)`,
    CLINIC,
  ],
];

const POLICY_TABLES = [...new Set(POLICIES.map(([table]) => table))];
const READ_WRITE_TABLES = POLICY_TABLES.filter((t) => t !== 'clinics' && t !== 'audit_events');

/** For admins: counts per case and per counselor, never a row of the clinical tables. */
const VIEWS = [
  `CREATE VIEW homework_case_counts AS
     SELECT h.case_id,
            count(*) FILTER (WHERE h.status IN ('not_started', 'draft'))::int AS assigned,
            count(*) FILTER (WHERE h.status IN ('not_started', 'draft') AND h.due_on < current_date)::int AS overdue,
            count(*) FILTER (WHERE h.status = 'submitted')::int AS unreviewed
       FROM homework h
      WHERE h.clinic_id = mend_clinic() AND mend_role() = 'admin'
      GROUP BY h.case_id`,
  `CREATE VIEW note_unsigned_counts AS
     SELECT s.counselor_id, count(*)::int AS unsigned, min(s.starts_at) AS oldest
       FROM sessions s
      WHERE s.clinic_id = mend_clinic() AND mend_role() = 'admin' AND s.starts_at < now()
        AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.signed_at IS NOT NULL)
      GROUP BY s.counselor_id`,
];

export class PrivacyByConstruction1796120647436 implements MigrationInterface {
  name = 'PrivacyByConstruction1796120647436';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "exercises_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" ADD CONSTRAINT "exercise_versions_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "homework_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "sessions_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "notes_clinic_id_key" UNIQUE ("clinic_id", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" ADD CONSTRAINT "case_counselors_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" ADD CONSTRAINT "case_counselors_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "case_members_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "case_members_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" ADD CONSTRAINT "exercise_versions_clinic_exercise_fk" FOREIGN KEY ("clinic_id", "exercise_id") REFERENCES "exercises"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_clinic_exercise_version_fk" FOREIGN KEY ("clinic_id", "exercise_version_id") REFERENCES "exercise_versions"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "assignments_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "homework_clinic_user_fk" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "homework_clinic_assignment_fk" FOREIGN KEY ("clinic_id", "assignment_id") REFERENCES "assignments"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework" ADD CONSTRAINT "homework_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" ADD CONSTRAINT "homework_confirmations_clinic_homework_fk" FOREIGN KEY ("clinic_id", "homework_id") REFERENCES "homework"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" ADD CONSTRAINT "homework_feedback_clinic_homework_fk" FOREIGN KEY ("clinic_id", "homework_id") REFERENCES "homework"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "homework_scores_clinic_homework_fk" FOREIGN KEY ("clinic_id", "homework_id") REFERENCES "homework"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" ADD CONSTRAINT "homework_scores_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "sessions_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "notes_clinic_session_fk" FOREIGN KEY ("clinic_id", "session_id") REFERENCES "sessions"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "notes_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_clinic_note_fk" FOREIGN KEY ("clinic_id", "note_id") REFERENCES "notes"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // The application role. Roles belong to the whole server, so it may exist already (another
    // database of the same server); the migrating user must be able to create or grant it.
    await queryRunner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
      END IF;
    END $$`);
    await queryRunner.query(`GRANT ${APP_ROLE} TO CURRENT_USER`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    // The caller's settings, as ClinicDb sets them for its transaction (NULL outside one).
    await queryRunner.query(
      `CREATE FUNCTION mend_clinic() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('mend.clinic_id', true), '')::uuid $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION mend_user() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('mend.user_id', true), '')::uuid $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION mend_role() RETURNS text LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('mend.role', true), '') $$`,
    );
    // The case rules. Used as `case_id IN (SELECT * FROM …)`: planned once per statement (a
    // hashed set of the caller's cases), not once per row.
    await queryRunner.query(
      `CREATE FUNCTION mend_counseled_cases() RETURNS SETOF uuid LANGUAGE sql STABLE AS $$ SELECT case_id FROM case_counselors WHERE user_id = mend_user() $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION mend_member_cases() RETURNS SETOF uuid LANGUAGE sql STABLE AS $$ SELECT case_id FROM case_members WHERE user_id = mend_user() $$`,
    );
    // Email addresses are unique across clinics: inviting asks whether one is taken anywhere,
    // and learns nothing else.
    await queryRunner.query(`CREATE FUNCTION mend_email_taken(p_email text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT EXISTS (SELECT 1 FROM users WHERE email = p_email) $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION mend_email_taken(text) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION mend_email_taken(text) TO ${APP_ROLE}`);

    await queryRunner.query(`GRANT SELECT ON clinics TO ${APP_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${READ_WRITE_TABLES.join(', ')} TO ${APP_ROLE}`,
    );
    // Append-only: the triggers refuse UPDATE and DELETE anyway.
    await queryRunner.query(`GRANT SELECT, INSERT ON audit_events TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE audit_events_seq_seq TO ${APP_ROLE}`);
    for (const table of POLICY_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
    }
    for (const [table, name, command, using, check] of POLICIES) {
      await queryRunner.query(
        `CREATE POLICY ${name} ON "${table}" AS PERMISSIVE FOR ${command} TO ${APP_ROLE}` +
          (using ? ` USING (${using})` : '') +
          (check ? ` WITH CHECK (${check})` : ''),
      );
    }
    for (const view of VIEWS) await queryRunner.query(view);
    await queryRunner.query(
      `GRANT SELECT ON homework_case_counts, note_unsigned_counts TO ${APP_ROLE}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW note_unsigned_counts`);
    await queryRunner.query(`DROP VIEW homework_case_counts`);
    for (const [table, name] of POLICIES) {
      await queryRunner.query(`DROP POLICY ${name} ON "${table}"`);
    }
    for (const table of POLICY_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    // The role stays: other databases of the server may use it. Its grants here go.
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`DROP FUNCTION mend_email_taken(text)`);
    await queryRunner.query(`DROP FUNCTION mend_member_cases()`);
    await queryRunner.query(`DROP FUNCTION mend_counseled_cases()`);
    await queryRunner.query(`DROP FUNCTION mend_role()`);
    await queryRunner.query(`DROP FUNCTION mend_user()`);
    await queryRunner.query(`DROP FUNCTION mend_clinic()`);
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "note_addenda_clinic_note_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "notes_clinic_case_fk"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "notes_clinic_session_fk"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_clinic_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "homework_scores_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_scores" DROP CONSTRAINT "homework_scores_clinic_homework_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_feedback" DROP CONSTRAINT "homework_feedback_clinic_homework_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_confirmations" DROP CONSTRAINT "homework_confirmations_clinic_homework_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "homework" DROP CONSTRAINT "homework_clinic_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "homework" DROP CONSTRAINT "homework_clinic_assignment_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "homework" DROP CONSTRAINT "homework_clinic_user_fk"`);
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "assignments_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "assignments_clinic_exercise_version_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" DROP CONSTRAINT "exercise_versions_clinic_exercise_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "case_members_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "case_members_clinic_user_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" DROP CONSTRAINT "case_counselors_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counselors" DROP CONSTRAINT "case_counselors_clinic_user_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "notes_clinic_id_key"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_clinic_id_key"`);
    await queryRunner.query(`ALTER TABLE "homework" DROP CONSTRAINT "homework_clinic_id_key"`);
    await queryRunner.query(
      `ALTER TABLE "assignments" DROP CONSTRAINT "assignments_clinic_id_key"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_versions" DROP CONSTRAINT "exercise_versions_clinic_id_key"`,
    );
    await queryRunner.query(`ALTER TABLE "exercises" DROP CONSTRAINT "exercises_clinic_id_key"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_clinic_id_key"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_clinic_id_key"`);
  }
}
