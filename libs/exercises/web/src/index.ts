// The exercise form as a client fills it in (reused by homework and review)
export * from './lib/exercise-form/exercise-form';
export type { AnswerEdit } from './lib/exercise-form/exercise-field';
// Data access
export * from './lib/data-access/exercises-api';
// Routed pages (lazy-loaded by the app)
export { ExerciseLibrary } from './lib/library/exercise-library';
export { ExerciseView } from './lib/exercise-view/exercise-view';
export { ExerciseEditor } from './lib/editor/exercise-editor';
// Wording other features show
export { RECURRENCE_LABELS, audienceText } from './lib/ui/exercise-text';
