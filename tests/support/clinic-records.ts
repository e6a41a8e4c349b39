import { randomUUID } from 'node:crypto';
import type {
  AddendumView,
  AgreementView,
  AlertView,
  AssignmentView,
  CaseDetail,
  ExerciseDetail,
  ExercisePage,
  FieldDef,
  HomeworkDetail,
  HomeworkPage,
  InvitationSent,
  NoteSaved,
  NoteView,
  NotificationItem,
  Page,
  SafetyCheckSummary,
  SessionView,
} from '@mend/shared/contracts';
import type { Agent, Reply, TestClinic } from './test-app';

export const today = () => new Date().toISOString().slice(0, 10);
export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** A call that builds the fixture must succeed; its failure would make the test meaningless. */
export function ok<T>(reply: Reply<T>, expected: number, what: string): T {
  if (reply.status !== expected)
    throw new Error(`setup: ${what} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

const APPRECIATION_FIELDS: FieldDef[] = [
  { key: 'gratitude', type: 'long_text', label: 'One thing I appreciated', required: true },
  {
    key: 'closeness',
    type: 'scale',
    label: 'How close did we feel?',
    required: true,
    minLabel: 'Far',
    maxLabel: 'Close',
  },
];
/** The exercise a counselor writes; a test may send it back as a valid body. */
export const APPRECIATION_NOTE = {
  title: 'Appreciation note',
  stage: 'reciprocity',
  audience: 'each_member',
  recurrence: 'weekly',
  instructions: 'Write down one moment of appreciation, however small.',
  fields: APPRECIATION_FIELDS,
};

/** Assigns an exercise of the case, due today, once. */
export async function assignExercise(
  counselor: Agent,
  caseId: string,
  exerciseId: string,
  target: 'each' | 'together',
): Promise<AssignmentView> {
  return ok(
    await counselor.post<AssignmentView>(`/api/cases/${caseId}/assignments`, {
      exerciseId,
      target,
      dueOn: today(),
      recurrence: 'once',
    }),
    201,
    `assign an exercise (${target})`,
  );
}

/** Signed-in agents of the clinic's admin, counselor and client (the case's first member). */
export interface ClinicAgents {
  admin: Agent;
  counselor: Agent;
  client: Agent;
}

/** Ids of one clinic's records, a record of each kind in a state its routes act on. */
export interface ClinicRecords {
  /** A client invited but not yet active. */
  invitedId: string;
  /** The couple case of the clinic's client and partner, cleared for joint work. */
  caseId: string;
  /** The exercise the counselor wrote. */
  exerciseId: string;
  /** The built-in "Trust thermometer". */
  thermometerId: string;
  eachAssignmentId: string;
  togetherAssignmentId: string;
  /** The client's thermometer homework, submitted and with feedback. */
  submittedHomeworkId: string;
  /** The members' "Safety conversation" homework, untouched. */
  togetherHomeworkId: string;
  feedbackId: string;
  sessionId: string;
  signedNoteId: string;
  /** A draft addendum of the signed note. */
  addendumId: string;
  /** The case's agreement, just started by the client (a draft at version 0). */
  agreement: AgreementView;
  /** The client's check-in sent with a critical answer, and the next one, still open. */
  sentCheckId: string;
  openCheckId: string;
  /** The counselor's alert raised by the sent check-in. */
  alertId: string;
  notificationId: string;
}

/**
 * Builds a clinic's records through the real API, as its own people would: a couple case with
 * homework, feedback, a signed note, an agreement, check-ins and an alert. `exercise` is the
 * one the counselor writes.
 */
export async function createClinicRecords(
  clinic: TestClinic,
  as: ClinicAgents,
  exercise: object = APPRECIATION_NOTE,
): Promise<ClinicRecords> {
  const { admin, counselor: maya, client: sam } = as;

  const invited = ok(
    await admin.post<InvitationSent>('/api/users/invitations', {
      email: `invited-${randomUUID()}@clinic.example`,
      displayName: 'Invited Client',
      role: 'client',
    }),
    201,
    'invite a client',
  ).user;
  const caseId = ok(
    await admin.post<CaseDetail>('/api/cases', {
      title: 'Sam & Alex',
      type: 'couple',
      startedOn: today(),
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    }),
    201,
    'open a case',
  ).id;

  // At the path's last stage, so no exercise is from a later stage than the case.
  ok(
    await maya.put(`/api/cases/${caseId}/stage`, {
      stage: 'way_forward',
      reason: 'They are deciding how to go on.',
    }),
    200,
    'move the case along the path of repair',
  );
  // Each member cleared by an individual conversation: joint work is open.
  for (const clientId of [clinic.client.id, clinic.partner.id])
    ok(
      await maya.post(`/api/cases/${caseId}/safety-interviews`, {
        clientId,
        heldOn: today(),
        mode: 'in_person',
        outcome: 'cleared',
      }),
      200,
      'clear a member for joint work',
    );

  const own = ok(
    await maya.post<ExerciseDetail>('/api/exercises', exercise),
    201,
    'write an exercise',
  );
  const library = ok(
    await maya.get<ExercisePage>('/api/exercises?pageSize=100'),
    200,
    'list exercises',
  );
  const builtIn = (title: string) => {
    const found = library.items.find((e) => e.title === title && e.builtIn);
    if (!found) throw new Error(`setup: no built-in exercise "${title}"`);
    return found.id;
  };
  const thermometer = builtIn('Trust thermometer');
  const each = await assignExercise(maya, caseId, thermometer, 'each');
  const together = await assignExercise(maya, caseId, builtIn('Safety conversation'), 'together');
  const due = ok(await sam.get<HomeworkPage>('/api/homework/mine?view=due'), 200, 'list homework');
  const homeworkOf = (title: string) => {
    const found = due.items.find((h) => h.title === title);
    if (!found) throw new Error(`setup: the client has no "${title}" homework`);
    return found.id;
  };
  const submitted = homeworkOf('Trust thermometer');
  ok(
    await sam.post<HomeworkDetail>(`/api/homework/${submitted}/submit`, {
      version: 0,
      answers: { trust: 7, safety: 6, helped: 'a walk', hurt: 'silence' },
    }),
    200,
    'submit homework',
  );
  const feedback = ok(
    await maya.post<HomeworkDetail>(`/api/homework/${submitted}/feedback`, {
      body: 'Thank you for being honest.',
    }),
    200,
    'give feedback',
  ).feedback[0].id;

  const session = ok(
    await maya.post<SessionView>(`/api/cases/${caseId}/sessions`, {
      startsAt: hoursFromNow(-2),
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendeeIds: [clinic.client.id, clinic.partner.id],
    }),
    201,
    'record a session',
  );
  const note = ok(
    await maya.post<NoteView>(`/api/sessions/${session.id}/note`, { format: 'soap' }),
    201,
    'start a note',
  );
  const saved = ok(
    await maya.put<NoteSaved>(`/api/notes/${note.id}`, {
      format: 'soap',
      sections: { subjective: 'S', objective: 'O', assessment: 'A', plan: 'P' },
      version: note.version,
    }),
    200,
    'save the note',
  );
  ok(
    await maya.post<NoteView>(`/api/notes/${note.id}/sign`, { version: saved.version }),
    200,
    'sign the note',
  );
  const addendum = ok(
    await maya.post<AddendumView>(`/api/notes/${note.id}/addenda`, { text: 'Correction.' }),
    201,
    'add an addendum',
  );

  const agreement = ok(
    await sam.post<AgreementView>(`/api/cases/${caseId}/agreements`),
    201,
    'start the agreement',
  );

  // A check-in sent with a critical answer (an alert for the counselor), and the next one the
  // counselor asked for, still open.
  const checks = async () =>
    ok(await sam.get<SafetyCheckSummary[]>('/api/my/safety-checks'), 200, 'list check-ins');
  const [sent] = await checks();
  ok(
    await sam.post(`/api/safety-checks/${sent.id}/submit`, {
      version: 0,
      answers: {
        afraid_of_partner: 'sometimes',
        hurt_or_threatened: 'no',
        controlled: 'no',
        sexual_pressure: 'no',
        safe_together_at_home: 'safe',
        safe_to_get_messages: 'safe',
        thoughts_of_self_harm: 'no',
      },
    }),
    200,
    'send a check-in',
  );
  ok(
    await maya.post(`/api/cases/${caseId}/safety-checks`, { clientId: clinic.client.id }),
    200,
    'ask for a check-in again',
  );
  const open = (await checks()).find((c) => c.submittedAt === null);
  if (!open) throw new Error('setup: the client has no open check-in');
  const alert = ok(await maya.get<AlertView[]>('/api/alerts'), 200, 'list alerts').find(
    (x) => x.sourceId === sent.id,
  );
  if (!alert) throw new Error('setup: the critical answer raised no alert');
  const notification = ok(
    await sam.get<Page<NotificationItem>>('/api/notifications'),
    200,
    'list notifications',
  ).items[0];
  if (!notification) throw new Error('setup: the client has no notification');

  return {
    invitedId: invited.id,
    caseId,
    exerciseId: own.id,
    thermometerId: thermometer,
    eachAssignmentId: each.id,
    togetherAssignmentId: together.id,
    submittedHomeworkId: submitted,
    togetherHomeworkId: homeworkOf('Safety conversation'),
    feedbackId: feedback,
    sessionId: session.id,
    signedNoteId: note.id,
    addendumId: addendum.id,
    agreement,
    sentCheckId: sent.id,
    openCheckId: open.id,
    alertId: alert.id,
    notificationId: notification.id,
  };
}
