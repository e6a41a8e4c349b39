import { Injectable } from '@nestjs/common';

/**
 * The current instant, injected wherever time decides what happens (reminders, quiet hours,
 * retries), so tests set the time instead of waiting for it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
