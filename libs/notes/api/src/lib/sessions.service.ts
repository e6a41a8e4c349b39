import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import type {
  NoteFormat,
  Person,
  SessionMode,
  SessionPage,
  SessionType,
  SessionView,
} from '@mend/shared/contracts';
import { ClinicDb, pagedRows, PageQueryDto } from '@mend/shared/server';
import { CreateSessionDto, SessionsQueryDto, UpdateSessionDto } from './notes.dto';
import { Session } from './notes.entities';

interface SessionRow {
  id: string;
  case_id: string;
  starts_at: Date;
  duration_minutes: number;
  type: SessionType;
  mode: SessionMode;
  counselor_id: string;
  attendee_ids: string[];
  note_id: string | null;
  note_format: NoteFormat | null;
  note_signed_at: Date | null;
}

/** One statement per page, however many sessions it holds; names come from the ports after. */
const SESSION_COLUMNS = `s.id, s.case_id, s.starts_at, s.duration_minutes, s.type, s.mode, s.counselor_id,
         s.attendee_ids, n.id AS note_id, n.format AS note_format, n.signed_at AS note_signed_at`;
const SESSION_FROM = `sessions s LEFT JOIN notes n ON n.session_id = s.id`;

function toView(
  row: SessionRow,
  caseTitle: string,
  person: (id: string) => Person | null,
): SessionView {
  const named = (id: string) => person(id) ?? { userId: id, displayName: '' };
  return {
    id: row.id,
    caseId: row.case_id,
    caseTitle,
    startsAt: new Date(row.starts_at).toISOString(),
    durationMinutes: row.duration_minutes,
    type: row.type,
    mode: row.mode,
    attendees: row.attendee_ids
      .map(named)
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    counselor: named(row.counselor_id),
    note: row.note_id
      ? {
          id: row.note_id,
          format: row.note_format as NoteFormat,
          status: row.note_signed_at ? 'signed' : 'draft',
          signedAt: row.note_signed_at ? new Date(row.note_signed_at).toISOString() : null,
        }
      : null,
  };
}

