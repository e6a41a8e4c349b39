import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { audienceRule, CaseAccess, refuseAdmins } from '@mend/caseload/api';
import type { CaseRef } from '@mend/caseload/api';
import { SessionsService } from '@mend/notes/api';
import { NewNotification, Notifier } from '@mend/notifications/api';
import { JOINT_WORK_WAITING, JointWork } from '@mend/safety/api';
import type {
  AppointmentAction,
  AppointmentAudience,
  AppointmentScope,
  AppointmentSlots,
  AppointmentState,
  AppointmentView,
  Person,
  SessionLengths,
  SessionMode,
  SessionType,
} from '@mend/shared/contracts';
import {
  CalendarEntry,
  calendarSequence,
  ClinicDb,
  Clock,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
} from '@mend/shared/server';
import { AvailabilityService } from './availability.service';
import { RequestAppointmentDto, SlotsQueryDto } from './appointments.dto';
import { freeSlots, Interval } from './slots';

const NOT_FOUND = 'No such appointment.';
const NO_LONGER_FREE =
  'That time is no longer free. Please choose another one; the list has been refreshed.';
const CLASHES = 'You have another session or appointment at that time. Choose another one.';
const CASE_CLOSED = 'This case is closed: appointments can be read, not requested or changed.';
/** How far ahead clients may book, and the least notice a request gives. */
const HORIZON_DAYS = 90;
const MIN_NOTICE_HOURS = 12;

interface AppointmentRow {
  id: string;
  case_id: string;
  counselor_id: string;
  audience: AppointmentAudience;
  client_id: string | null;
  type: SessionType;
  mode: SessionMode;
  state: AppointmentState;
  starts_at: Date;
  duration_minutes: number;
  proposed_starts_at: Date | null;
  note_enc: string | null;
  requested_by_id: string;
  created_at: Date;
  session_id: string | null;
  version: number;
}

interface ChangeRow {
  appointment_id: string;
  action: AppointmentAction;
  actor_id: string;
  starts_at: Date | null;
  reason_enc: string | null;
  at: Date;
  id: string;
}

const SELECT = `SELECT a.id, a.case_id, a.counselor_id, a.audience, a.client_id, a.type, a.mode, a.state,
       a.starts_at, a.duration_minutes, a.proposed_starts_at, a.note_enc, a.requested_by_id,
       a.created_at, a.session_id, a.version
  FROM appointments a`;

