import type { Role } from '@mend/shared/contracts';

/** The signed-in user making a request, as the session strategy resolved it. */
export interface Caller {
  id: string;
  role: Role;
  clinicId: string;
  sessionId: string;
  /** The address the request came from, for audit events. */
  ip?: string;
}