/** The sessions of a case, recorded by its counselors; only the case's counselors reach them. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly audit: AuditService,
  ) {}

  async record(caller: Caller, caseId: string, input: CreateSessionDto): Promise<SessionView> {
    return this.db.run(caller, async (manager) => {
      const found = await this.access.require(caller, caseId, 'counsel');
      if (found.status !== 'open')
        throw new ConflictException('This case is closed. Reopen it to record a session.');
      await this.checkAttendees(caller, caseId, input.attendeeIds);
      const [{ id }] = await manager.query(
        `INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          caller.clinicId,
          caseId,
          caller.id,
          input.startsAt,
          input.durationMinutes,
          input.type,
          input.mode,
          input.attendeeIds,
        ],
      );
      await this.audit.record(manager, caller, {
        action: 'session.recorded',
        entityType: 'session',
        entityId: id,
        details: { caseId },
      });
      return this.get(caller, id);
    });
  }

  /** Changing a session's details; a signed note fixes them for good. */
  async update(caller: Caller, id: string, input: UpdateSessionDto): Promise<SessionView> {
    return this.db.run(caller, async (manager) => {
      const session = await this.require(caller, id, true);
      const [signed] = await manager.query(
        `SELECT 1 FROM notes WHERE session_id = $1 AND signed_at IS NOT NULL`,
        [id],
      );
      if (signed)
        throw new ConflictException('The note of this session is signed; its details are locked.');
      if (input.attendeeIds) await this.checkAttendees(caller, session.caseId, input.attendeeIds);
      await manager.update(
        Session,
        { id },
        {
          ...(input.startsAt !== undefined && { startsAt: new Date(input.startsAt) }),
          ...(input.durationMinutes !== undefined && { durationMinutes: input.durationMinutes }),
          ...(input.type !== undefined && { type: input.type }),
          ...(input.mode !== undefined && { mode: input.mode }),
          ...(input.attendeeIds !== undefined && { attendeeIds: input.attendeeIds }),
        },
      );
      await this.audit.record(manager, caller, {
        action: 'session.updated',
        entityType: 'session',
        entityId: id,
        details: { caseId: session.caseId, fields: Object.keys(input) },
      });
      return this.get(caller, id);
    });
  }

  /**
   * Takes a session off the calendar when its appointment is cancelled: removed while no note
   * was started for it (a note keeps the session, for the counselor to decide). Answers whether
   * it was removed.
   */
  async cancel(caller: Caller, id: string): Promise<boolean> {
    return this.db.run(caller, async (manager) => {
      const session = await this.require(caller, id, true);
      const [note] = await manager.query(`SELECT 1 FROM notes WHERE session_id = $1`, [id]);
      if (note) return false;
      await manager.query(`DELETE FROM sessions WHERE id = $1`, [id]);
      await this.audit.record(manager, caller, {
        action: 'session.cancelled',
        entityType: 'session',
        entityId: id,
        details: { caseId: session.caseId },
      });
      return true;
    });
  }

  /** For a calendar (a system read, already scoped to one counselor): their sessions from `since`. */
  async calendarWithin(
    tx: EntityManager,
    counselorId: string,
    since: Date,
  ): Promise<{ id: string; starts_at: Date; duration_minutes: number; updated_at: Date }[]> {
    return tx.query(
      `SELECT id, starts_at, duration_minutes, updated_at FROM sessions
        WHERE counselor_id = $1 AND starts_at >= $2 ORDER BY starts_at LIMIT 500`,
      [counselorId, since],
    );
  }

  async get(caller: Caller, id: string): Promise<SessionView> {
    return this.db.run(caller, async (tx) => {
      const session = await this.require(caller, id);
      const [row]: SessionRow[] = await tx.query(
        `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1`,
        [session.id],
      );
      return (await this.views(caller, [row]))[0];
    });
  }

  async forCase(caller: Caller, caseId: string, query: PageQueryDto): Promise<SessionPage> {
    return this.db.run(caller, async (tx) => {
      await this.access.require(caller, caseId, 'counsel');
      return this.page(tx, caller, 's.case_id = $1', 's.starts_at DESC, s.id', query, [caseId]);
    });
  }

  /** The counselor's upcoming, recent or unsigned sessions across their caseload. */
  async mine(caller: Caller, query: SessionsQueryDto): Promise<SessionPage> {
    const lists = {
      upcoming: ['s.starts_at >= now()', 's.starts_at ASC, s.id'],
      recent: ['s.starts_at < now()', 's.starts_at DESC, s.id'],
      unsigned: [
        `s.starts_at < now() AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.signed_at IS NOT NULL)`,
        's.starts_at ASC, s.id',
      ],
    };
    const [filter, order] = lists[query.when];
    return this.db.run(caller, async (tx) => {
      const caseIds = (await this.access.cases(caller)).map((c) => c.id);
      return this.page(tx, caller, `s.case_id = ANY($1::uuid[]) AND ${filter}`, order, query, [
        caseIds,
      ]);
    });
  }

  /** The session if the caller counsels its case; 404 otherwise. */
  async require(caller: Caller, id: string, lock = false): Promise<Session> {
    return this.db.run(caller, async (tx) => {
      const session = await tx.findOne(Session, {
        where: { id },
        ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!session) throw new NotFoundException('No such session.');
      if (!(await this.access.reaches(caller, session.caseId, 'counsel')))
        throw new NotFoundException('No such session.');
      return session;
    });
  }

  private async page(
    tx: EntityManager,
    caller: Caller,
    where: string,
    order: string,
    query: PageQueryDto,
    params: unknown[],
  ): Promise<SessionPage> {
    const { rows, total } = await pagedRows<SessionRow>(
      tx,
      { columns: SESSION_COLUMNS, from: SESSION_FROM, where, order, params },
      query,
    );
    return {
      items: await this.views(caller, rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Session views with case titles and people's names, one lookup each for the page. */
  private async views(caller: Caller, rows: SessionRow[]): Promise<SessionView[]> {
    const titles = await this.access.titles(
      caller,
      rows.map((r) => r.case_id),
    );
    const person = await this.people.lookup(
      caller,
      rows.flatMap((r) => [r.counselor_id, ...r.attendee_ids]),
    );
    return rows.map((r) => toView(r, titles.get(r.case_id) ?? '', person));
  }

  private async checkAttendees(
    caller: Caller,
    caseId: string,
    attendeeIds: string[],
  ): Promise<void> {
    const members = await this.access.memberIds(caller, caseId);
    if (attendeeIds.some((id) => !members.includes(id))) {
      throw new BadRequestException({
        message: 'Some details need attention.',
        fields: [{ field: 'attendeeIds', reasons: ['Choose attendees among the case’s members.'] }],
      });
    }
  }
}
