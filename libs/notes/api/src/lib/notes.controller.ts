import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type {
  AddendumView,
  HomeworkSince,
  NoteAccessPage,
  NoteCounts,
  NoteSaved,
  NoteView,
  SessionPage,
  SessionView,
} from '@mend/shared/contracts';
import { IdParam, PageQueryDto, safeTimeZone, StepUp } from '@mend/shared/server';
import { notePdf } from './note-pdf';
import {
  AddendumDto,
  CreateSessionDto,
  SaveAddendumDto,
  SaveNoteDto,
  SessionsQueryDto,
  SignDto,
  StartNoteDto,
  UpdateSessionDto,
} from './notes.dto';
import { NotesService } from './notes.service';
import { SessionsService } from './sessions.service';

class PdfQueryDto {
  @IsOptional()
  @MaxLength(64)
  @IsString()
  tz?: string;
}

/** Sessions of a case and their notes. */
@ApiTags('sessions and notes')
@Controller()
export class NotesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly notes: NotesService,
  ) {}

  @Post('cases/:caseId/sessions')
  @Allow('counselor')
  @ApiOperation({ summary: 'Record a session of the case' })
  record(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionView> {
    return this.sessions.record(caller, caseId, body);
  }

  @Get('cases/:caseId/sessions')
  @Allow('counselor')
  @ApiOperation({ summary: 'The sessions of a case, newest first' })
  ofCase(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Query() query: PageQueryDto,
  ): Promise<SessionPage> {
    return this.sessions.forCase(caller, caseId, query);
  }

  @Get('cases/:caseId/note-access')
  @Allow('counselor')
  @ApiOperation({ summary: 'Who read, wrote, signed or exported the case’s notes' })
  access(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Query() query: PageQueryDto,
  ): Promise<NoteAccessPage> {
    return this.notes.access(caller, caseId, query);
  }

  @Get('sessions')
  @Allow('counselor')
  @ApiOperation({ summary: 'My upcoming or recent sessions across my caseload' })
  mine(@CurrentUser() caller: Caller, @Query() query: SessionsQueryDto): Promise<SessionPage> {
    return this.sessions.mine(caller, query);
  }

  @Get('sessions/:id')
  @Allow('counselor')
  @ApiOperation({ summary: 'One session' })
  session(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<SessionView> {
    return this.sessions.get(caller, id);
  }

  @Patch('sessions/:id')
  @Allow('counselor')
  @ApiOperation({ summary: 'Change a session’s details (409 once its note is signed)' })
  updateSession(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionView> {
    return this.sessions.update(caller, id, body);
  }

  @Post('sessions/:id/note')
  @Allow('counselor')
  @ApiOperation({ summary: 'Start the session’s note (200 with the note if already started)' })
  async startNote(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: StartNoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NoteView> {
    const { note, created } = await this.notes.start(caller, id, body.format);
    reply.status(created ? 201 : 200);
    return note;
  }

  @Get('notes/counts')
  @Allow('admin')
  @ApiOperation({ summary: 'Unsigned notes per counselor and the oldest (counts only)' })
  counts(@CurrentUser() caller: Caller): Promise<NoteCounts> {
    return this.notes.counts(caller);
  }

  @Get('notes/:id')
  @Allow('counselor')
  @ApiOperation({ summary: 'A note with its addenda (the read is audited)' })
  note(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<NoteView> {
    return this.notes.read(caller, id);
  }

  @Put('notes/:id')
  @Allow('counselor')
  @ApiOperation({ summary: 'Autosave a draft note (409 when stale or signed)' })
  save(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveNoteDto,
  ): Promise<NoteSaved> {
    return this.notes.save(caller, id, body);
  }

  @Post('notes/:id/sign')
  @Allow('counselor')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign and lock the note (409 while its session is not over)' })
  sign(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SignDto,
  ): Promise<NoteView> {
    return this.notes.sign(caller, id, body.version);
  }

  @Post('notes/:id/addenda')
  @Allow('counselor')
  @ApiOperation({ summary: 'Start an addendum to a signed note' })
  addAddendum(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AddendumDto,
  ): Promise<AddendumView> {
    return this.notes.addAddendum(caller, id, body.text);
  }

  @Put('notes/:id/addenda/:addendumId')
  @Allow('counselor')
  @ApiOperation({ summary: 'Autosave a draft addendum' })
  saveAddendum(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @IdParam('addendumId') addendumId: string,
    @Body() body: SaveAddendumDto,
  ): Promise<NoteSaved> {
    return this.notes.saveAddendum(caller, id, addendumId, body);
  }

  @Post('notes/:id/addenda/:addendumId/sign')
  @Allow('counselor')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign and lock an addendum' })
  signAddendum(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @IdParam('addendumId') addendumId: string,
    @Body() body: SignDto,
  ): Promise<AddendumView> {
    return this.notes.signAddendum(caller, id, addendumId, body.version);
  }

  @Get('notes/:id/homework-since')
  @Allow('counselor')
  @ApiOperation({ summary: 'Homework submitted in the case since the previous session' })
  homeworkSince(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<HomeworkSince> {
    return this.notes.homeworkSince(caller, id);
  }

  @Get('notes/:id/pdf')
  @Allow('counselor')
  @StepUp()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The signed note and its addenda as a PDF (the export is audited)' })
  async pdf(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Query() query: PdfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { note, clinicName, exportedBy } = await this.notes.forExport(caller, id);
    const file = await notePdf(note, { clinicName, exportedBy, timeZone: safeTimeZone(query.tz) });
    const day = note.session.startsAt.slice(0, 10);
    reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="note-${day}-${note.id.slice(0, 8)}.pdf"`,
      )
      .header('cache-control', 'no-store');
    return file;
  }
}
