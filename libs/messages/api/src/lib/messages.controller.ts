import {
  BeforeApplicationShutdown,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Logger,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type {
  ClinicMessagingSettings,
  MessageCounts,
  MessageDraft,
  MessagePage,
  MessageView,
  QuoteRequestView,
  ReplyTimes,
  ThreadOptions,
  ThreadPage,
  ThreadView,
  UnreadMessages,
} from '@mend/shared/contracts';
import { IdParam, LiveEvents } from '@mend/shared/server';
import {
  AnswerQuoteDto,
  ClinicMessagingDto,
  ListThreadsQueryDto,
  MarkReadDto,
  MessagePageQueryDto,
  QuoteRequestDto,
  ReplyTimesDto,
  SaveMessageDraftDto,
  SendMessageDto,
  StartThreadDto,
} from './messages.dto';
import { forCaller } from './message-events';
import { MessagesService } from './messages.service';
import { MessagingSettings } from './messaging-settings';

const HEARTBEAT_MS = 25_000;
/** A stream ends after this long; the browser reconnects, and the session is checked again. */
const STREAM_MS = 15 * 60_000;

/** Conversations between a case's counselors and its members. */
@ApiTags('messages')
@Controller()
export class MessagesController implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagesController.name);
  /** Open event streams, ended when the process stops (else closing would wait for them). */
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly messages: MessagesService,
    private readonly settings: MessagingSettings,
    private readonly live: LiveEvents,
  ) {}

  @Get('threads')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'The caller’s conversations, most recently active first' })
  list(@CurrentUser() caller: Caller, @Query() query: ListThreadsQueryDto): Promise<ThreadPage> {
    return this.messages.list(caller, query);
  }

  @Get('cases/:caseId/thread-options')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Which conversations the caller may start in the case now' })
  options(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
  ): Promise<ThreadOptions> {
    return this.messages.options(caller, caseId);
  }

  @Post('cases/:caseId/threads')
  @Allow('counselor', 'client')
  @ApiOperation({
    summary: 'Start a private or joint conversation with its first message (a retry answers 200)',
  })
  async start(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
    @Body() body: StartThreadDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ThreadView> {
    const { view, created } = await this.messages.start(caller, caseId, body);
    reply.status(created ? 201 : 200);
    return view;
  }

  @Get('threads/:id')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'A conversation with its newest messages (the read is audited)' })
  read(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<ThreadView> {
    return this.messages.read(caller, id);
  }

  @Get('threads/:id/messages')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Older messages of a conversation' })
  older(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Query() query: MessagePageQueryDto,
  ): Promise<MessagePage> {
    return this.messages.older(caller, id, query);
  }

  @Post('threads/:id/messages')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Send a message (a retry with the same clientKey answers 200)' })
  async send(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageView> {
    const { message, created } = await this.messages.send(caller, id, body);
    reply.status(created ? 201 : 200);
    return message;
  }

  @Put('threads/:id/draft')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Keep what the caller is typing (empty: remove the draft)' })
  draft(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveMessageDraftDto,
  ): Promise<MessageDraft> {
    return this.messages.saveDraft(caller, id, body.body);
  }

  @Put('threads/:id/read')
  @Allow('counselor', 'client')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark the conversation read up to a message' })
  async markRead(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: MarkReadDto,
  ): Promise<void> {
    await this.messages.markRead(caller, id, body.messageId);
  }

  @Post('messages/:id/pin')
  @Allow('counselor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin a message into the case’s next session note' })
  pin(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<MessageView> {
    return this.messages.pin(caller, id, true);
  }

  @Delete('messages/:id/pin')
  @Allow('counselor')
  @ApiOperation({ summary: 'Unpin a message' })
  unpin(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<MessageView> {
    return this.messages.pin(caller, id, false);
  }

  @Post('messages/:id/quote-requests')
  @Allow('counselor')
  @ApiOperation({
    summary: 'Ask a client to let their private message be quoted in the joint conversation',
  })
  async requestQuote(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: QuoteRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuoteRequestView> {
    const { view, created } = await this.messages.requestQuote(caller, id, body.jointThreadId);
    reply.status(created ? 201 : 200);
    return view;
  }

  @Post('quote-requests/:id/answer')
  @Allow('client')
  @HttpCode(200)
  @ApiOperation({ summary: 'The message’s author agrees to the quote, or keeps it private' })
  answerQuote(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: AnswerQuoteDto,
  ): Promise<QuoteRequestView> {
    return this.messages.answerQuote(caller, id, body.agree);
  }

  @Get('messages/unread')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'How many conversations have something unread' })
  unread(@CurrentUser() caller: Caller): Promise<UnreadMessages> {
    return this.messages.unread(caller);
  }

  /**
   * Server-sent events: `message` with `{ threadId, caseId }` when a conversation the caller
   * reads has something new (counselors also hear of reads). Ids only; the page fetches.
   */
  @Get('messages/events')
  @Allow('counselor', 'client')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live events of the caller’s conversations (text/event-stream)' })
  events(@CurrentUser() caller: Caller, @Res() reply: FastifyReply): void {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Proxies (nginx) must pass each event on at once.
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 3000\n: connected\n\n');
    // One check at a time, in the order the events came: calls with the same caller object
    // share one transaction (ClinicDb), so a check begun while another is open would run in
    // the other's, and fail once that one ends: its event would be lost.
    let checks = Promise.resolve();
    const unsubscribe = this.live.subscribe((event) => {
      if (!forCaller(event, caller)) return;
      checks = checks.then(async () => {
        try {
          if (stream.writableEnded || !(await this.messages.mayRead(caller, event['threadId'])))
            return;
          stream.write(
            `event: message\ndata: ${JSON.stringify({ threadId: event['threadId'], caseId: event['caseId'] })}\n\n`,
          );
        } catch (error) {
          // Said, not swallowed: the page learns of this change only at its next event or load.
          this.logger.warn(`a live event was not passed on: ${(error as Error).message}`);
        }
      });
    });
    // The stream's socket keeps the process alive while it is open; its timers need not.
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS).unref();
    const end = () => stream.end();
    const expiry = setTimeout(end, STREAM_MS).unref();
    this.streams.add(end);
    const closed = () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      this.streams.delete(end);
      unsubscribe();
    };
    // The response closes with its connection. A browser that went away while the request was
    // being authorised closed it already: its 'close' is gone, and the subscription must not
    // outlive it.
    if (stream.destroyed) closed();
    else stream.once('close', closed);
  }

  beforeApplicationShutdown(): void {
    for (const end of this.streams) end();
  }

  @Get('messages/reply-times')
  @Allow('counselor')
  @ApiOperation({ summary: 'The counselor’s stated reply times' })
  replyTimes(@CurrentUser() caller: Caller): Promise<ReplyTimes> {
    return this.settings.replyTimes(caller);
  }

  @Put('messages/reply-times')
  @Allow('counselor')
  @ApiOperation({ summary: 'State when you usually reply (shown in every conversation)' })
  setReplyTimes(@CurrentUser() caller: Caller, @Body() body: ReplyTimesDto): Promise<ReplyTimes> {
    return this.settings.setReplyTimes(caller, body.text);
  }

  @Get('clinic/messaging')
  @Allow('admin')
  @ApiOperation({ summary: 'Which conversations clients may start' })
  clinic(@CurrentUser() caller: Caller): Promise<ClinicMessagingSettings> {
    return this.settings.clinic(caller);
  }

  @Put('clinic/messaging')
  @Allow('admin')
  @ApiOperation({ summary: 'Set which conversations clients may start' })
  setClinic(
    @CurrentUser() caller: Caller,
    @Body() body: ClinicMessagingDto,
  ): Promise<ClinicMessagingSettings> {
    return this.settings.setClinic(caller, body);
  }

  @Get('admin/message-counts')
  @Allow('admin')
  @ApiOperation({
    summary: 'Per counselor: conversations whose latest message is a client’s, over two days old',
  })
  counts(@CurrentUser() caller: Caller): Promise<MessageCounts> {
    return this.settings.counts(caller);
  }
}
