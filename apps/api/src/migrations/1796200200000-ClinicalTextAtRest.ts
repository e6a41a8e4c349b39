import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  encryptionContext,
  encryptionKeysFor,
  FieldEncryptionService,
  loadConfig,
} from '@mend/shared/server';

/**
 * Clinical words still stored in plaintext move to encrypted columns, and notes say who wrote
 * what:
 * - a member's label (who broke trust, who was hurt) → `case_members.label_enc`;
 * - a case's closing note → `cases.closing_note_enc`;
 * - the 0–10 answers copied out of encrypted responses → `homework_scores.value_enc`, and a
 *   measure's score and band → `measure_results.result_enc` (`{ score, band }`). Nothing
 *   computes on these numbers in SQL: charts, gap flags and summaries decrypt them in the app.
 * - notes record their writers (`last_edited_by_id`, `contributor_ids`, `section_authors`)
 *   and addenda theirs (`contributor_ids`), since any of a case's counselors may edit or sign.
 * - a member removed from a case loses its homework: the row-level policies that let a client
 *   read and write their own homework, scores and results now also require membership.
 *
 * The key is not in the database, so existing rows are encrypted here, by the process running
 * the migration with the application's own keys (`ENCRYPTION_KEYS`, or outside production
 * the generated key beside the embedded database, exactly as the app reads them), in batches,
 * before the plaintext columns are dropped in the same transaction: a database is never left
 * half converted. A database with nothing to convert never reads a key.
 */

const CLINIC = `clinic_id = mend_clinic()`;
const COUNSELED = `case_id IN (SELECT * FROM mend_counseled_cases())`;
const MEMBER = `case_id IN (SELECT * FROM mend_member_cases())`;
const H_COUNSELED = `h.case_id IN (SELECT * FROM mend_counseled_cases())`;
const H_MEMBER = `h.case_id IN (SELECT * FROM mend_member_cases())`;

/** [table, policy, USING before, USING after]; every WITH CHECK stays as it was. */
const POLICIES: [string, string, string, string][] = [
  [
    'homework',
    'homework_read',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user() OR (${MEMBER} AND (user_id IS NULL OR shared_at IS NOT NULL)))`,
    `${CLINIC} AND (${COUNSELED} OR (${MEMBER} AND (user_id = mend_user() OR user_id IS NULL OR shared_at IS NOT NULL)))`,
  ],
  [
    'homework',
    'homework_write',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user() OR (user_id IS NULL AND ${MEMBER}))`,
    `${CLINIC} AND (${COUNSELED} OR (${MEMBER} AND (user_id = mend_user() OR user_id IS NULL)))`,
  ],
  ...['homework_confirmations', 'homework_feedback'].map(
    (table): [string, string, string, string] => [
      table,
      'case_rule',
      `${CLINIC} AND EXISTS (SELECT 1 FROM homework h WHERE h.id = homework_id AND (
  ${H_COUNSELED} OR h.user_id = mend_user()
  OR (h.user_id IS NULL AND ${H_MEMBER})))`,
      `${CLINIC} AND EXISTS (SELECT 1 FROM homework h WHERE h.id = homework_id AND (
  ${H_COUNSELED} OR (${H_MEMBER} AND (h.user_id = mend_user() OR h.user_id IS NULL))))`,
    ],
  ),
  ...['homework_scores', 'measure_results'].map((table): [string, string, string, string] => [
    table,
    'case_rule',
    `${CLINIC} AND (${COUNSELED} OR user_id = mend_user())`,
    `${CLINIC} AND (${COUNSELED} OR (user_id = mend_user() AND ${MEMBER}))`,
  ]),
];

/**
 * A plaintext column (or columns) and the encrypted column that replaces it: `plain` reads a
 * row's value as text, `restore` (for `down`) sets the plaintext columns from `v.plain`.
 */
interface Move {
  table: string;
  encrypted: string;
  plain: string;
  present: string;
  restore: string;
}

const MOVES: Move[] = [
  {
    table: 'case_members',
    encrypted: 'label_enc',
    plain: `label`,
    present: `label IS NOT NULL`,
    restore: `label = v.plain`,
  },
  {
    table: 'cases',
    encrypted: 'closing_note_enc',
    plain: `closing_note`,
    present: `closing_note IS NOT NULL`,
    restore: `closing_note = v.plain`,
  },
  {
    table: 'homework_scores',
    encrypted: 'value_enc',
    plain: `value::text`,
    present: `TRUE`,
    restore: `value = v.plain::smallint`,
  },
  {
    table: 'measure_results',
    encrypted: 'result_enc',
    // The app's own shape: `{"score":14,"band":{…}}` (two decimals, as numeric(6,2) kept it).
    plain: `json_build_object('score', score::float8, 'band', band)::text`,
    present: `TRUE`,
    restore: `score = (v.plain::jsonb ->> 'score')::numeric, band = nullif(v.plain::jsonb -> 'band', 'null'::jsonb)`,
  },
];

const BATCH = 500;

export class ClinicalTextAtRest1796200200000 implements MigrationInterface {
  name = 'ClinicalTextAtRest1796200200000';

  private encryption?: FieldEncryptionService;

