import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { CounselorOpenCase, UserSummary } from '@mend/shared/contracts';
import { AuditService } from '@mend/audit/api';
import { Caller, People, UsersService } from '@mend/auth/api';
import { Allow, ClinicDb, CurrentUser, fieldError, IdParam, StepUp } from '@mend/shared/server';

export class DisableCounselorDto {
  @ApiPropertyOptional({ description: 'The counselor who takes over the open cases' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a counselor from the list.' })
  reassignTo?: string;
}

/**
 * A counselor leaving: their open cases, and disabling them with those cases handed to another
 * counselor in the same transaction, so no open case is left behind without anyone noticing.
 */
@Injectable()
export class CounselorHandover {
  constructor(
    private readonly db: ClinicDb,
    private readonly people: People,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async openCases(caller: Caller, counselorId: string): Promise<CounselorOpenCase[]> {
    return this.db.run(caller, async (tx) => {
      await this.requireCounselor(caller, counselorId);
      const rows: { id: string; title: string; others: string[] }[] = await tx.query(
        `SELECT c.id, c.title,
                ARRAY(SELECT o.user_id::text FROM case_counselors o
                       WHERE o.case_id = c.id AND o.user_id <> $1) AS others
           FROM cases c JOIN case_counselors k ON k.case_id = c.id AND k.clinic_id = c.clinic_id
          WHERE k.user_id = $1 AND c.clinic_id = $2 AND c.status = 'open'
          ORDER BY c.title, c.id`,
        [counselorId, caller.clinicId],
      );
      // A counselor disabled without handing over stays on their cases but counsels no one:
      // only active and invited ones count, so 0 still means the case would be left alone.
      const others = await this.people.profiles(caller, [
        ...new Set(rows.flatMap((r) => r.others)),
      ]);
      const counsel = new Set(others.filter((p) => p.status !== 'disabled').map((p) => p.id));
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        otherCounselors: r.others.filter((id) => counsel.has(id)).length,
      }));
    });
  }

  async disable(caller: Caller, counselorId: string, reassignTo?: string): Promise<UserSummary> {
    if (reassignTo === counselorId)
      throw fieldError('reassignTo', 'Choose another counselor to take over the cases.');
    return this.db.run(caller, async (tx) => {
      await this.requireCounselor(caller, counselorId);
      if (reassignTo) {
        const [next] = await this.people.profiles(caller, [reassignTo]);
        if (!next || next.role !== 'counselor' || next.status === 'disabled')
          throw fieldError('reassignTo', 'Choose an active or invited counselor of your clinic.');
        const cases = await this.openCases(caller, counselorId);
        for (const c of cases) await this.handOver(tx, caller, c.id, counselorId, reassignTo);
      }
      // Joins this transaction: the hand-over and the disabling land together or not at all.
      return this.users.setStatus(caller, counselorId, 'disabled');
    });
  }

  private async handOver(
    tx: import('typeorm').EntityManager,
    caller: Caller,
    caseId: string,
    from: string,
    to: string,
  ): Promise<void> {
    const rows: { user_id: string; role: 'primary' | 'co' }[] = await tx.query(
      `SELECT user_id, role FROM case_counselors WHERE case_id = $1 AND clinic_id = $2`,
      [caseId, caller.clinicId],
    );
    const leaving = rows.find((r) => r.user_id === from);
    if (!leaving) return;
    const staying = rows.find((r) => r.user_id === to);
    await tx.query(`DELETE FROM case_counselors WHERE case_id = $1 AND user_id = $2`, [
      caseId,
      from,
    ]);
    if (staying) {
      if (leaving.role === 'primary') {
        await tx.query(
          `UPDATE case_counselors SET role = 'primary' WHERE case_id = $1 AND user_id = $2`,
          [caseId, to],
        );
      }
    } else {
      await tx.query(
        `INSERT INTO case_counselors (clinic_id, case_id, user_id, role) VALUES ($1, $2, $3, $4)`,
        [caller.clinicId, caseId, to, leaving.role],
      );
    }
    const after = rows.filter((r) => r.user_id !== from && r.user_id !== to);
    const primaryAfter =
      leaving.role === 'primary' || staying?.role === 'primary'
        ? to
        : (after.find((r) => r.role === 'primary')?.user_id ?? null);
    await this.audit.record(tx, caller, {
      action: 'case.counselors_assigned',
      entityType: 'case',
      entityId: caseId,
      details: {
        reason: 'Counselor disabled; their cases were handed over',
        before: {
          primary: rows.find((r) => r.role === 'primary')?.user_id ?? null,
          co: rows.filter((r) => r.role === 'co').map((r) => r.user_id),
        },
        after: {
          primary: primaryAfter,
          co: [
            ...after.filter((r) => r.role === 'co').map((r) => r.user_id),
            ...(primaryAfter === to ? [] : [to]),
          ],
        },
      },
    });
  }

  private async requireCounselor(caller: Caller, id: string): Promise<void> {
    const [person] = await this.people.profiles(caller, [id]);
    if (!person || person.role !== 'counselor')
      throw new NotFoundException('No such counselor in your clinic.');
  }
}

@ApiTags('cases')
@Controller('counselors')
export class CounselorsController {
  constructor(private readonly handover: CounselorHandover) {}

  @Get(':id/open-cases')
  @Allow('admin')
  @ApiOperation({ summary: 'A counselor’s open cases (before disabling them)' })
  openCases(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<CounselorOpenCase[]> {
    return this.handover.openCases(caller, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Allow('admin')
  @StepUp()
  @ApiOperation({
    summary: 'Disable a counselor, handing their open cases to another in the same step',
  })
  disable(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: DisableCounselorDto,
  ): Promise<UserSummary> {
    return this.handover.disable(caller, id, body.reassignTo);
  }
}
