import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, AUDIENCE, CLINIC, COUNSELED, Policy, secureTables } from './row-security';

/**
 * Conversations: threads with a fixed audience, their messages, read positions, drafts and asks
 * to quote a private message in the joint conversation; the clinic's rule on client-started
 * conversations and each counselor's stated reply times. Row-level security holds the audience:
 * - a private thread is readable by the case's counselors and its one client, never the partner;
 *   a joint one by every member of the case and its counselors;
 * - a message is readable exactly where its thread is, and written only by its author;
 *   counselors of the case may pin it;
 * - read positions are the reader's own (counselors also read the clients': never a partner);
 * - drafts are their writer's only;
 * - an ask to quote is the counselors' and the message author's, never the partner's.
 * Admins get a count per counselor through a view, never a row.
 */

const THREAD_VISIBLE = `EXISTS (SELECT 1 FROM message_threads t WHERE t.id = thread_id)`;

const POLICIES: Policy[] = [
  ['message_threads', 'audience_rule', 'ALL', AUDIENCE, AUDIENCE],
  ['messages', 'read_where_thread', 'SELECT', `${CLINIC} AND ${THREAD_VISIBLE}`, null],
  [
    'messages',
    'written_by_author',
    'INSERT',
    null,
    `${CLINIC} AND author_id = mend_user() AND ${THREAD_VISIBLE}`,
  ],
  [
    'messages',
    'pinned_by_counselors',
    'UPDATE',
    `${CLINIC} AND ${COUNSELED}`,
    `${CLINIC} AND ${COUNSELED}`,
  ],
  [
    'message_reads',
    'own_or_counseled',
    'ALL',
    `${CLINIC} AND (user_id = mend_user() OR ${COUNSELED})`,
    `${CLINIC} AND user_id = mend_user() AND ${THREAD_VISIBLE}`,
  ],
  [
    'message_drafts',
    'own',
    'ALL',
    `${CLINIC} AND user_id = mend_user()`,
    `${CLINIC} AND user_id = mend_user() AND ${THREAD_VISIBLE}`,
  ],
  [
    'message_quote_requests',
    'counselors_and_author',
    'ALL',
    `${CLINIC} AND (${COUNSELED} OR author_id = mend_user())`,
    `${CLINIC} AND (${COUNSELED} OR author_id = mend_user())`,
  ],
];

/** For admins: per counselor, conversations of open cases whose latest word is a client's, over two days old. */
const MESSAGE_COUNTS = `CREATE VIEW message_counselor_counts AS
  SELECT k.user_id AS counselor_id, count(*)::int AS unanswered
    FROM message_threads t
    JOIN cases c ON c.id = t.case_id AND c.status = 'open'
    JOIN case_counselors k ON k.case_id = t.case_id
   WHERE t.clinic_id = mend_clinic() AND mend_role() = 'admin'
     AND t.last_author_role = 'client' AND t.last_message_at < now() - interval '2 days'
   GROUP BY k.user_id`;

