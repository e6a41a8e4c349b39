import { Exercise, ExerciseVersion } from './lib/exercise.entity';

export * from './lib/exercise.entity';
export * from './lib/exercises.module';
export * from './lib/exercises.service';
export const EXERCISES_ENTITIES = [Exercise, ExerciseVersion];
export * from './lib/exercises.dto';
export * from './lib/exercise-versions';
