import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '@mend/audit/api';
import type { Caller } from '@mend/auth/api';
import type { Availability, AvailabilityException, SessionLengths } from '@mend/shared/contracts';
import { ClinicDb, Clock, fieldError } from '@mend/shared/server';
import { AvailabilityExceptionDto, SaveAvailabilityDto } from './appointments.dto';
import { knownTimeZone } from './slots';

/** Session lengths until a counselor sets their own. */
export const DEFAULT_LENGTHS: SessionLengths = { individual: 50, couple: 80, family: 80 };

/**
 * Each counselor's weekly availability (windows in their own time zone), session lengths and
 * exceptions. Anyone of the clinic may read it (clients' free times are made from it); only the
 * counselor changes their own.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly db: ClinicDb,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A counselor's availability with their exceptions still to come (none set: no windows). */
  async of(caller: Caller, counselorId: string): Promise<Availability> {
    return this.db.run(caller, async (tx) => {
      const [row]: { time_zone: string; rules: Availability['rules']; lengths: SessionLengths }[] =
        await tx.query(
          `SELECT time_zone, rules, lengths FROM counselor_availability WHERE counselor_id = $1`,
          [counselorId],
        );
      const exceptions: { id: string; kind: 'off' | 'extra'; starts_at: Date; ends_at: Date }[] =
        await tx.query(
          `SELECT id, kind, starts_at, ends_at FROM availability_exceptions
            WHERE counselor_id = $1 AND ends_at > $2 ORDER BY starts_at`,
          [counselorId, this.clock.now()],
        );
      return {
        timeZone: row?.time_zone ?? 'UTC',
        rules: row?.rules ?? [],
        lengths: { ...DEFAULT_LENGTHS, ...(row?.lengths ?? {}) },
        exceptions: exceptions.map(
          (e): AvailabilityException => ({
            id: e.id,
            kind: e.kind,
            startsAt: new Date(e.starts_at).toISOString(),
            endsAt: new Date(e.ends_at).toISOString(),
          }),
        ),
      };
    });
  }

  async mine(caller: Caller): Promise<Availability> {
    this.requireCounselor(caller);
    return this.of(caller, caller.id);
  }

  async save(caller: Caller, input: SaveAvailabilityDto): Promise<Availability> {
    this.requireCounselor(caller);
    if (!knownTimeZone(input.timeZone))
      throw fieldError('timeZone', 'Choose a time zone from the list, e.g. America/New_York.');
    const bad = input.rules.findIndex((r) => r.endTime <= r.startTime);
    if (bad >= 0) throw fieldError(`rules.${bad}.endTime`, 'A window ends after it starts.');
    return this.db.run(caller, async (tx) => {
      await tx.query(
        `INSERT INTO counselor_availability (clinic_id, counselor_id, time_zone, rules, lengths)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (clinic_id, counselor_id)
         DO UPDATE SET time_zone = EXCLUDED.time_zone, rules = EXCLUDED.rules,
                       lengths = EXCLUDED.lengths, updated_at = now()`,
        [
          caller.clinicId,
          caller.id,
          input.timeZone,
          JSON.stringify(
            input.rules.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })),
          ),
          JSON.stringify({
            individual: input.lengths.individual,
            couple: input.lengths.couple,
            family: input.lengths.family,
          }),
        ],
      );
      await this.audit.record(tx, caller, {
        action: 'availability.changed',
        entityType: 'user',
        entityId: caller.id,
        details: { windows: input.rules.length },
      });
      return this.of(caller, caller.id);
    });
  }

  async addException(caller: Caller, input: AvailabilityExceptionDto): Promise<Availability> {
    this.requireCounselor(caller);
    if (new Date(input.endsAt) <= new Date(input.startsAt))
      throw fieldError('endsAt', 'It ends after it starts.');
    return this.db.run(caller, async (tx) => {
      await tx.query(
        `INSERT INTO availability_exceptions (clinic_id, counselor_id, kind, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [caller.clinicId, caller.id, input.kind, input.startsAt, input.endsAt],
      );
      return this.of(caller, caller.id);
    });
  }

  async removeException(caller: Caller, id: string): Promise<Availability> {
    this.requireCounselor(caller);
    return this.db.run(caller, async (tx) => {
      const [rows]: [unknown[], number] = await tx.query(
        `DELETE FROM availability_exceptions WHERE id = $1 AND counselor_id = $2 RETURNING id`,
        [id, caller.id],
      );
      if (rows.length === 0) throw new NotFoundException('No such exception.');
      return this.of(caller, caller.id);
    });
  }

  private requireCounselor(caller: Caller): void {
    if (caller.role !== 'counselor')
      throw new ForbiddenException('Counselors set their own availability.');
  }
}
