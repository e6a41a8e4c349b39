import type { Role, SecondFactorState } from '@mend/shared/contracts';

/** The signed-in user making a request, as the session strategy resolved it. */
export interface Caller {
  id: string;
  role: Role;
  clinicId: string;
  sessionId: string;
  /** The address the request came from, for audit events. */
  ip?: string;
  /** Where the session stands on the second step of signing in (absent: not resolved from one). */
  secondFactor?: SecondFactorState;
  /** When the second factor was last given in this session, for step-up. */
  secondFactorAt?: Date | null;
}
