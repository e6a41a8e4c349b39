import type { CaseDetail } from '@mend/shared/contracts';
import { ok, today } from './clinic-records';
import type { Agent, TestApp, TestClinic, TestUser } from './test-app';

/**
 * The people of a partner-privacy test: a couple case (Sam & Alex, counselor Maya) and everyone
 * who must be refused on it: the clinic's admin, another counselor, a client of the clinic's
 * other case (same counselor) and another clinic's counselor and client.
 */
export interface CoupleCast {
  clinic: TestClinic;
  other: TestClinic;
  samUser: TestUser;
  alexUser: TestUser;
  admin: Agent;
  /** The case's counselor. */
  maya: Agent;
  /** A counselor of the same clinic, not on the case. */
  priya: Agent;
  sam: Agent;
  alex: Agent;
  /** A client of another case of the clinic, with the same counselor. */
  neighbour: Agent;
  /** The counselor of another clinic. */
  stranger: Agent;
  /** A client of another clinic. */
  strangerClient: Agent;
  caseId: string;
}

export async function coupleCast(t: TestApp, startedOn = today()): Promise<CoupleCast> {
  const clinic = await t.createClinic();
  const other = await t.createClinic();
  const samUser = await t.createUser(clinic.id, 'client', { name: 'Sam Rivera' });
  const alexUser = await t.createUser(clinic.id, 'client', { name: 'Alex Morgan' });
  const admin = await t.signIn(clinic.admin);
  const openCase = async (title: string, memberIds: string[]) =>
    ok(
      await admin.post<CaseDetail>('/api/cases', {
        title,
        type: 'couple',
        startedOn,
        memberIds,
        primaryCounselorId: clinic.counselor.id,
      }),
      201,
      `open the case ${title}`,
    ).id;
  const caseId = await openCase('Sam & Alex', [samUser.id, alexUser.id]);
  await openCase('Next door', [clinic.client.id, clinic.partner.id]);
  return {
    clinic,
    other,
    samUser,
    alexUser,
    admin,
    maya: await t.signIn(clinic.counselor),
    priya: await t.signIn(await t.createUser(clinic.id, 'counselor')),
    sam: await t.signIn(samUser),
    alex: await t.signIn(alexUser),
    neighbour: await t.signIn(clinic.client),
    stranger: await t.signIn(other.counselor),
    strangerClient: await t.signIn(other.client),
    caseId,
  };
}

/** The case's counselor records a safety conversation that clears a member for joint work. */
export async function clearForJointWork(
  cast: CoupleCast,
  clientId: string,
  heldOn = today(),
): Promise<void> {
  ok(
    await cast.maya.post(`/api/cases/${cast.caseId}/safety-interviews`, {
      clientId,
      heldOn,
      mode: 'in_person',
      outcome: 'cleared',
    }),
    200,
    'clear a member for joint work',
  );
}
