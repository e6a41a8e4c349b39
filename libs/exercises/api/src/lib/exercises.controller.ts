import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Caller, CurrentUser } from '@mend/auth/api';
import type { ExerciseDetail, ExercisePage } from '@mend/shared/contracts';
import { IdParam, VersionParam } from '@mend/shared/server';
import { ListExercisesQueryDto, SaveExerciseDto } from './exercises.dto';
import { ExercisesService } from './exercises.service';

@ApiTags('exercises')
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  @Get()
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'The clinic’s exercise library: built-ins and counselors’ own' })
  list(
    @CurrentUser() caller: Caller,
    @Query() query: ListExercisesQueryDto,
  ): Promise<ExercisePage> {
    return this.exercises.list(caller, query);
  }

  @Post()
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'Write a new exercise (version 1)' })
  create(@CurrentUser() caller: Caller, @Body() body: SaveExerciseDto): Promise<ExerciseDetail> {
    return this.exercises.create(caller, body);
  }

  @Get(':id')
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'An exercise at its current version' })
  get(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<ExerciseDetail> {
    return this.exercises.get(caller, id);
  }

  @Get(':id/versions/:version')
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'An exercise at an earlier version' })
  version(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @VersionParam() version: number,
  ): Promise<ExerciseDetail> {
    return this.exercises.get(caller, id, version);
  }

  @Post(':id/copy')
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'Copy an exercise (built-in or not) to adapt it' })
  copy(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<ExerciseDetail> {
    return this.exercises.copy(caller, id);
  }

  @Put(':id')
  @Allow('counselor', 'admin')
  @ApiOperation({ summary: 'Save a new version of one’s own exercise (409 if saved meanwhile)' })
  update(
    @CurrentUser() caller: Caller,
    @IdParam() id: string,
    @Body() body: SaveExerciseDto,
  ): Promise<ExerciseDetail> {
    return this.exercises.update(caller, id, body);
  }

  @Post(':id/archive')
  @Allow('counselor', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive one’s own exercise (it stays readable for past assignments)' })
  archive(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<ExerciseDetail> {
    return this.exercises.setStatus(caller, id, 'archived');
  }

  @Post(':id/restore')
  @Allow('counselor', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived exercise back into the library' })
  restore(@CurrentUser() caller: Caller, @IdParam() id: string): Promise<ExerciseDetail> {
    return this.exercises.setStatus(caller, id, 'active');
  }
}