export class Conversations1796200500000 implements MigrationInterface {
  name = 'Conversations1796200500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "message_threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "audience" text NOT NULL, "client_id" uuid, "subject_enc" text NOT NULL, "started_by_id" uuid NOT NULL, "start_key" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_author_id" uuid NOT NULL, "last_author_role" text NOT NULL, CONSTRAINT "message_threads_clinic_id_key" UNIQUE ("clinic_id", "id"), CONSTRAINT "message_threads_last_role_check" CHECK (last_author_role IN ('client', 'counselor')), CONSTRAINT "message_threads_private_client_check" CHECK ((audience = 'private') = (client_id IS NOT NULL)), CONSTRAINT "message_threads_audience_check" CHECK (audience IN ('private', 'joint')), CONSTRAINT "PK_257a191f664b9470b5d94f98264" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_threads_clinic_id_idx" ON "message_threads"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_threads_client_id_idx" ON "message_threads"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_threads_started_by_id_idx" ON "message_threads"  ("started_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_threads_last_author_id_idx" ON "message_threads"  ("last_author_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "message_threads_start_key" ON "message_threads"  ("clinic_id", "started_by_id", "start_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_threads_case_last_idx" ON "message_threads"  ("case_id", "last_message_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "thread_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_role" text NOT NULL, "body_enc" text NOT NULL, "client_key" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "quote_of_id" uuid, "quote_sent_at" TIMESTAMP WITH TIME ZONE, "pinned_at" TIMESTAMP WITH TIME ZONE, "pinned_by_id" uuid, CONSTRAINT "messages_clinic_id_key" UNIQUE ("clinic_id", "id"), CONSTRAINT "messages_author_role_check" CHECK (author_role IN ('counselor', 'client')), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "messages_clinic_id_idx" ON "messages"  ("clinic_id") `);
    await queryRunner.query(`CREATE INDEX "messages_author_id_idx" ON "messages"  ("author_id") `);
    await queryRunner.query(
      `CREATE INDEX "messages_quote_of_id_idx" ON "messages"  ("quote_of_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "messages_pinned_by_id_idx" ON "messages"  ("pinned_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "messages_case_pinned_idx" ON "messages"  ("case_id", "sent_at") WHERE pinned_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "messages_client_key" ON "messages"  ("clinic_id", "thread_id", "author_id", "client_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "messages_thread_sent_idx" ON "messages"  ("thread_id", "sent_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_reads" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "read_up_to" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4fab706bfe81c8af8f0d1db2392" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_reads_user_id_idx" ON "message_reads"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_reads_clinic_id_idx" ON "message_reads"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_reads_case_id_idx" ON "message_reads"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "body_enc" text NOT NULL, "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5ccbe16641f121ff1ca9d2876b2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_drafts_user_id_idx" ON "message_drafts"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_drafts_clinic_id_idx" ON "message_drafts"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "message_drafts_thread_user_key" ON "message_drafts"  ("clinic_id", "thread_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "message_quote_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "case_id" uuid NOT NULL, "message_id" uuid NOT NULL, "author_id" uuid NOT NULL, "joint_thread_id" uuid NOT NULL, "state" text NOT NULL DEFAULT 'pending', "requested_by_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "message_quote_requests_state_check" CHECK (state IN ('pending', 'agreed', 'declined')), CONSTRAINT "PK_833427a7804a83c29f1d70ec26b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_clinic_id_idx" ON "message_quote_requests"  ("clinic_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_case_id_idx" ON "message_quote_requests"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_message_id_idx" ON "message_quote_requests"  ("message_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_author_id_idx" ON "message_quote_requests"  ("author_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_joint_thread_id_idx" ON "message_quote_requests"  ("joint_thread_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "message_quote_requests_requested_by_id_idx" ON "message_quote_requests"  ("requested_by_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "message_quote_requests_open_key" ON "message_quote_requests"  ("clinic_id", "message_id", "joint_thread_id") WHERE state = 'pending'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "client_threads" text NOT NULL DEFAULT 'private'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "reply_times" character varying(300)`);
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_client_threads_check" CHECK (client_threads IN ('none', 'private', 'private_and_joint'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "FK_2a9a7d015585043c3dc1e4e95b2" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "FK_5a1c6d8d5bcb6211ea6cbb2868b" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "FK_8bf368c9e3a9b1d6af33857e327" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "FK_782b62fe581465eed7aabb987ee" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "FK_de1aa8085217000b11fc777d56e" FOREIGN KEY ("last_author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_clinic_client_fk" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_70e6bb207d09180dcce8eac4388" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_10c1ee76e73d2b25b7ca6d5312b" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_bb3af7f695d50083e6523290d41" FOREIGN KEY ("thread_id") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_89aaf3ba8b82bc6bbd89ee33d2a" FOREIGN KEY ("quote_of_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_12a57398d7091ce9cb83efa6005" FOREIGN KEY ("pinned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_case_fk" FOREIGN KEY ("clinic_id", "case_id") REFERENCES "cases"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_thread_fk" FOREIGN KEY ("clinic_id", "thread_id") REFERENCES "message_threads"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" ADD CONSTRAINT "FK_06ae4b748654efe4df2a1ad0cf3" FOREIGN KEY ("thread_id") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" ADD CONSTRAINT "FK_f2fde665440a5f6a7c2ea22f2bd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" ADD CONSTRAINT "FK_b9d5c63f7c7eded54cc11e75093" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" ADD CONSTRAINT "FK_edc9215619fbed50a09a6df3a0a" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_clinic_thread_fk" FOREIGN KEY ("clinic_id", "thread_id") REFERENCES "message_threads"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" ADD CONSTRAINT "FK_c834af7fe2dc8e947dc14e9889d" FOREIGN KEY ("thread_id") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" ADD CONSTRAINT "FK_ae249f0b60b25153bed0fd14c0b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" ADD CONSTRAINT "FK_dc30e35fc83e44119b3bebc1957" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" ADD CONSTRAINT "message_drafts_clinic_thread_fk" FOREIGN KEY ("clinic_id", "thread_id") REFERENCES "message_threads"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_b2876ede4fa678e8f25326439c8" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_14c448c83fe8a4a72bc1ef6c1d6" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_416a46b8fd253131e007131f827" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_dcbaa2883520c857f4d162c3cfc" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_0917e9fd8d535a279990281647e" FOREIGN KEY ("joint_thread_id") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "FK_50845e1aa6a24b774ab5fd40e14" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "message_quote_requests_clinic_thread_fk" FOREIGN KEY ("clinic_id", "joint_thread_id") REFERENCES "message_threads"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" ADD CONSTRAINT "message_quote_requests_clinic_message_fk" FOREIGN KEY ("clinic_id", "message_id") REFERENCES "messages"("clinic_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await secureTables(queryRunner, POLICIES);
    await queryRunner.query(`GRANT UPDATE (client_threads) ON clinics TO ${APP_ROLE}`);
    await queryRunner.query(MESSAGE_COUNTS);
    await queryRunner.query(`GRANT SELECT ON message_counselor_counts TO ${APP_ROLE}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW message_counselor_counts`);
    await queryRunner.query(`REVOKE UPDATE (client_threads) ON clinics FROM ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "message_quote_requests_clinic_message_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "message_quote_requests_clinic_thread_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_50845e1aa6a24b774ab5fd40e14"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_0917e9fd8d535a279990281647e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_dcbaa2883520c857f4d162c3cfc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_416a46b8fd253131e007131f827"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_14c448c83fe8a4a72bc1ef6c1d6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_quote_requests" DROP CONSTRAINT "FK_b2876ede4fa678e8f25326439c8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" DROP CONSTRAINT "message_drafts_clinic_thread_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" DROP CONSTRAINT "FK_dc30e35fc83e44119b3bebc1957"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" DROP CONSTRAINT "FK_ae249f0b60b25153bed0fd14c0b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_drafts" DROP CONSTRAINT "FK_c834af7fe2dc8e947dc14e9889d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" DROP CONSTRAINT "message_reads_clinic_thread_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" DROP CONSTRAINT "FK_edc9215619fbed50a09a6df3a0a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" DROP CONSTRAINT "FK_b9d5c63f7c7eded54cc11e75093"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" DROP CONSTRAINT "FK_f2fde665440a5f6a7c2ea22f2bd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_reads" DROP CONSTRAINT "FK_06ae4b748654efe4df2a1ad0cf3"`,
    );
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_clinic_thread_fk"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_clinic_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_12a57398d7091ce9cb83efa6005"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_89aaf3ba8b82bc6bbd89ee33d2a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_bb3af7f695d50083e6523290d41"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_10c1ee76e73d2b25b7ca6d5312b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" DROP CONSTRAINT "FK_70e6bb207d09180dcce8eac4388"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "message_threads_clinic_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "message_threads_clinic_client_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "FK_de1aa8085217000b11fc777d56e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "FK_782b62fe581465eed7aabb987ee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "FK_8bf368c9e3a9b1d6af33857e327"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "FK_5a1c6d8d5bcb6211ea6cbb2868b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "message_threads" DROP CONSTRAINT "FK_2a9a7d015585043c3dc1e4e95b2"`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" DROP CONSTRAINT "clinics_client_threads_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "reply_times"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "client_threads"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_open_key"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_requested_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_joint_thread_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_message_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_quote_requests_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_quote_requests"`);
    await queryRunner.query(`DROP INDEX "public"."message_drafts_thread_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."message_drafts_clinic_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_drafts_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_drafts"`);
    await queryRunner.query(`DROP INDEX "public"."message_reads_case_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_reads_clinic_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_reads_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_reads"`);
    await queryRunner.query(`DROP INDEX "public"."messages_thread_sent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_client_key"`);
    await queryRunner.query(`DROP INDEX "public"."messages_case_pinned_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_pinned_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_quote_of_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."messages_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_case_last_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_start_key"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_last_author_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_started_by_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_client_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."message_threads_clinic_id_idx"`);
    await queryRunner.query(`DROP TABLE "message_threads"`);
  }
}
