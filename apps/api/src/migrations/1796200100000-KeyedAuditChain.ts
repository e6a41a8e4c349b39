import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets the database cannot vouch for itself:
 *
 * 1. The audit chain is sealed with a key outside the database. Until now a trigger chained
 *    events with plain SHA-256, so anyone who could write the table (its owner, with the
 *    triggers off) could change an event and recompute every later hash, and the verifier
 *    said "intact". Now the application seals each event with an HMAC under AUDIT_KEYS (the
 *    key's id in `key_id`) and the database never sees the key: a key handed to it in a
 *    setting or a statement would be readable by that same owner (statement logs, a replaced
 *    function, pg_stat_activity). The database keeps what needs no secret: the clinic's lock,
 *    the head read in a fresh snapshot (`mend_audit_head`), seq under the lock, and the check
 *    that a new row is the head's next link. Older rows keep their SHA-256 (`key_id` NULL);
 *    the portal seals each such chain with one keyed event at start (AuditChainSeal).
 * 2. Signed notes and addenda: the lock's one exception, re-encryption under another key, was
 *    granted to any session that set `mend.key_rotation`, which any role can set. Now it is
 *    granted to the role `mend_key_rotation` only, which `encryption:rotate` switches to for
 *    those tables and which may do nothing but read ids and update the encrypted column.
 *    `mend_app` is not a member, so a request's transaction cannot become it.
 * 3. Inviting an address that has an account in another clinic no longer tells the admin so
 *    (409): the invitation is recorded in the admin's clinic as an ordinary invited person
 *    that can never become an account (`email_elsewhere`: no sign-in finds it, its link cannot
 *    be accepted), and the address gets a mail saying it already has a Mend account with
 *    another practice. Emails stay unique among accounts only.
 */

const ROTATION_ROLE = 'mend_key_rotation';

/** Tables a signed row locks, and the encrypted column rotation may move to another key. */
const LOCKED = [
  ['notes', 'content_enc'],
  ['note_addenda', 'text_enc'],
] as const;

const CHAIN_LOCK = `pg_advisory_xact_lock(1635083380, hashtext(NEW.clinic_id::text))`;

export class KeyedAuditChain1796200100000 implements MigrationInterface {
  name = 'KeyedAuditChain1796200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // 1. The keyed audit chain.
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "key_id" text`);
    // The lock first, then the head in a snapshot taken after it: a writer that waited for the
    // lock sees the event the previous holder committed. One row even for an empty chain.
    await queryRunner.query(`
      CREATE FUNCTION mend_audit_head(p_clinic uuid)
        RETURNS TABLE (head_position bigint, head_hash text, head_at text)
        LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_custom_plan AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(1635083380, hashtext(p_clinic::text));
        RETURN QUERY
          SELECT coalesce(h.last_position, 0), coalesce(h.last_hash, ''),
                 to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (
              SELECT e."position" AS last_position, e.hash AS last_hash FROM audit_events e
               WHERE e.clinic_id = p_clinic ORDER BY e.seq DESC LIMIT 1) AS h ON true;
      END $$`);
    // The row must arrive sealed, as the next link of its clinic's chain; the seal itself is
    // checked by AuditChainVerifier, which has the key.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      DECLARE
        last_position bigint;
        last_hash text;
      BEGIN
        PERFORM ${CHAIN_LOCK};
        -- Taken under the lock, so seq order is chain order (the default's value is wasted).
        NEW.seq := nextval(pg_get_serial_sequence('audit_events', 'seq'));
        SELECT "position", hash INTO last_position, last_hash
          FROM audit_events WHERE clinic_id = NEW.clinic_id ORDER BY seq DESC LIMIT 1;
        IF NEW.key_id IS NULL OR NEW.hash IS NULL OR NEW.hash !~ '^[0-9a-f]{64}$'
           OR NEW."position" IS DISTINCT FROM coalesce(last_position, 0) + 1
           OR NEW.prev_hash IS DISTINCT FROM coalesce(last_hash, '') THEN
          RAISE EXCEPTION 'audit_events: an event must arrive sealed as the next link of its clinic''s chain'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    // Nothing computes the unkeyed hash in the database any more (the verifier does, in Node).
    await queryRunner.query(
      `DROP FUNCTION audit_event_hash(text, uuid, uuid, bigint, uuid, text, text, uuid, jsonb, text, timestamptz)`,
    );

    // 2. Re-encrypting signed notes: a role, not a setting.
    await queryRunner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROTATION_ROLE}') THEN
        CREATE ROLE ${ROTATION_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
      END IF;
    END $$`);
    await queryRunner.query(`GRANT ${ROTATION_ROLE} TO CURRENT_USER`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${ROTATION_ROLE}`);
    for (const [table, column] of LOCKED) {
      await queryRunner.query(
        `GRANT SELECT (id, ${column}), UPDATE (${column}) ON "${table}" TO ${ROTATION_ROLE}`,
      );
      // Rotation spans every clinic; what it may change is the trigger's business below.
      await queryRunner.query(
        `CREATE POLICY key_rotation ON "${table}" AS PERMISSIVE FOR ALL TO ${ROTATION_ROLE} USING (true) WITH CHECK (true)`,
      );
    }
    await queryRunner.query(signedLock(`current_user = '${ROTATION_ROLE}'`));

    // 3. An invitation to an address of another clinic's account.
    await queryRunner.query(
      `ALTER TABLE "users" ADD "email_elsewhere" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") WHERE NOT email_elsewhere`,
    );
    await queryRunner.query(emailTaken('AND NOT email_elsewhere'));
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT "mail_deliveries_purpose_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_purpose_check" CHECK (purpose IN ('notice', 'invitation', 'invitation_elsewhere', 'password_reset'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM mail_deliveries WHERE purpose = 'invitation_elsewhere' AND state = 'queued'`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" DROP CONSTRAINT "mail_deliveries_purpose_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "mail_deliveries_purpose_check" CHECK (purpose IN ('notice', 'invitation', 'password_reset'))`,
    );
    await queryRunner.query(emailTaken(''));
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    // Fails while an invitation to another clinic's address exists: disable or keep it.
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") `);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_elsewhere"`);

    await queryRunner.query(signedLock(`current_setting('mend.key_rotation', true) = 'on'`));
    for (const [table, column] of LOCKED) {
      await queryRunner.query(`DROP POLICY key_rotation ON "${table}"`);
      await queryRunner.query(
        `REVOKE SELECT (id, ${column}), UPDATE (${column}) ON "${table}" FROM ${ROTATION_ROLE}`,
      );
    }
    // The role stays, like mend_app: other databases of the server may use it.
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${ROTATION_ROLE}`);

    // Keyed events stay sealed as they are; the old verifier would report them as altered.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_hash(
        p_prev_hash text, p_id uuid, p_clinic_id uuid, p_position bigint, p_actor_id uuid,
        p_action text, p_entity_type text, p_entity_id uuid, p_details jsonb, p_ip text,
        p_created_at timestamptz
      ) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(
          string_agg(octet_length(convert_to(f, 'UTF8'))::text || ':' || f, '|' ORDER BY n),
          'UTF8')), 'hex')
        FROM unnest(ARRAY[
          p_prev_hash, p_id::text, p_clinic_id::text, p_position::text,
          coalesce(p_actor_id::text, ''), p_action, p_entity_type, p_entity_id::text,
          p_details::text, coalesce(p_ip, ''),
          to_char(p_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
        ]) WITH ORDINALITY AS t(f, n)
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      DECLARE
        last_position bigint;
        last_hash text;
      BEGIN
        PERFORM ${CHAIN_LOCK};
        NEW.seq := nextval(pg_get_serial_sequence('audit_events', 'seq'));
        SELECT "position", hash INTO last_position, last_hash
          FROM audit_events WHERE clinic_id = NEW.clinic_id ORDER BY seq DESC LIMIT 1;
        NEW."position" := coalesce(last_position, 0) + 1;
        NEW.prev_hash := coalesce(last_hash, '');
        NEW.hash := audit_event_hash(NEW.prev_hash, NEW.id, NEW.clinic_id, NEW."position",
          NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.details, NEW.ip,
          NEW.created_at);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP FUNCTION mend_audit_head(uuid)`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "key_id"`);
  }
}

/**
 * The lock on signed notes and addenda (first in migration Notes): every change of a signed
 * row is refused, except moving its encrypted column (TG_ARGV[0]) to another key by a session
 * for which `rotation` holds, with every other column unchanged and the ciphertext of the same
 * length, as re-encrypting the same text gives.
 */
function signedLock(rotation: string): string {
  return `CREATE OR REPLACE FUNCTION mend_refuse_signed_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_value text;
  new_value text;
BEGIN
  IF OLD.signed_at IS NULL THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND ${rotation} THEN
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
END $$`;
}

/** Whether an address belongs to an account anywhere (it learns nothing else). */
function emailTaken(condition: string): string {
  return `CREATE OR REPLACE FUNCTION mend_email_taken(p_email text) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT EXISTS (SELECT 1 FROM users WHERE email = p_email ${condition}) $$`;
}
