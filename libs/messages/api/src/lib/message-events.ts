import type { Caller } from '@mend/auth/api';
import type { LiveEvent } from '@mend/shared/server';

/**
 * Whether a live event may be passed on to a caller's stream, before asking the database
 * whether they read that conversation: only their clinic's, and reads only to counselors (a
 * partner must not learn when the other one reads).
 */
export function forCaller(event: LiveEvent, caller: Pick<Caller, 'clinicId' | 'role'>): boolean {
  if (event.clinicId !== caller.clinicId || !event['threadId']) return false;
  if (event.topic === 'message') return true;
  return event.topic === 'read' && caller.role === 'counselor';
}
