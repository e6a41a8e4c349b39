export * from './lib/assignments.service';
export * from './lib/homework.entities';
export * from './lib/homework.module';
export * from './lib/homework.service';
