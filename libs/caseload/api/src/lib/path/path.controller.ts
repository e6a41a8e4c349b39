import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type { CasePathView, MyPathView } from '@mend/shared/contracts';
import { IdParam } from '@mend/shared/server';
import { SetStageDto } from '../dto/path.dto';
import { PathService } from './path.service';

/** The path of repair: moved by the case's counselors, followed by its members. */
@ApiTags('cases')
@Controller()
export class PathController {
  constructor(private readonly path: PathService) {}

  @Get('cases/:id/path')
  @Allow('counselor')
  @ApiOperation({
    summary: 'The case’s stage on the path of repair and every move, with reasons (newest first)',
  })
  get(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<CasePathView> {
    return this.path.path(caller, id);
  }

  @Put('cases/:id/stage')
  @Allow('counselor')
  @ApiOperation({
    summary: 'Move the case forward or back on the path of repair, with a reason (409 if closed)',
  })
  setStage(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SetStageDto,
  ): Promise<CasePathView> {
    return this.path.setStage(caller, id, body);
  }

  @Get('my/path')
  @Allow('client')
  @ApiOperation({ summary: 'Where each of the caller’s open cases is on the path (no history)' })
  mine(@CurrentUser() caller: Caller): Promise<MyPathView[]> {
    return this.path.mine(caller);
  }
}
