import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { Notifier } from '@mend/notifications/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import type { AlertSource, AlertView, CriticalAnswer, SafetyCounts } from '@mend/shared/contracts';
import { ClinicDb, encryptionContext, FieldEncryptionService } from '@mend/shared/server';
import { AlertsQueryDto } from '../safety.dto';

interface AlertRow {
  id: string;
  case_id: string;
  client_id: string;
  source: AlertSource;
  source_id: string;
  trigger_enc: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by_id: string | null;
  follow_up_enc: string | null;
}

/** What triggered an alert, kept encrypted with it. */
interface Trigger {
  title: string;
  answers: { label: string; answer: string }[];
}

/**
 * Critical answers, for the case's counselors only. A member's submit raises the alert (the
 * database lets them insert it and never read it back); one of the counselors acknowledges it
 * with a follow-up note. Admins see counts per counselor, never an alert.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Raises an alert in the caller's transaction (the submit that gave the answer). While one is
   * open for the same homework or check, a resubmission raises no second one.
   */
  async raise(
    tx: EntityManager,
    caller: Caller,
    alert: {
      caseId: string;
      clientId: string;
      source: AlertSource;
      sourceId: string;
      title: string;
      answers: CriticalAnswer[];
    },
  ): Promise<void> {
    if (alert.answers.length === 0) return;
    const id = randomUUID();
    const trigger: Trigger = {
      title: alert.title,
      answers: alert.answers.map(({ label, answer }) => ({ label, answer })),
    };
    // No conflict target: naming one (`ON CONFLICT (source_id) …`) makes PostgreSQL hold the new
    // row to the SELECT policies too, which the member who raises it never passes. The only
    // unique key the row can meet besides its new id is the one open alert per source.
    await tx.query(
      `INSERT INTO safety_alerts (id, clinic_id, case_id, client_id, source, source_id, trigger_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [
        id,
        caller.clinicId,
        alert.caseId,
        alert.clientId,
        alert.source,
        alert.sourceId,
        this.encryption.encrypt(
          JSON.stringify(trigger),
          encryptionContext('safety_alerts', 'trigger_enc', id),
        ),
      ],
    );
    // Not an audit event: the trail is the admin's to browse, and an alert's existence is
    // for the case's counselors only. Acknowledging it is audited.
    const counselors = await this.access.counselorIds(caller, alert.caseId);
    const [client] = await this.people.profiles(caller, [alert.clientId]);
    await this.notifier.notify(
      tx,
      caller.clinicId,
      counselors.map((userId) => ({
        userId,
        kind: 'safety_alert' as const,
        link: `/cases/${alert.caseId}`,
        text: `${client?.displayName ?? 'A client'} gave an answer in “${alert.title}” that needs your attention.`,
        dedupeKey: `alert:${alert.sourceId}`,
      })),
    );
  }

  /** The caller's alerts (open ones by default), newest first; one case's with `caseId`. */
  async list(caller: Caller, query: AlertsQueryDto): Promise<AlertView[]> {
    return this.db.run(caller, async (tx) => {
      if (query.caseId) await this.access.require(caller, query.caseId, 'counsel');
      const open = query.open !== 'false';
      // Row-level security keeps this to the cases the caller counsels.
      const rows: AlertRow[] = await tx.query(
        `SELECT id, case_id, client_id, source, source_id, trigger_enc, raised_at,
                acknowledged_at, acknowledged_by_id, follow_up_enc
           FROM safety_alerts
          WHERE ($1::uuid IS NULL OR case_id = $1) AND (NOT $2 OR acknowledged_at IS NULL)
          ORDER BY raised_at DESC, id
          LIMIT 200`,
        [query.caseId ?? null, open],
      );
      return this.views(caller, rows);
    });
  }

  async acknowledge(caller: Caller, id: string, followUp: string): Promise<AlertView> {
    return this.db.run(caller, async (tx) => {
      const [row]: AlertRow[] = await tx.query(
        `SELECT id, case_id, acknowledged_at FROM safety_alerts WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || !(await this.access.reaches(caller, row.case_id, 'counsel')))
        throw new NotFoundException('No such alert.');
      if (row.acknowledged_at)
        throw new ConflictException('Another counselor of the case has acknowledged this alert.');
      await tx.query(
        `UPDATE safety_alerts SET acknowledged_at = now(), acknowledged_by_id = $2, follow_up_enc = $3
          WHERE id = $1`,
        [
          id,
          caller.id,
          this.encryption.encrypt(
            followUp,
            encryptionContext('safety_alerts', 'follow_up_enc', id),
          ),
        ],
      );
      await this.audit.record(tx, caller, {
        action: 'safety.alert_acknowledged',
        entityType: 'case',
        entityId: row.case_id,
        details: { alertId: id },
      });
      const [fresh]: AlertRow[] = await tx.query(`SELECT * FROM safety_alerts WHERE id = $1`, [id]);
      return (await this.views(caller, [fresh]))[0];
    });
  }

  /** For admins: per primary counselor, checks waiting and alerts open for over 24 hours. */
  async counts(caller: Caller): Promise<SafetyCounts> {
    return this.db.run(caller, async (tx) => {
      const rows: { counselor_id: string; waiting_checks: number; overdue_alerts: number }[] =
        await tx.query(
          `SELECT counselor_id, waiting_checks, overdue_alerts FROM safety_counselor_counts`,
        );
      const byCounselor = new Map(rows.map((r) => [r.counselor_id, r]));
      const counselors = await this.people.withRole(caller, 'counselor');
      return {
        counselors: counselors.map((c) => ({
          counselorId: c.id,
          displayName: c.displayName,
          waitingChecks: byCounselor.get(c.id)?.waiting_checks ?? 0,
          overdueAlerts: byCounselor.get(c.id)?.overdue_alerts ?? 0,
        })),
      };
    });
  }

  private async views(caller: Caller, rows: AlertRow[]): Promise<AlertView[]> {
    const titles = await this.access.titles(
      caller,
      rows.map((r) => r.case_id),
    );
    const person = await this.people.lookup(
      caller,
      rows.flatMap((r) => [r.client_id, r.acknowledged_by_id]),
    );
    const ref = (userId: string) => ({ userId, displayName: person(userId)?.displayName ?? '' });
    return rows.map((r) => {
      const trigger = JSON.parse(
        this.encryption.decrypt(
          r.trigger_enc,
          encryptionContext('safety_alerts', 'trigger_enc', r.id),
        ),
      ) as Trigger;
      return {
        id: r.id,
        caseId: r.case_id,
        caseTitle: titles.get(r.case_id) ?? '',
        member: ref(r.client_id),
        source: r.source,
        sourceId: r.source_id,
        title: trigger.title,
        answers: trigger.answers,
        raisedAt: new Date(r.raised_at).toISOString(),
        acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
        acknowledgedBy: r.acknowledged_by_id ? ref(r.acknowledged_by_id) : null,
        followUp: r.follow_up_enc
          ? this.encryption.decrypt(
              r.follow_up_enc,
              encryptionContext('safety_alerts', 'follow_up_enc', r.id),
            )
          : null,
      };
    });
  }
}