/**
 * Appointments: a client asks for one of their counselor's free times (their own, or a joint one
 * while joint work is open); the counselor accepts (it becomes an upcoming session), proposes
 * another time or declines with a reason; either side may cancel, the counselor may move it.
 * Every step is kept in the history and audited; the people it is for hear of it with a calendar
 * file. An individual appointment never reaches the other partner, not even as a busy time.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly caseAccess: CaseAccess,
    private readonly jointWork: JointWork,
    private readonly people: People,
    private readonly sessions: SessionsService,
    private readonly availability: AvailabilityService,
    private readonly notifier: Notifier,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The case counselor's free times for the audience, from `from` (a date in their zone). */
  async slots(caller: Caller, caseId: string, query: SlotsQueryDto): Promise<AppointmentSlots> {
    refuseAdmins(caller.role, 'Appointments');
    return this.db.run(caller, async (tx) => {
      const kase = await this.caseAccess.require(caller, caseId, 'see');
      const counselorId = await this.primaryCounselor(caller, caseId);
      const jointReason = await this.jointRefusal(caller, kase);
      const { slots, timeZone, durationMinutes, type } = await this.free(
        tx,
        caller,
        kase,
        counselorId,
        query.audience,
        query.from,
        query.days,
      );
      const person = await this.people.lookup(caller, [counselorId]);
      return {
        counselor: person(counselorId) ?? { userId: counselorId, displayName: '' },
        timeZone,
        durationMinutes,
        type,
        slots: query.audience === 'joint' && jointReason ? [] : slots.map((s) => s.toISOString()),
        jointAllowed: jointReason === null,
        jointReason,
      };
    });
  }

  /** A client asks for a free time; a retry with the same `clientKey` answers the same request. */
  async request(
    caller: Caller,
    caseId: string,
    input: RequestAppointmentDto,
  ): Promise<{ view: AppointmentView; created: boolean }> {
    if (caller.role !== 'client')
      throw new ForbiddenException(
        'Clients ask for appointments; counselors record sessions or answer requests.',
      );
    return this.db.run(caller, async (tx) => {
      const kase = await this.caseAccess.require(caller, caseId, 'see');
      const [again]: { id: string }[] = await tx.query(
        `SELECT id FROM appointments WHERE clinic_id = $1 AND requested_by_id = $2 AND client_key = $3`,
        [caller.clinicId, caller.id, input.clientKey],
      );
      if (again)
        return {
          view: await this.view(tx, caller, await this.load(tx, caller, again.id)),
          created: false,
        };
      if (kase.status !== 'open') throw new ConflictException(CASE_CLOSED);
      if (input.audience === 'joint') {
        if (kase.type === 'individual')
          throw fieldError('audience', 'An individual case has individual appointments only.');
        await this.jointWork.require(caller, caseId);
      }
      const counselorId = await this.primaryCounselor(caller, caseId);
      await this.lockCounselor(tx, counselorId);
      const startsAt = new Date(input.startsAt);
      const { timeZone } = await this.availability.of(caller, counselorId);
      const day = DateTime.fromJSDate(startsAt).setZone(timeZone).toISODate() ?? '';
      const { slots, durationMinutes, type } = await this.free(
        tx,
        caller,
        kase,
        counselorId,
        input.audience,
        day,
        1,
      );
      if (!slots.some((s) => s.getTime() === startsAt.getTime()))
        throw new ConflictException(NO_LONGER_FREE);
      const id = randomUUID();
      await tx.query(
        `INSERT INTO appointments (id, clinic_id, case_id, counselor_id, audience, client_id, type, mode,
                starts_at, duration_minutes, note_enc, requested_by_id, client_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          caller.clinicId,
          caseId,
          counselorId,
          input.audience,
          input.audience === 'individual' ? caller.id : null,
          type,
          input.mode,
          startsAt,
          durationMinutes,
          input.note
            ? this.encryption.encrypt(input.note, encryptionContext('appointments', 'note_enc', id))
            : null,
          caller.id,
          input.clientKey,
        ],
      );
      const row = await this.load(tx, caller, id);
      await this.record(tx, caller, row, 'requested', startsAt, null);
      await this.tell(tx, caller, row, 'requested', startsAt);
      return { view: await this.view(tx, caller, row), created: true };
    });
  }

  /** The caller's appointments: upcoming (accepted), waiting for an answer, or past. */
  async list(caller: Caller, scope: AppointmentScope): Promise<AppointmentView[]> {
    refuseAdmins(caller.role, 'Appointments');
    return this.db.run(caller, async (tx) => {
      const cases = await this.caseAccess.cases(caller);
      const now = this.clock.now();
      const where = {
        upcoming: `a.state = 'accepted' AND a.starts_at + make_interval(mins => a.duration_minutes) > $3`,
        waiting: `a.state IN ('requested', 'proposed') AND CAST($3 AS timestamptz) IS NOT NULL`,
        past: `(a.state = 'accepted' AND a.starts_at + make_interval(mins => a.duration_minutes) <= $3)
               OR a.state IN ('declined', 'cancelled')`,
      }[scope];
      const rows: AppointmentRow[] = await tx.query(
        `${SELECT} WHERE a.case_id = ANY($2::uuid[]) AND ${audienceRule(caller.role, 'a', '$1')} AND (${where})
          ORDER BY a.starts_at ${scope === 'past' ? 'DESC' : 'ASC'}, a.id LIMIT 100`,
        [caller.id, cases.map((c) => c.id), now],
      );
      return this.views(tx, caller, rows, cases);
    });
  }

  async get(caller: Caller, id: string): Promise<AppointmentView> {
    refuseAdmins(caller.role, 'Appointments');
    return this.db.run(caller, async (tx) =>
      this.view(tx, caller, await this.load(tx, caller, id)),
    );
  }

  /** The counselor accepts a request: it becomes an upcoming session. Accepting twice is harmless. */
  async accept(caller: Caller, id: string): Promise<AppointmentView> {
    this.requireCounselor(caller);
    return this.db.run(caller, async (tx) => {
      const row = await this.load(tx, caller, id, true);
      if (row.state === 'accepted') return this.view(tx, caller, row);
      this.requireState(row, ['requested']);
      await this.requireOpen(caller, row);
      await this.move(tx, row, { state: 'accepted' });
      await this.record(tx, caller, row, 'accepted', row.starts_at, null);
      await this.materialize(tx, caller, id);
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  /** The counselor proposes another time; the client accepts it or asks for another. */
  async propose(caller: Caller, id: string, startsAt: string): Promise<AppointmentView> {
    this.requireCounselor(caller);
    return this.db.run(caller, async (tx) => {
      const row = await this.load(tx, caller, id, true);
      this.requireState(row, ['requested', 'proposed']);
      await this.requireOpen(caller, row);
      const when = this.future(startsAt);
      await this.requireClear(tx, row, when);
      await this.move(tx, row, { state: 'proposed', proposed_starts_at: when });
      await this.record(tx, caller, row, 'proposed', when, null);
      await this.tell(tx, caller, row, 'proposed', when);
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  /**
   * A member accepts the counselor's proposed time. The counselor already offered it, so their
   * session is recorded on their behalf, in the same transaction: the acceptance and the session
   * land together or not at all.
   */
  async acceptProposal(caller: Caller, id: string): Promise<AppointmentView> {
    if (caller.role !== 'client')
      throw new ForbiddenException('The member it is for accepts a proposed time.');
    return this.db.run(caller, async (tx) => {
      const found = await this.load(tx, caller, id, true);
      if (found.state !== 'accepted') {
        this.requireState(found, ['proposed']);
        await this.requireOpen(caller, found);
        const when = found.proposed_starts_at as Date;
        await this.move(tx, found, {
          state: 'accepted',
          starts_at: when,
          proposed_starts_at: null,
        });
        await this.record(tx, caller, found, 'accepted', when, null);
        await this.tell(tx, caller, found, 'accepted', when);
        const counselor = this.onBehalfOf(caller, found);
        await this.db.actAs(tx, counselor, (asCounselor) =>
          this.materialize(asCounselor, counselor, id),
        );
      }
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  /** The counselor declines a request (with a reason), or a member declines a proposed time. */
  async decline(caller: Caller, id: string, reason: string): Promise<AppointmentView> {
    refuseAdmins(caller.role, 'Appointments');
    return this.db.run(caller, async (tx) => {
      const row = await this.load(tx, caller, id, true);
      if (row.state === 'declined') return this.view(tx, caller, row);
      this.requireState(
        row,
        caller.role === 'counselor' ? ['requested', 'proposed'] : ['proposed'],
      );
      if (caller.role === 'counselor' && reason === '')
        throw fieldError('reason', 'Say why, in a few words the client will read.');
      await this.move(tx, row, { state: 'declined' });
      await this.record(tx, caller, row, 'declined', null, reason || null);
      await this.tell(tx, caller, row, 'declined', null);
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  /**
   * Either side calls it off; an accepted appointment's session leaves the calendar with it, in
   * the same transaction (unless its note was started: the note is the record).
   */
  async cancel(caller: Caller, id: string, reason: string): Promise<AppointmentView> {
    refuseAdmins(caller.role, 'Appointments');
    return this.db.run(caller, async (tx) => {
      const found = await this.load(tx, caller, id, true);
      if (found.state !== 'cancelled') {
        this.requireState(found, ['requested', 'proposed', 'accepted']);
        await this.move(tx, found, { state: 'cancelled' });
        await this.record(tx, caller, found, 'cancelled', null, reason || null);
        await this.tell(tx, caller, found, 'cancelled', null);
        const sessionId = found.session_id;
        if (sessionId) {
          const counselor = caller.role === 'counselor' ? caller : this.onBehalfOf(caller, found);
          await this.db.actAs(tx, counselor, () =>
            // A session its counselor no longer reaches (they left the case) stays for the clinic.
            this.sessions.cancel(counselor, sessionId).catch((error: unknown) => {
              if (error instanceof NotFoundException) return false;
              throw error;
            }),
          );
        }
      }
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  /** The counselor moves an accepted appointment (and its session) to another time. */
  async reschedule(caller: Caller, id: string, startsAt: string): Promise<AppointmentView> {
    this.requireCounselor(caller);
    return this.db.run(caller, async (tx) => {
      const row = await this.load(tx, caller, id, true);
      this.requireState(row, ['accepted']);
      await this.requireOpen(caller, row);
      const when = this.future(startsAt);
      await this.requireClear(tx, row, when);
      await this.move(tx, row, { starts_at: when });
      if (row.session_id)
        await this.sessions.update(caller, row.session_id, { startsAt: when.toISOString() });
      await this.record(tx, caller, row, 'rescheduled', when, null);
      await this.tell(tx, caller, { ...row, starts_at: when }, 'rescheduled', when);
      return this.view(tx, caller, await this.load(tx, caller, id));
    });
  }

  // --- building blocks ---------------------------------------------------------------------

  private requireCounselor(caller: Caller): void {
    if (caller.role !== 'counselor')
      throw new ForbiddenException('Only the counselor answers or moves an appointment.');
  }

  private requireState(row: AppointmentRow, allowed: AppointmentState[]): void {
    if (!allowed.includes(row.state))
      throw new ConflictException(
        `This appointment is ${row.state} already; reload to see where it stands.`,
      );
  }

  private async requireOpen(caller: Caller, row: AppointmentRow): Promise<void> {
    const kase = await this.caseAccess.require(caller, row.case_id, 'see');
    if (kase.status !== 'open') throw new ConflictException(CASE_CLOSED);
    if (row.audience === 'joint') await this.jointWork.require(caller, row.case_id);
  }

  private future(startsAt: string): Date {
    const when = new Date(startsAt);
    const now = this.clock.now().getTime();
    if (when.getTime() <= now) throw fieldError('startsAt', 'Choose a time in the future.');
    if (when.getTime() > now + HORIZON_DAYS * 4 * 86_400_000)
      throw fieldError('startsAt', 'Choose a time within the next year.');
    return when;
  }

  /**
   * One change of a counselor's times at a time (a request, an offer, a move), held to the end
   * of the transaction: two cannot take the same free time.
   */
  private async lockCounselor(tx: EntityManager, counselorId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('appointments:' || $1))`, [counselorId]);
  }

  /**
   * A time the counselor offers or moves to may lie outside their weekly hours (theirs to
   * choose), never on another of their sessions or appointments. The appointment's own time
   * does not count against it, so a move by half an hour is fine.
   */
  private async requireClear(tx: EntityManager, row: AppointmentRow, when: Date): Promise<void> {
    await this.lockCounselor(tx, row.counselor_id);
    const ends = new Date(when.getTime() + row.duration_minutes * 60_000);
    const own = new Date(row.proposed_starts_at ?? row.starts_at).getTime();
    const busy: { starts_at: Date; ends_at: Date }[] = await tx.query(
      `SELECT starts_at, ends_at FROM mend_counselor_busy($1, $2, $3)`,
      [row.counselor_id, when, ends],
    );
    const isOwn = (b: { starts_at: Date; ends_at: Date }) =>
      new Date(b.starts_at).getTime() === own &&
      new Date(b.ends_at).getTime() - own === row.duration_minutes * 60_000;
    if (busy.some((b) => !isOwn(b))) throw new ConflictException(CLASHES);
  }

  /** The counselor an appointment is with, acting in a step a member's action implies. */
  private onBehalfOf(caller: Caller, row: AppointmentRow): Caller {
    return {
      id: row.counselor_id,
      role: 'counselor',
      clinicId: caller.clinicId,
      sessionId: caller.sessionId,
      ip: caller.ip,
    };
  }

  private async primaryCounselor(caller: Caller, caseId: string): Promise<string> {
    const counselors = (await this.caseAccess.peopleOf(caller, [caseId])).get(caseId)?.counselors;
    if (!counselors?.length)
      throw new ConflictException('This case has no counselor yet: ask the clinic to assign one.');
    return counselors[0];
  }

  private async jointRefusal(
    caller: Caller,
    kase: CaseRef | { id: string; type: string; status: string },
  ): Promise<string | null> {
    if (kase.type === 'individual') return 'An individual case has individual appointments only.';
    if (kase.status !== 'open') return CASE_CLOSED;
    if (!(await this.jointWork.isOpen(caller, kase.id)))
      return caller.role === 'counselor'
        ? 'Joint work is not open for this case yet; the Safety tab shows who is missing.'
        : JOINT_WORK_WAITING;
    return null;
  }

  /** The counselor's free start times for the audience over `days` days from `from`. */
  private async free(
    tx: EntityManager,
    caller: Caller,
    kase: { type: string },
    counselorId: string,
    audienceOf: AppointmentAudience,
    from: string | undefined,
    days: number,
  ): Promise<{ slots: Date[]; timeZone: string; durationMinutes: number; type: SessionType }> {
    const availability = await this.availability.of(caller, counselorId);
    const type: SessionType =
      audienceOf === 'individual' ? 'individual' : (kase.type as SessionType);
    const durationMinutes = (availability.lengths as SessionLengths)[type];
    const now = this.clock.now();
    const today = DateTime.fromJSDate(now).setZone(availability.timeZone).startOf('day');
    const first = from ? DateTime.fromISO(from, { zone: availability.timeZone }) : today;
    const last = DateTime.min(first.plus({ days }), today.plus({ days: HORIZON_DAYS }));
    const span = Math.max(0, Math.round(last.diff(first, 'days').days));
    if (!first.isValid || span === 0)
      return { slots: [], timeZone: availability.timeZone, durationMinutes, type };
    const range = { start: first.toJSDate(), end: last.plus({ days: 1 }).toJSDate() };
    const busy: { starts_at: Date; ends_at: Date }[] = await tx.query(
      `SELECT starts_at, ends_at FROM mend_counselor_busy($1, $2, $3)`,
      [counselorId, range.start, range.end],
    );
    const exceptions = availability.exceptions.map((e) => ({
      kind: e.kind,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
    }));
    const slots = freeSlots({
      rules: availability.rules,
      timeZone: availability.timeZone,
      from: first.toISODate() ?? '',
      days: span,
      durationMinutes,
      extra: exceptions.filter((e) => e.kind === 'extra'),
      off: exceptions.filter((e) => e.kind === 'off'),
      busy: busy.map((b): Interval => ({ start: new Date(b.starts_at), end: new Date(b.ends_at) })),
      notBefore: new Date(now.getTime() + MIN_NOTICE_HOURS * 3_600_000),
    });
    return { slots, timeZone: availability.timeZone, durationMinutes, type };
  }

  /** The appointment if the caller may see it (404 otherwise); `lock` holds it for a step. */
  private async load(
    tx: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<AppointmentRow> {
    const [row]: AppointmentRow[] = await tx.query(
      `${SELECT} WHERE a.id = $2 AND ${audienceRule(caller.role, 'a', '$1')} ${lock ? 'FOR UPDATE' : ''}`,
      [caller.id, id],
    );
    if (!row || !(await this.caseAccess.reaches(caller, row.case_id, 'see')))
      throw new NotFoundException(NOT_FOUND);
    return row;
  }

  /** Changes the appointment in place, checking nobody moved it meanwhile (409 otherwise). */
  private async move(
    tx: EntityManager,
    row: AppointmentRow,
    change: Partial<Pick<AppointmentRow, 'state' | 'starts_at' | 'proposed_starts_at'>>,
  ): Promise<void> {
    const [updated]: [unknown[], number] = await tx.query(
      `UPDATE appointments SET state = coalesce($3, state), starts_at = coalesce($4, starts_at),
              proposed_starts_at = CASE WHEN $5 THEN $6::timestamptz ELSE proposed_starts_at END,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING id`,
      [
        row.id,
        row.version,
        change.state ?? null,
        change.starts_at ?? null,
        'proposed_starts_at' in change,
        change.proposed_starts_at ?? null,
      ],
    );
    if (updated.length === 0)
      throw new ConflictException('This appointment changed meanwhile. Reload to see it.');
  }

  private async record(
    tx: EntityManager,
    caller: Caller,
    row: AppointmentRow,
    action: AppointmentAction,
    startsAt: Date | null,
    reason: string | null,
  ): Promise<void> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO appointment_changes (id, clinic_id, case_id, appointment_id, action, actor_id, starts_at, reason_enc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        caller.clinicId,
        row.case_id,
        row.id,
        action,
        caller.id,
        startsAt,
        reason
          ? this.encryption.encrypt(
              reason,
              encryptionContext('appointment_changes', 'reason_enc', id),
            )
          : null,
      ],
    );
    await this.audit.record(tx, caller, {
      action: `appointment.${action}`,
      entityType: 'appointment',
      entityId: row.id,
      details: { caseId: row.case_id, audience: row.audience },
    });
  }

  /**
   * Records the session of an accepted appointment that has none yet, as its counselor, and
   * sends the people it is for the confirmation with its calendar file.
   */
  private async materialize(tx: EntityManager, counselor: Caller, id: string): Promise<void> {
    const [row]: AppointmentRow[] = await tx.query(
      `${SELECT} WHERE a.id = $1 AND a.state = 'accepted' AND a.session_id IS NULL FOR UPDATE`,
      [id],
    );
    if (!row) return;
    const attendees = await this.clientsOf(counselor, row);
    const session = await this.sessions.record(counselor, row.case_id, {
      startsAt: new Date(row.starts_at).toISOString(),
      durationMinutes: row.duration_minutes,
      type: row.type,
      mode: row.mode,
      attendeeIds: attendees,
    });
    await tx.query(`UPDATE appointments SET session_id = $2 WHERE id = $1`, [id, session.id]);
    await this.tell(tx, counselor, { ...row, session_id: session.id }, 'accepted', row.starts_at);
  }

  /** The member(s) an appointment is for. */
  private async clientsOf(caller: Caller, row: AppointmentRow): Promise<string[]> {
    if (row.audience === 'individual') return [row.client_id as string];
    return this.caseAccess.memberIds(caller, row.case_id);
  }

  /**
   * Tells everyone the appointment is for, except the one who acted: the counselor of a request,
   * the member(s) of an answer. A confirmed, moved or cancelled one carries its calendar entry.
   */
  private async tell(
    tx: EntityManager,
    caller: Caller,
    row: AppointmentRow,
    action: AppointmentAction,
    startsAt: Date | null,
  ): Promise<void> {
    const everyone = [row.counselor_id, ...(await this.clientsOf(caller, row))];
    const recipients = everyone.filter((id) => id !== caller.id);
    if (recipients.length === 0) return;
    const zones = await this.notifier.timeZones(tx, recipients);
    const me = await this.people.lookup(caller, [caller.id]);
    const name = me(caller.id)?.displayName ?? 'Someone';
    const calendar: CalendarEntry | undefined =
      row.session_id && ['accepted', 'rescheduled', 'cancelled'].includes(action)
        ? {
            uid: `session-${row.session_id}@mend`,
            sequence: calendarSequence(this.clock.now()),
            startsAt: new Date(row.starts_at),
            endsAt: new Date(new Date(row.starts_at).getTime() + row.duration_minutes * 60_000),
            cancelled: action === 'cancelled',
          }
        : undefined;
    const items: NewNotification[] = recipients.map((userId) => {
      const at = startsAt ? formatTime(startsAt, zones.get(userId) ?? 'UTC') : '';
      const text = {
        requested: `${name} asked for an appointment on ${at}.`,
        proposed: `${name} proposed another time: ${at}.`,
        accepted: `Your appointment on ${at} is confirmed.`,
        declined: `${name} could not take the appointment you asked for.`,
        cancelled: `${name} cancelled an appointment.`,
        rescheduled: `${name} moved your appointment to ${at}.`,
      }[action];
      return {
        userId,
        kind: 'appointment_changed',
        link: `/appointments/${row.id}`,
        text,
        calendar,
      };
    });
    await this.notifier.notify(tx, caller.clinicId, items);
  }

  private async views(
    tx: EntityManager,
    caller: Caller,
    rows: AppointmentRow[],
    cases: Pick<CaseRef, 'id' | 'title'>[],
  ): Promise<AppointmentView[]> {
    if (rows.length === 0) return [];
    const titles = new Map(cases.map((c) => [c.id, c.title]));
    const changes: ChangeRow[] = await tx.query(
      `SELECT id, appointment_id, action, actor_id, starts_at, reason_enc, at FROM appointment_changes
        WHERE appointment_id = ANY($1::uuid[]) ORDER BY at, id`,
      [rows.map((r) => r.id)],
    );
    const people = await this.caseAccess.peopleOf(
      caller,
      rows.map((r) => r.case_id),
    );
    const person = await this.people.lookup(caller, [
      ...rows.flatMap((r) => [r.counselor_id, r.client_id, r.requested_by_id]),
      ...[...people.values()].flatMap((p) => p.members),
      ...changes.map((c) => c.actor_id),
    ]);
    const known = (id: string): Person => person(id) ?? { userId: id, displayName: '' };
    const counselor = caller.role === 'counselor';
    return rows.map((r) => {
      const members =
        r.audience === 'individual'
          ? [r.client_id as string]
          : (people.get(r.case_id)?.members ?? []);
      const mine = !counselor && (r.audience === 'joint' || r.client_id === caller.id);
      return {
        id: r.id,
        caseId: r.case_id,
        caseTitle: titles.get(r.case_id) ?? '',
        audience: r.audience,
        client: r.client_id ? known(r.client_id) : null,
        attendees: [known(r.counselor_id), ...members.map(known)],
        counselor: known(r.counselor_id),
        state: r.state,
        startsAt: new Date(r.starts_at).toISOString(),
        durationMinutes: r.duration_minutes,
        type: r.type,
        mode: r.mode,
        proposedStartsAt: r.proposed_starts_at
          ? new Date(r.proposed_starts_at).toISOString()
          : null,
        note: r.note_enc
          ? this.encryption.decrypt(r.note_enc, encryptionContext('appointments', 'note_enc', r.id))
          : null,
        requestedBy: known(r.requested_by_id),
        requestedAt: new Date(r.created_at).toISOString(),
        sessionId: counselor ? r.session_id : null,
        history: changes
          .filter((c) => c.appointment_id === r.id)
          .map((c) => ({
            action: c.action,
            at: new Date(c.at).toISOString(),
            by: known(c.actor_id),
            startsAt: c.starts_at ? new Date(c.starts_at).toISOString() : null,
            reason: c.reason_enc
              ? this.encryption.decrypt(
                  c.reason_enc,
                  encryptionContext('appointment_changes', 'reason_enc', c.id),
                )
              : null,
          })),
        can: {
          accept: counselor && r.state === 'requested',
          propose: counselor && (r.state === 'requested' || r.state === 'proposed'),
          decline:
            (counselor && (r.state === 'requested' || r.state === 'proposed')) ||
            (mine && r.state === 'proposed'),
          acceptProposal: mine && r.state === 'proposed',
          cancel: (counselor || mine) && ['requested', 'proposed', 'accepted'].includes(r.state),
          reschedule: counselor && r.state === 'accepted',
        },
      };
    });
  }

  private async view(
    tx: EntityManager,
    caller: Caller,
    row: AppointmentRow,
  ): Promise<AppointmentView> {
    const titles = await this.caseAccess.titles(caller, [row.case_id]);
    const [view] = await this.views(
      tx,
      caller,
      [row],
      [{ id: row.case_id, title: titles.get(row.case_id) ?? '' }],
    );
    return view;
  }
}

/** "Monday 15 March at 09:00 (America/New_York)", in the reader's time zone. */
export function formatTime(instant: Date, zone: string): string {
  const at = DateTime.fromJSDate(instant).setZone(zone);
  return `${at.setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm")} (${zone})`;
}
