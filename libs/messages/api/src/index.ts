export * from './lib/messages.module';
export * from './lib/messages.entities';
export { MessagesService } from './lib/messages.service';
