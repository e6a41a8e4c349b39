import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import type { Caller } from '@mend/auth/api';
import { CasesService } from '@mend/caseload/api';
import type {
  NoteFormat,
  Person,
  SessionMode,
  SessionPage,
  SessionType,
  SessionView,
} from '@mend/shared/contracts';
import { PageQueryDto } from '@mend/shared/server';
import { CreateSessionDto, SessionsQueryDto, UpdateSessionDto } from './notes.dto';
import { Session } from './notes.entities';

interface SessionRow {
  id: string;
  case_id: string;
  case_title: string;
  starts_at: Date;
  duration_minutes: number;
  type: SessionType;
  mode: SessionMode;
  counselor_id: string;
  counselor_name: string;
  attendees: Person[];
  note_id: string | null;
  note_format: NoteFormat | null;
  note_signed_at: Date | null;
}

/** One statement per page, however many sessions it holds. */
const SESSION_SELECT = `
  SELECT s.id, s.case_id, c.title AS case_title, s.starts_at, s.duration_minutes, s.type, s.mode,
         s.counselor_id, cu.display_name AS counselor_name,
         (SELECT coalesce(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name)
                                   ORDER BY u.display_name), '[]'::json)
            FROM users u WHERE u.id = ANY (s.attendee_ids)) AS attendees,
         n.id AS note_id, n.format AS note_format, n.signed_at AS note_signed_at
    FROM sessions s
    JOIN cases c ON c.id = s.case_id
    JOIN users cu ON cu.id = s.counselor_id
    LEFT JOIN notes n ON n.session_id = s.id`;

/** Sessions of cases the counselor is assigned to. `$1` clinic, `$2` counselor. */
export const SESSION_SCOPE = `s.clinic_id = $1 AND EXISTS (
  SELECT 1 FROM case_counselors k WHERE k.case_id = s.case_id AND k.user_id = $2)`;

/**
 * Sessions and notes exist for the case's counselors only: to an admin or a client of the case
 * they answer 404 like a record of another clinic, never 403, so nothing about them leaks.
 */
export function counselorOnly(caller: Caller, record: 'case' | 'session' | 'note'): void {
  if (caller.role !== 'counselor') throw new NotFoundException(`No such ${record}.`);
}

function toView(row: SessionRow): SessionView {
  return {
    id: row.id,
    caseId: row.case_id,
    caseTitle: row.case_title,
    startsAt: new Date(row.starts_at).toISOString(),
    durationMinutes: row.duration_minutes,
    type: row.type,
    mode: row.mode,
    attendees: row.attendees,
    counselor: { userId: row.counselor_id, displayName: row.counselor_name },
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  async record(caller: Caller, caseId: string, input: CreateSessionDto): Promise<SessionView> {
    counselorOnly(caller, 'case');
    return this.dataSource.transaction(async (manager) => {
      const found = await this.cases.requireCase(caller, caseId, manager);
      if (found.status !== 'open')
        throw new ConflictException('This case is closed. Reopen it to record a session.');
      await this.checkAttendees(manager, caseId, input.attendeeIds);
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
      return this.get(caller, id, manager);
    });
  }

  /** Changing a session's details; a signed note fixes them for good. */
  async update(caller: Caller, id: string, input: UpdateSessionDto): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const session = await this.require(caller, id, manager, true);
      const [signed] = await manager.query(
        `SELECT 1 FROM notes WHERE session_id = $1 AND signed_at IS NOT NULL`,
        [id],
      );
      if (signed)
        throw new ConflictException('The note of this session is signed; its details are locked.');
      if (input.attendeeIds) await this.checkAttendees(manager, session.caseId, input.attendeeIds);
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
      return this.get(caller, id, manager);
    });
  }

  async get(
    caller: Caller,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionView> {
    const [row]: SessionRow[] = await manager.query(
      `${SESSION_SELECT} WHERE ${SESSION_SCOPE} AND s.id = $3`,
      [caller.clinicId, caller.id, id],
    );
    if (!row) throw new NotFoundException('No such session.');
    return toView(row);
  }

  async forCase(caller: Caller, caseId: string, query: PageQueryDto): Promise<SessionPage> {
    counselorOnly(caller, 'case');
    await this.cases.requireCase(caller, caseId);
    return this.page(caller, 's.case_id = $3', 's.starts_at DESC, s.id', query, [caseId]);
  }

  /** The counselor's upcoming, recent or unsigned sessions (see SESSION_LISTS). */
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
    return this.page(caller, filter, order, query);
  }

  /** The session if the caller counsels its case; 404 otherwise. */
  async require(
    caller: Caller,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Session> {
    const [row]: { id: string }[] = await manager.query(
      `SELECT s.id FROM sessions s WHERE ${SESSION_SCOPE} AND s.id = $3 ${lock ? 'FOR UPDATE' : ''}`,
      [caller.clinicId, caller.id, id],
    );
    if (!row) throw new NotFoundException('No such session.');
    return manager.findOneByOrFail(Session, { id });
  }

  private async page(
    caller: Caller,
    filter: string,
    order: string,
    query: PageQueryDto,
    extra: unknown[] = [],
  ): Promise<SessionPage> {
    const params = [caller.clinicId, caller.id, ...extra];
    const where = `${SESSION_SCOPE} AND ${filter}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM sessions s WHERE ${where}`,
      params,
    );
    const rows: SessionRow[] = await this.dataSource.query(
      `${SESSION_SELECT} WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  private async checkAttendees(
    manager: EntityManager,
    caseId: string,
    attendeeIds: string[],
  ): Promise<void> {
    const members = await this.cases.memberIds(caseId, manager);
    if (attendeeIds.some((id) => !members.includes(id))) {
      throw new BadRequestException({
        message: 'Some details need attention.',
        fields: [{ field: 'attendeeIds', reasons: ['Choose attendees among the case’s members.'] }],
      });
    }
  }
}
