import { Module } from '@nestjs/common';
import { AuthModule } from '@mend/auth/api';
import { ExerciseVersions } from './exercise-versions';
import { ExercisesController } from './exercises.controller';
import { ExercisesService } from './exercises.service';

/** The exercise library of each clinic. */
@Module({
  imports: [AuthModule],
  controllers: [ExercisesController],
  providers: [ExercisesService, ExerciseVersions],
  exports: [ExercisesService, ExerciseVersions],
})
export class ExercisesModule {}