  /** `keys` is for tests; TypeORM constructs migrations without arguments. */
  constructor(
    private readonly keys: () => FieldEncryptionService = () =>
      new FieldEncryptionService(encryptionKeysFor(loadConfig())),
  ) {}

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Who wrote what in a note.
    await queryRunner.query(`ALTER TABLE "notes" ADD "last_edited_by_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "notes" ADD "contributor_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD "section_authors" jsonb NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD "contributor_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "notes" ADD CONSTRAINT "notes_clinic_last_edited_by_fk" FOREIGN KEY ("clinic_id", "last_edited_by_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Drafts written before: their author is the one writer known (signed ones are locked,
    // and read as written by their author). Sections with text and no writer read the same.
    await queryRunner.query(
      `UPDATE notes SET contributor_ids = ARRAY[author_id], last_edited_by_id = author_id
        WHERE signed_at IS NULL AND version > 1`,
    );
    await queryRunner.query(
      `UPDATE note_addenda SET contributor_ids = ARRAY[author_id] WHERE signed_at IS NULL`,
    );

    // Clinical text at rest: new encrypted columns, filled from the plaintext, which goes.
    await queryRunner.query(`ALTER TABLE "case_members" ADD "label_enc" text`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "closing_note_enc" text`);
    await queryRunner.query(`ALTER TABLE "homework_scores" ADD "value_enc" text`);
    await queryRunner.query(`ALTER TABLE "measure_results" ADD "result_enc" text`);
    for (const move of MOVES) await this.encryptExisting(queryRunner, move);
    await queryRunner.query(
      `ALTER TABLE "case_members" DROP CONSTRAINT "case_members_label_check"`,
    );
    await queryRunner.query(`ALTER TABLE "case_members" DROP COLUMN "label"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "closing_note"`);
    await queryRunner.query(`ALTER TABLE "homework_scores" ALTER COLUMN "value_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "homework_scores" DROP COLUMN "value"`);
    await queryRunner.query(`ALTER TABLE "measure_results" ALTER COLUMN "result_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "measure_results" DROP COLUMN "score"`);
    await queryRunner.query(`ALTER TABLE "measure_results" DROP COLUMN "band"`);

    // A member removed from a case loses its homework, their own included.
    for (const [table, policy, , after] of POLICIES) {
      await queryRunner.query(`ALTER POLICY ${policy} ON "${table}" USING (${after})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, policy, before] of POLICIES) {
      await queryRunner.query(`ALTER POLICY ${policy} ON "${table}" USING (${before})`);
    }

    await queryRunner.query(`ALTER TABLE "measure_results" ADD "band" jsonb`);
    await queryRunner.query(`ALTER TABLE "measure_results" ADD "score" numeric(6,2)`);
    await queryRunner.query(`ALTER TABLE "homework_scores" ADD "value" smallint`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "closing_note" text`);
    await queryRunner.query(`ALTER TABLE "case_members" ADD "label" text`);
    for (const move of MOVES) await this.decryptExisting(queryRunner, move);
    await queryRunner.query(`ALTER TABLE "measure_results" ALTER COLUMN "score" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "homework_scores" ALTER COLUMN "value" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "case_members" ADD CONSTRAINT "case_members_label_check" CHECK (label IS NULL OR label IN ('broke_trust', 'was_hurt', 'both_unclear'))`,
    );
    await queryRunner.query(`ALTER TABLE "measure_results" DROP COLUMN "result_enc"`);
    await queryRunner.query(`ALTER TABLE "homework_scores" DROP COLUMN "value_enc"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "closing_note_enc"`);
    await queryRunner.query(`ALTER TABLE "case_members" DROP COLUMN "label_enc"`);

    await queryRunner.query(`ALTER TABLE "notes" DROP CONSTRAINT "notes_clinic_last_edited_by_fk"`);
    await queryRunner.query(`ALTER TABLE "note_addenda" DROP COLUMN "contributor_ids"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP COLUMN "section_authors"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP COLUMN "contributor_ids"`);
    await queryRunner.query(`ALTER TABLE "notes" DROP COLUMN "last_edited_by_id"`);
  }

  /** Encrypts the plaintext of every row that has some, a batch per statement. */
  private async encryptExisting(queryRunner: QueryRunner, move: Move): Promise<void> {
    const { table, encrypted, plain, present } = move;
    for (;;) {
      const rows: { id: string; plain: string }[] = await queryRunner.query(
        `SELECT id, ${plain} AS plain FROM "${table}"
          WHERE "${encrypted}" IS NULL AND ${present} ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) return;
      const encryption = this.encryptionService();
      await queryRunner.query(
        `UPDATE "${table}" t SET "${encrypted}" = v.enc
           FROM unnest($1::uuid[], $2::text[]) AS v(id, enc) WHERE t.id = v.id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => encryption.encrypt(r.plain, encryptionContext(table, encrypted, r.id))),
        ],
      );
    }
  }

  /** The way back: every encrypted value decrypted into the restored plaintext columns. */
  private async decryptExisting(queryRunner: QueryRunner, move: Move): Promise<void> {
    const { table, encrypted, restore } = move;
    let lastId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; value: string }[] = await queryRunner.query(
        `SELECT id, "${encrypted}" AS value FROM "${table}"
          WHERE id > $1 AND "${encrypted}" IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
        [lastId],
      );
      if (rows.length === 0) return;
      const encryption = this.encryptionService();
      await queryRunner.query(
        `UPDATE "${table}" t SET ${restore}
           FROM unnest($1::uuid[], $2::text[]) AS v(id, plain) WHERE t.id = v.id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => encryption.decrypt(r.value, encryptionContext(table, encrypted, r.id))),
        ],
      );
      lastId = rows[rows.length - 1].id;
    }
  }

  /** The application's keys, read only once there is something to convert. */
  private encryptionService(): FieldEncryptionService {
    this.encryption ??= this.keys();
    return this.encryption;
  }
}
