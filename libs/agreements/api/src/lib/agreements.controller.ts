import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type { AgreementSummary, AgreementView } from '@mend/shared/contracts';
import { IdParam, safeTimeZone, StepUp } from '@mend/shared/server';
import { agreementPdf } from './agreement-pdf';
import { SaveAgreementDto, SignAgreementDto } from './agreements.dto';
import { AgreementsService } from './agreements.service';

class PdfQueryDto {
  @IsOptional()
  @MaxLength(64)
  @IsString()
  tz?: string;
}

/** The relationship agreement of a case: its versions, the draft, signatures and reviews. */
@ApiTags('agreements')
@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get('cases/:caseId/agreements')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Every version of the case’s agreement, newest first' })
  ofCase(
    @CurrentUser() caller: Caller,
    @IdParam('caseId') caseId: string,
  ): Promise<AgreementSummary[]> {
    return this.agreements.list(caller, caseId);
  }

  @Post('cases/:caseId/agreements')
  @Allow('counselor', 'client')
  @ApiOperation({
    summary: 'Start the case’s first agreement (409 once one exists: review it instead)',
  })
  create(@CurrentUser() caller: Caller, @IdParam('caseId') caseId: string): Promise<AgreementView> {
    return this.agreements.create(caller, caseId);
  }

  @Get('agreements/:id')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'One version of an agreement, with its signatures' })
  read(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<AgreementView> {
    return this.agreements.read(caller, id);
  }

  @Put('agreements/:id')
  @Allow('counselor', 'client')
  @ApiOperation({ summary: 'Save the draft (409 when stale or signed)' })
  save(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveAgreementDto,
  ): Promise<AgreementView> {
    return this.agreements.save(caller, id, body);
  }

  @Post('agreements/:id/sign')
  @Allow('counselor', 'client')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the version read with your typed name (members only)' })
  sign(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SignAgreementDto,
  ): Promise<AgreementView> {
    return this.agreements.sign(caller, id, body);
  }

  @Post('agreements/:id/review')
  @Allow('counselor', 'client')
  @ApiOperation({
    summary: 'Review the latest signed version: the next version starts as a draft with its items',
  })
  async review(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AgreementView> {
    const { view, created } = await this.agreements.review(caller, id);
    reply.status(created ? 201 : 200);
    return view;
  }

  @Get('agreements/:id/pdf')
  @Allow('counselor', 'client')
  @StepUp()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One version as a PDF (the export is audited)' })
  async pdf(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Query() query: PdfQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { agreement, caseTitle, clinicName, exportedBy } = await this.agreements.forExport(
      caller,
      id,
    );
    const file = await agreementPdf(agreement, {
      caseTitle,
      clinicName,
      exportedBy,
      timeZone: safeTimeZone(query.tz),
    });
    reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `attachment; filename="agreement-${agreement.number}-${agreement.id.slice(0, 8)}.pdf"`,
      )
      .header('cache-control', 'no-store');
    return file;
  }
}
