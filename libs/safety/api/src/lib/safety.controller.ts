import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type {
  AlertView,
  CaseSafetyView,
  DraftSaved,
  MyJointWork,
  MySafetyCheck,
  SafetyCheckSummary,
  SafetyCheckView,
  SafetyCounts,
} from '@mend/shared/contracts';
import { IdParam } from '@mend/shared/server';
import { AlertsService } from './alerts/alerts.service';
import { CaseSafetyService } from './case-safety/case-safety.service';
import { SafetyChecksService } from './checks/safety-checks.service';
import {
  AcknowledgeAlertDto,
  AlertsQueryDto,
  AskAgainDto,
  CloseJointWorkDto,
  RecordInterviewDto,
  SafetySettingsDto,
  SaveSafetyCheckDto,
} from './safety.dto';

@ApiTags('safety')
@Controller()
export class SafetyController {
  constructor(
    private readonly checks: SafetyChecksService,
    private readonly caseSafety: CaseSafetyService,
    private readonly alerts: AlertsService,
  ) {}

  @Get('my/safety-checks')
  @Allow('client')
  @ApiOperation({ summary: 'The client’s own safety check-ins (open ones first)' })
  myChecks(@CurrentUser() caller: Caller): Promise<SafetyCheckSummary[]> {
    return this.checks.mine(caller);
  }

  @Get('safety-checks/:id')
  @Allow('client')
  @ApiOperation({ summary: 'One of the client’s own check-ins, with its questions' })
  check(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<MySafetyCheck> {
    return this.checks.get(caller, id);
  }

  @Put('safety-checks/:id/draft')
  @Allow('client')
  @ApiOperation({ summary: 'Autosave a check-in (a stale version answers 409)' })
  saveCheck(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveSafetyCheckDto,
  ): Promise<DraftSaved> {
    return this.checks.saveDraft(caller, id, body);
  }

  @Post('safety-checks/:id/submit')
  @Allow('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a check-in to the counselors (critical answers alert them)' })
  submitCheck(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveSafetyCheckDto,
  ): Promise<MySafetyCheck> {
    return this.checks.submit(caller, id, body);
  }

  @Get('my/joint-work')
  @Allow('client')
  @ApiOperation({ summary: 'Whether joint exercises are open in each of the client’s cases' })
  myJointWork(@CurrentUser() caller: Caller): Promise<MyJointWork[]> {
    return this.caseSafety.mine(caller);
  }

  @Get('cases/:caseId/safety')
  @Allow('counselor')
  @ApiOperation({ summary: 'The case’s safety: checks, conversations, the joint-work gate' })
  caseSafetyView(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
  ): Promise<CaseSafetyView> {
    return this.caseSafety.view(caller, caseId);
  }

  @Get('cases/:caseId/safety-checks/:checkId')
  @Allow('counselor')
  @ApiOperation({ summary: 'A member’s answered check-in (every read is audited)' })
  readCheck(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @IdParam('checkId') checkId: string,
  ): Promise<SafetyCheckView> {
    return this.caseSafety.readCheck(caller, caseId, checkId);
  }

  @Post('cases/:caseId/safety-checks')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask a member for a new safety check-in' })
  askAgain(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: AskAgainDto,
  ): Promise<CaseSafetyView> {
    return this.caseSafety.askAgain(caller, caseId, body.clientId);
  }

  @Post('cases/:caseId/safety-interviews')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an individual safety conversation with a member' })
  recordInterview(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: RecordInterviewDto,
  ): Promise<CaseSafetyView> {
    return this.caseSafety.recordInterview(caller, caseId, body);
  }

  @Post('cases/:caseId/joint-work/close')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close joint work again (every member is cleared again to reopen)' })
  closeJointWork(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: CloseJointWorkDto,
  ): Promise<CaseSafetyView> {
    return this.caseSafety.closeJointWork(caller, caseId, body.reason);
  }

  @Put('cases/:caseId/safety-settings')
  @Allow('counselor')
  @ApiOperation({ summary: 'How often each member’s check-in is asked again' })
  settings(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: SafetySettingsDto,
  ): Promise<CaseSafetyView> {
    return this.caseSafety.setRecheckWeeks(caller, caseId, body.recheckWeeks);
  }

  @Get('alerts')
  @Allow('counselor')
  @ApiOperation({ summary: 'Critical-answer alerts of the counselor’s cases' })
  alertsOf(@CurrentUser() caller: Caller, @Query() query: AlertsQueryDto): Promise<AlertView[]> {
    return this.alerts.list(caller, query);
  }

  @Post('alerts/:id/acknowledge')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alert with a follow-up note' })
  acknowledge(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AcknowledgeAlertDto,
  ): Promise<AlertView> {
    return this.alerts.acknowledge(caller, id, body.followUp);
  }

  @Get('safety/counts')
  @Allow('admin')
  @ApiOperation({ summary: 'Per counselor: check-ins waiting and alerts open over 24 hours' })
  counts(@CurrentUser() caller: Caller): Promise<SafetyCounts> {
    return this.alerts.counts(caller);
  }
}
