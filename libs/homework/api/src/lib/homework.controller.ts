import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type {
  AssignmentView,
  DraftSaved,
  GapFlag,
  HomeworkCounts,
  HomeworkDetail,
  HomeworkPage,
  ProgressView,
} from '@mend/shared/contracts';
import { IdParam, PageQueryDto } from '@mend/shared/server';
import { AssignmentsService } from './assignments.service';
import {
  AssignExerciseDto,
  FeedbackDto,
  MyHomeworkQueryDto,
  ProgressSettingsDto,
  ReopenDto,
  SaveDraftDto,
} from './homework.dto';
import { HomeworkService } from './homework.service';
import { ProgressService } from './progress.service';

@ApiTags('homework')
@Controller()
export class HomeworkController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly homework: HomeworkService,
    private readonly progress: ProgressService,
  ) {}

  @Post('cases/:caseId/assignments')
  @Allow('counselor')
  @ApiOperation({
    summary: 'Assign an exercise to one member, each member, or the members together',
  })
  assign(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: AssignExerciseDto,
  ): Promise<AssignmentView> {
    return this.assignments.assign(caller, caseId, body);
  }

  @Get('cases/:caseId/assignments')
  @Allow('counselor')
  @ApiOperation({ summary: 'The case’s assignments' })
  assignmentsOf(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
  ): Promise<AssignmentView[]> {
    return this.assignments.list(caller, caseId);
  }

  @Post('assignments/:id/stop')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a recurring assignment' })
  stop(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<AssignmentView> {
    return this.assignments.stop(caller, id);
  }

  @Delete('assignments/:id')
  @Allow('counselor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an assignment given by mistake (before anyone wrote in it)' })
  async withdraw(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<void> {
    await this.assignments.withdraw(caller, id);
  }

  @Put('cases/:caseId/progress-settings')
  @Allow('counselor')
  @ApiOperation({ summary: 'How many points apart partners’ readings flag the case' })
  progressSettings(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: ProgressSettingsDto,
  ): Promise<ProgressView> {
    return this.progress.setGapThreshold(caller, caseId, body.gapThreshold);
  }

  @Get('progress/flags')
  @Allow('counselor')
  @ApiOperation({ summary: 'Gap flags across the counselor’s open cases' })
  flags(@CurrentUser() caller: Caller): Promise<GapFlag[]> {
    return this.progress.flags(caller);
  }

  @Get('cases/:caseId/homework')
  @Allow('counselor')
  @ApiOperation({ summary: 'All homework of a case (no answers)' })
  ofCase(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Query() query: PageQueryDto,
  ): Promise<HomeworkPage> {
    return this.homework.forCase(caller, caseId, query);
  }

  @Get('cases/:caseId/progress')
  @Allow('counselor')
  @ApiOperation({ summary: 'Every member’s 0–10 answers over time, side by side' })
  caseProgress(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
  ): Promise<ProgressView> {
    return this.progress.forCase(caller, caseId);
  }

  @Get('homework/inbox')
  @Allow('counselor')
  @ApiOperation({ summary: 'Review inbox: submitted and unreviewed first, then overdue' })
  inbox(@CurrentUser() caller: Caller, @Query() query: PageQueryDto): Promise<HomeworkPage> {
    return this.homework.inbox(caller, query);
  }

  @Get('homework/mine')
  @Allow('client')
  @ApiOperation({ summary: 'My homework: due, overdue, done, or shared with me' })
  mine(@CurrentUser() caller: Caller, @Query() query: MyHomeworkQueryDto): Promise<HomeworkPage> {
    return this.homework.mine(caller, query);
  }

  @Get('homework/counts')
  @Allow('admin')
  @ApiOperation({
    summary: 'Outstanding, overdue and unreviewed homework per counselor (counts only)',
  })
  counts(@CurrentUser() caller: Caller): Promise<HomeworkCounts> {
    return this.progress.counts(caller);
  }

  @Get('progress/mine')
  @Allow('client')
  @ApiOperation({ summary: 'My own 0–10 answers over time' })
  myProgress(@CurrentUser() caller: Caller): Promise<ProgressView> {
    return this.progress.mine(caller);
  }

  @Get('homework/:id')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'One piece of homework with its form, answers and feedback' })
  detail(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<HomeworkDetail> {
    return this.homework.detail(caller, id);
  }

  @Put('homework/:id/draft')
  @Allow('client')
  @ApiOperation({ summary: 'Autosave the response (409 when it changed since the version read)' })
  saveDraft(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveDraftDto,
  ): Promise<DraftSaved> {
    return this.homework.saveDraft(caller, id, body);
  }

  @Post('homework/:id/submit')
  @Allow('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (or, together, confirm) the response' })
  submit(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveDraftDto,
  ): Promise<HomeworkDetail> {
    return this.homework.submit(caller, id, body);
  }

  @Post('homework/:id/feedback')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give written feedback on a submitted response' })
  feedback(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: FeedbackDto,
  ): Promise<HomeworkDetail> {
    return this.homework.giveFeedback(caller, id, body.body);
  }

  @Post('homework/:id/feedback/:feedbackId/reply')
  @Allow('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reply once to a piece of feedback' })
  reply(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @IdParam('feedbackId') feedbackId: string,
    @Body() body: FeedbackDto,
  ): Promise<HomeworkDetail> {
    return this.homework.reply(caller, id, feedbackId, body.body);
  }

  @Post('homework/:id/review')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a submitted response reviewed' })
  review(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<HomeworkDetail> {
    return this.homework.markReviewed(caller, id);
  }

  @Post('homework/:id/reopen')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a response for the client to revise' })
  reopen(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: ReopenDto,
  ): Promise<HomeworkDetail> {
    return this.homework.reopen(caller, id, body.reason);
  }

  @Post('homework/:id/share')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Share an individual response with the case’s other members' })
  share(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<HomeworkDetail> {
    return this.homework.setShared(caller, id, true);
  }

  @Post('homework/:id/unshare')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop sharing a response' })
  unshare(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<HomeworkDetail> {
    return this.homework.setShared(caller, id, false);
  }
}
