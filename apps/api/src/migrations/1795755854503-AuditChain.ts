import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events become append-only and hash-chained per clinic, by the database itself so that
 * every code path (and a stray psql session) is covered. `AuditChainVerifier` recomputes the
 * hashes in Node from the same canonical text as `audit_event_hash` below.
 */
export class AuditChain1795755854503 implements MigrationInterface {
  name = 'AuditChain1795755854503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No event may be written between the backfill and the trigger taking over.
    await queryRunner.query(`LOCK TABLE "audit_events" IN EXCLUSIVE MODE`);
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD "position" bigint, ADD "prev_hash" text, ADD "hash" text`,
    );
    // Each value length-prefixed (in UTF-8 bytes) so no text can shift into its neighbour.
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
      DO $$
      DECLARE
        r record;
        clinic uuid;
        pos bigint;
        prev text;
      BEGIN
        FOR r IN SELECT * FROM audit_events ORDER BY clinic_id, seq LOOP
          IF clinic IS DISTINCT FROM r.clinic_id THEN
            clinic := r.clinic_id;
            pos := 0;
            prev := '';
          END IF;
          pos := pos + 1;
          UPDATE audit_events
             SET "position" = pos, prev_hash = prev,
                 hash = audit_event_hash(prev, r.id, r.clinic_id, pos, r.actor_id, r.action,
                   r.entity_type, r.entity_id, r.details, r.ip, r.created_at)
           WHERE id = r.id
          RETURNING hash INTO prev;
        END LOOP;
      END $$`);
    await queryRunner.query(
      `ALTER TABLE "audit_events" ALTER COLUMN "position" SET NOT NULL, ALTER COLUMN "prev_hash" SET NOT NULL, ALTER COLUMN "hash" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_clinic_seq_idx" ON "audit_events" ("clinic_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_clinic_action_idx" ON "audit_events" ("clinic_id", "action", "seq") `,
    );
    // Also a guard: a writer that saw a stale chain head (e.g. under REPEATABLE READ) fails
    // here instead of forking the chain.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "audit_events_clinic_position_key" ON "audit_events" ("clinic_id", "position") `,
    );
    // Planned afresh per row: a cached plan made while the table was small seq-scans it for
    // the chain head, which made a 20k-row insert take 49 s instead of 1.6 s.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql
      SET plan_cache_mode = force_custom_plan AS $$
      DECLARE
        last_position bigint;
        last_hash text;
      BEGIN
        -- One writer per clinic until commit, so the head read below is the real head.
        PERFORM pg_advisory_xact_lock(1635083380, hashtext(NEW.clinic_id::text));
        -- Taken under the lock, so seq order is chain order (the default's value is wasted).
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
    await queryRunner.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_chain BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_no_change" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_chain" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`DROP FUNCTION audit_events_chain()`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_position_key"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_seq_idx"`);
    await queryRunner.query(
      `DROP FUNCTION audit_event_hash(text, uuid, uuid, bigint, uuid, text, text, uuid, jsonb, text, timestamptz)`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "position"`,
    );
  }
}
