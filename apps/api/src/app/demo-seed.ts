import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Role } from '@mend/shared/contracts';
import { Clinic, MfaService, PasswordHasher, User } from '@mend/auth/api';
import { Case, CaseCounselor, CaseMember, PathService, sealLabel } from '@mend/caseload/api';
import { ExercisesService, ListExercisesQueryDto } from '@mend/exercises/api';
import { Assignment, AssignmentsService, Homework, HomeworkService } from '@mend/homework/api';
import { AvailabilityService } from '@mend/appointments/api';
import { MessagesService } from '@mend/messages/api';
import { NotesService, Session, SessionsService } from '@mend/notes/api';
import { AlertsService, CaseSafetyService, SafetyChecksService } from '@mend/safety/api';
import type { Answers, AssignmentTarget, NoteFormat, Recurrence } from '@mend/shared/contracts';
import type { Caller } from '@mend/auth/api';
import { FieldEncryptionService, SystemDb } from '@mend/shared/server';

export const DEMO_CLINIC = 'Harbor Counseling';
export const DEMO_PASSWORD = 'mend-demo-2026';
/**
 * The demo staff's authenticator secret (base32), published like the password so anyone can
 * try two-step sign-in: add it to an authenticator app, or print a code with `npm run demo:code`.
 */
export const DEMO_TOTP_SECRET = 'MENDDEMOKEYFORTRYINGMEND';

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@harbor.example', displayName: 'Dana Whitfield', role: 'admin' },
  { email: 'maya@harbor.example', displayName: 'Maya Okafor', role: 'counselor' },
  { email: 'omar@harbor.example', displayName: 'Omar Haddad', role: 'counselor' },
  { email: 'sam@harbor.example', displayName: 'Sam Rivera', role: 'client' },
  { email: 'alex@harbor.example', displayName: 'Alex Rivera', role: 'client' },
  { email: 'jordan@harbor.example', displayName: 'Jordan Lee', role: 'client' },
  { email: 'riley@harbor.example', displayName: 'Riley Lee', role: 'client' },
];

/** A check-in with nothing of concern. */
const SAFE_CHECK: Answers = {
  afraid_of_partner: 'no',
  hurt_or_threatened: 'no',
  controlled: 'no',
  sexual_pressure: 'no',
  safe_together_at_home: 'safe',
  safe_to_get_messages: 'safe',
  thoughts_of_self_harm: 'no',
};

const PHQ9_KEYS = [
  'little_interest',
  'feeling_down',
  'sleep',
  'tired',
  'appetite',
  'feeling_bad',
  'concentrating',
  'moving_speaking',
  'better_off_dead',
];
const GAD7_KEYS = [
  'nervous',
  'control_worrying',
  'worrying_too_much',
  'trouble_relaxing',
  'restless',
  'irritable',
  'afraid',
];
const FREQUENCY = ['not_at_all', 'several_days', 'more_than_half', 'nearly_every_day'];

/** Answers adding up to about `total`, spread over the items; the last item only if critical. */
function frequencyAnswers(keys: string[], total: number, critical: boolean): Answers {
  const answers: Answers = {};
  let left = Math.round(total) - (critical ? 1 : 0);
  keys.forEach((key, index) => {
    const last = index === keys.length - 1;
    if (last && keys === PHQ9_KEYS) {
      answers[key] = critical ? 'several_days' : 'not_at_all';
      return;
    }
    const value = Math.max(
      0,
      Math.min(3, Math.ceil(left / (keys.length - index - (keys === PHQ9_KEYS ? 1 : 0)))),
    );
    answers[key] = FREQUENCY[value];
    left -= value;
  });
  return answers;
}

/** Each demo couple's case: its counselor and what the counselor noted about each partner. */
const DEMO_CASES = [
  {
    title: 'Sam & Alex Rivera',
    startedOn: '2026-09-14',
    counselor: 'maya@harbor.example',
    members: [
      { email: 'sam@harbor.example', label: 'broke_trust' as const },
      { email: 'alex@harbor.example', label: 'was_hurt' as const },
    ],
  },
  {
    title: 'Jordan & Riley Lee',
    startedOn: '2026-10-05',
    counselor: 'omar@harbor.example',
    members: [
      { email: 'jordan@harbor.example', label: 'both_unclear' as const },
      { email: 'riley@harbor.example', label: 'both_unclear' as const },
    ],
  },
];

/**
 * The demo clinic a new user signs in to. Idempotent: runs at every start and only adds what
 * is missing, in one transaction.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly system: SystemDb,
    private readonly hasher: PasswordHasher,
    private readonly mfa: MfaService,
    private readonly exercises: ExercisesService,
    private readonly assignments: AssignmentsService,
    private readonly homework: HomeworkService,
    private readonly sessions: SessionsService,
    private readonly notes: NotesService,
    private readonly safety: CaseSafetyService,
    private readonly checks: SafetyChecksService,
    private readonly alerts: AlertsService,
    private readonly path: PathService,
    private readonly encryption: FieldEncryptionService,
    private readonly messages: MessagesService,
    private readonly availability: AvailabilityService,
  ) {}

  async run(): Promise<void> {
    await this.seedPeople();
    await this.seedCases();
    await this.seedHomework();
    await this.seedNotes();
    await this.seedConversations();
  }

  private async seedPeople(): Promise<void> {
    const existing = await this.system.run('demo seed', (tx) =>
      tx.findBy(
        User,
        DEMO_USERS.map(({ email }) => ({ email })),
      ),
    );
    if (existing.length === DEMO_USERS.length) return;
    // One hash for every demo account: they share the published demo password anyway.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    await this.system.run('demo seed', async (manager) => {
      const admin = existing.find((u) => u.email === DEMO_USERS[0].email);
      const clinic =
        (admin && (await manager.findOneByOrFail(Clinic, { id: admin.clinicId }))) ??
        (await manager.save(manager.create(Clinic, { name: DEMO_CLINIC })));
      const missing = DEMO_USERS.filter((d) => !existing.some((u) => u.email === d.email));
      const added = await manager.save(
        User,
        missing.map((d) =>
          manager.create(User, { ...d, clinicId: clinic.id, status: 'active', passwordHash }),
        ),
      );
      for (const user of added.filter((u) => u.role !== 'client')) {
        await this.mfa.enrolKnownTotp(manager, user, DEMO_TOTP_SECRET);
      }
    });
    this.logger.log(
      `Demo clinic "${DEMO_CLINIC}" is ready (password ${DEMO_PASSWORD} for every demo sign-in; staff's authenticator key ${DEMO_TOTP_SECRET}).`,
    );
  }

  /** A case per demo couple, unless the first partner is already in one. */
  private async seedCases(): Promise<void> {
    await this.system.run('demo seed', async (manager) => {
      const users = await manager.findBy(
        User,
        DEMO_USERS.map(({ email }) => ({ email })),
      );
      const byEmail = (email: string) => users.find((u) => u.email === email) as User;
      for (const demo of DEMO_CASES) {
        const first = byEmail(demo.members[0].email);
        if (await manager.existsBy(CaseMember, { userId: first.id })) continue;
        const created = await manager.save(
          manager.create(Case, {
            clinicId: first.clinicId,
            title: demo.title,
            type: 'couple',
            startedOn: demo.startedOn,
            status: 'open',
          }),
        );
        await manager.insert(
          CaseMember,
          demo.members.map((m) => {
            const id = randomUUID();
            return {
              id,
              clinicId: first.clinicId,
              caseId: created.id,
              userId: byEmail(m.email).id,
              labelEnc: sealLabel(this.encryption, id, m.label),
            };
          }),
        );
        await manager.insert(CaseCounselor, {
          clinicId: first.clinicId,
          caseId: created.id,
          userId: byEmail(demo.counselor).id,
          role: 'primary',
        });
      }
    });
  }

  /** The demo clinic's cases (another clinic may well have a case of the same title). */
  private async demoCases(): Promise<Case[]> {
    return this.system.run('demo seed', async (tx) => {
      const admin = await tx.findOneBy(User, { email: DEMO_USERS[0].email });
      if (!admin) return [];
      return tx.findBy(
        Case,
        DEMO_CASES.map(({ title }) => ({ title, clinicId: admin.clinicId })),
      );
    });
  }

  /**
   * Homework in every state for each demo case, through the same services people use (so it is
   * encrypted and validated like real homework): a reviewed letter with feedback, a draft,
   * overdue check-ins, a together conversation in progress and weeks of trust thermometer answers.
   */
  private async seedHomework(): Promise<void> {
    const cases = await this.demoCases();
    for (const theCase of cases) {
      if (
        await this.system.run('demo seed', (tx) => tx.existsBy(Assignment, { caseId: theCase.id }))
      )
        continue;
      const demo = DEMO_CASES.find((d) => d.title === theCase.title);
      if (!demo) continue;
      const users = await this.system.run('demo seed', (tx) =>
        tx.findBy(User, [
          { email: demo.counselor },
          ...demo.members.map(({ email }) => ({ email })),
        ]),
      );
      const as = (email: string): Caller => {
        const user = users.find((u) => u.email === email) as User;
        return { id: user.id, role: user.role, clinicId: user.clinicId, sessionId: 'demo-seed' };
      };
      const counselor = as(demo.counselor);
      const [first, second] = demo.members.map((m) => as(m.email));
      const library = await this.exercises.list(
        counselor,
        Object.assign(new ListExercisesQueryDto(), { pageSize: 100 }),
      );
      const exerciseId = (title: string) =>
        library.items.find((e) => e.title === title)?.id as string;
      const assign = (
        title: string,
        target: AssignmentTarget,
        dueInDays: number,
        recurrence: Recurrence = 'once',
        memberId?: string,
        until?: number,
      ) =>
        this.assignments.assign(counselor, theCase.id, {
          exerciseId: exerciseId(title),
          target,
          memberId,
          dueOn: day(dueInDays),
          recurrence,
          until: until === undefined ? undefined : day(until),
          confirmLaterStage: true,
        });
      const open = async (who: Caller, assignmentId: string, dueInDays: number) => {
        const [row] = await this.system.run('demo seed', (tx) =>
          tx.findBy(Homework, [
            { assignmentId, dueOn: day(dueInDays), userId: who.id },
            { assignmentId, dueOn: day(dueInDays), userId: IsNullUser },
          ]),
        );
        return row;
      };
      const submit = async (
        who: Caller,
        assignmentId: string,
        dueInDays: number,
        answers: Answers,
      ) => {
        const hw = await open(who, assignmentId, dueInDays);
        await this.homework.submit(who, hw.id, { answers, version: hw.version });
        return hw.id;
      };

      // Safety first: each partner's private check-in and individual conversation. The first
      // couple is cleared for joint work; the second waits for one partner's conversation.
      const cleared = demo.members[0].label === 'broke_trust';
      await this.safety.view(counselor, theCase.id);
      for (const [index, who] of [first, second].entries()) {
        if (!cleared && index === 1) continue;
        const [check] = await this.checks.mine(who);
        await this.checks.submit(who, check.id, { answers: SAFE_CHECK, version: 0 });
        await this.safety.recordInterview(counselor, theCase.id, {
          clientId: who.id,
          heldOn: day(cleared ? -40 : -10),
          mode: index === 0 ? 'in_person' : 'video',
          outcome: 'cleared',
          note: cleared
            ? 'Seen alone. No fear, violence or control described; agreed to joint sessions.'
            : 'Seen alone. Comfortable with joint work; nothing of concern.',
        });
      }

      // The first couple has moved along the path of repair; the second is at its start.
      if (cleared) {
        await this.path.setStage(counselor, theCase.id, {
          stage: 'responsibility',
          reason: 'Alex felt heard in the last two sessions; Sam is ready to write the letter.',
        });
        await this.path.setStage(counselor, theCase.id, {
          stage: 'transparency',
          reason: 'The letter is written and read together; openness about phones and plans next.',
        });
      }

      // Weeks of trust thermometer readings: slowly rising, with the gap between partners closing.
      const thermometer = await assign('Trust thermometer', 'each', -35, 'weekly', undefined, 56);
      await this.system.run('demo seed', (tx) => this.assignments.materialize(tx));
      const readings =
        demo.members[0].label === 'broke_trust'
          ? [
              [7, 6, 7, 7, 8],
              [2, 3, 3, 4, 5],
            ]
          : [
              [5, 4, 5, 6, 6],
              [4, 4, 5, 5, 6],
            ];
      for (let week = 0; week < 5; week += 1) {
        for (const [index, who] of [first, second].entries()) {
          const trust = readings[index][week];
          const id = await submit(who, thermometer.id, -35 + week * 7, {
            trust,
            safety: Math.min(10, trust + 1),
            helped: HELPED[week],
            hurt: HURT[week],
          });
          // Earlier weeks were read already; the latest waits in the counselor's inbox.
          if (week < 4) await this.homework.markReviewed(counselor, id);
        }
      }

      // The accountability letter: reviewed with feedback in the first case, a draft in the second.
      const breaker = demo.members[0].label === 'broke_trust' ? first : second;
      const letter = await assign('Accountability letter', 'member', -7, 'once', breaker.id);
      if (demo.members[0].label === 'broke_trust') {
        const letterId = await submit(breaker, letter.id, -7, LETTER);
        await this.homework.giveFeedback(
          counselor,
          letterId,
          'Thank you. This is specific and does not excuse anything. Let us read it together on Thursday before deciding whether to share it.',
        );
        await this.homework.markReviewed(counselor, letterId);
      } else {
        const draft = await open(breaker, letter.id, -7);
        await this.homework.saveDraft(breaker, draft.id, {
          answers: { what_i_did: LETTER.what_i_did },
          version: draft.version,
        });
      }

      // Naming the hurt: one member submitted, the other is overdue.
      const naming = await assign('Naming the hurt', 'each', -3);
      await submit(first, naming.id, -3, {
        feelings: { values: ['sadness', 'hope'] },
        intensity: 6,
        triggers: 'An anniversary we used to celebrate.',
        need: 'A quiet evening together without talking about it.',
      });

      // Months of PHQ-9 and GAD-7 results, every two weeks; a critical PHQ-9 item twice (the
      // first alert acknowledged, the latest still open). Only the cleared couple.
      if (!cleared) {
        await this.backdate(theCase.id);
        continue;
      }
      const phq = await assign(
        'PHQ-9 · Patient Health Questionnaire',
        'each',
        -84,
        'fortnightly',
        undefined,
        28,
      );
      const gad = await assign(
        'GAD-7 · Generalized Anxiety Disorder scale',
        'each',
        -84,
        'fortnightly',
        undefined,
        28,
      );
      await this.system.run('demo seed', (tx) => this.assignments.materialize(tx));
      for (let round = 0; round <= 6; round += 1) {
        const due = -84 + round * 14;
        for (const [index, who] of [first, second].entries()) {
          // The partner who was hurt starts higher; both ease over the weeks.
          const level = Math.max(0, (index === 1 ? 16 : 11) - round * (index === 1 ? 1.2 : 0.8));
          const critical = index === 1 && (round === 2 || round === 6);
          const results = [
            await submit(who, phq.id, due, frequencyAnswers(PHQ9_KEYS, level, critical)),
            await submit(who, gad.id, due, frequencyAnswers(GAD7_KEYS, level * 0.8, false)),
          ];
          // Earlier results were read already; the latest wait in the counselor's inbox.
          if (round < 6) for (const id of results) await this.homework.markReviewed(counselor, id);
        }
        if (round === 2) {
          const [alert] = await this.alerts.list(counselor, { open: 'true', caseId: theCase.id });
          await this.alerts.acknowledge(
            counselor,
            alert.id,
            'Called Alex the same day: passive thoughts, no plan or intent. Agreed a safety plan and a check-in call on Friday.',
          );
        }
      }

      // A together conversation, started by one member and not yet confirmed.
      const safety = await assign('Safety conversation', 'together', 4);
      const conversation = await open(first, safety.id, 4);
      await this.homework.saveDraft(first, conversation.id, {
        answers: {
          answers: [
            { who: first.id, safety_looks_like: 'Hearing about plans before they happen.' },
          ],
        },
        version: conversation.version,
      });
      await this.backdate(theCase.id);
    }
  }

  /**
   * The seed submits months of homework in one go: date each response, reading, result and
   * alert by the day it was due, as if it had been given then.
   */
  private async backdate(caseId: string): Promise<void> {
    await this.system.run('demo seed', async (tx) => {
      await tx.query(
        `UPDATE homework SET submitted_at = due_on + time '19:30', saved_at = due_on + time '19:30',
                reviewed_at = CASE WHEN reviewed_at IS NULL THEN NULL ELSE due_on + interval '1 day 10 hours' END
          WHERE case_id = $1 AND submitted_at IS NOT NULL AND due_on < current_date`,
        [caseId],
      );
      await tx.query(
        `UPDATE homework_scores s SET recorded_on = h.submitted_at::date FROM homework h
          WHERE h.id = s.homework_id AND h.case_id = $1`,
        [caseId],
      );
      await tx.query(
        `UPDATE measure_results m SET submitted_at = h.submitted_at FROM homework h
          WHERE h.id = m.homework_id AND h.case_id = $1`,
        [caseId],
      );
      await tx.query(
        `UPDATE safety_alerts a SET raised_at = h.submitted_at,
                acknowledged_at = CASE WHEN a.acknowledged_at IS NULL THEN NULL ELSE h.submitted_at + interval '3 hours' END
           FROM homework h WHERE h.id = a.source_id AND h.case_id = $1`,
        [caseId],
      );
    });
  }

  /**
   * Past sessions of each demo case with their notes, written through the same services as a
   * counselor's (encrypted, audited): signed ones, one with an addendum, and an unsigned draft;
   * plus one upcoming session.
   */
  private async seedNotes(): Promise<void> {
    const cases = await this.demoCases();
    for (const theCase of cases) {
      if (await this.system.run('demo seed', (tx) => tx.existsBy(Session, { caseId: theCase.id })))
        continue;
      const demo = DEMO_CASES.find((d) => d.title === theCase.title);
      if (!demo) continue;
      const users = await this.system.run('demo seed', (tx) =>
        tx.findBy(User, [
          { email: demo.counselor },
          ...demo.members.map(({ email }) => ({ email })),
        ]),
      );
      const counselorUser = users.find((u) => u.email === demo.counselor) as User;
      const counselor: Caller = {
        id: counselorUser.id,
        role: 'counselor',
        clinicId: counselorUser.clinicId,
        sessionId: 'demo-seed',
      };
      const attendeeIds = users.filter((u) => u.role === 'client').map((u) => u.id);
      const at = (inDays: number) => {
        const when = new Date(Date.now() + inDays * 86_400_000);
        when.setUTCHours(16, 0, 0, 0);
        return when.toISOString();
      };
      const record = (inDays: number) =>
        this.sessions.record(counselor, theCase.id, {
          startsAt: at(inDays),
          durationMinutes: 50,
          type: 'couple',
          mode: inDays === -7 ? 'telehealth' : 'in_person',
          attendeeIds,
        });
      for (const planned of DEMO_NOTES[theCase.title] ?? []) {
        const session = await record(planned.inDays);
        const { note } = await this.notes.start(counselor, session.id, planned.format);
        const saved = await this.notes.save(counselor, note.id, {
          format: planned.format,
          sections: planned.sections,
          version: note.version,
        });
        if (!planned.sign) continue;
        await this.notes.sign(counselor, note.id, saved.version);
        if (planned.addendum) {
          const addendum = await this.notes.addAddendum(counselor, note.id, planned.addendum);
          await this.notes.signAddendum(counselor, note.id, addendum.id, addendum.version);
        }
      }
      await record(5);
    }
  }

  /**
   * The demo counselors' availability (weekdays, 9:00–17:00 New York time) and, for the first
   * couple, a private conversation with each partner, one reply, and the joint conversation.
   */
  private async seedConversations(): Promise<void> {
    const cases = await this.demoCases();
    for (const theCase of cases) {
      const demo = DEMO_CASES.find((d) => d.title === theCase.title);
      if (!demo) continue;
      const users = await this.system.run('demo seed', (tx) =>
        tx.findBy(User, [
          { email: demo.counselor },
          ...demo.members.map(({ email }) => ({ email })),
        ]),
      );
      const callerOf = (user: User): Caller => ({
        id: user.id,
        role: user.role,
        clinicId: user.clinicId,
        sessionId: 'demo-seed',
      });
      const counselor = callerOf(users.find((u) => u.email === demo.counselor) as User);
      const mine = await this.availability.mine(counselor);
      if (mine.rules.length === 0)
        await this.availability.save(counselor, {
          timeZone: 'America/New_York',
          rules: ([1, 2, 3, 4, 5] as const).map((weekday) => ({
            weekday,
            startTime: '09:00',
            endTime: '17:00',
          })),
          lengths: mine.lengths,
        });
      if (theCase.title !== DEMO_CASES[0].title) continue;
      const started = await this.messages.list(counselor, {
        caseId: theCase.id,
        page: 1,
        pageSize: 1,
      });
      if (started.total > 0) continue;
      const clients = users.filter((u) => u.role === 'client');
      for (const client of clients) {
        const thread = await this.messages.start(counselor, theCase.id, {
          audience: 'private',
          clientId: client.id,
          subject: DEMO_CONVERSATIONS.privateSubject,
          body: DEMO_CONVERSATIONS.toEach(client.displayName.split(' ')[0]),
          clientKey: randomUUID(),
        });
        if (client.email === demo.members[0].email)
          await this.messages.send(callerOf(client), thread.view.id, {
            body: DEMO_CONVERSATIONS.firstReply,
            clientKey: randomUUID(),
          });
      }
      await this.messages
        .start(counselor, theCase.id, {
          audience: 'joint',
          subject: DEMO_CONVERSATIONS.jointSubject,
          body: DEMO_CONVERSATIONS.joint,
          clientKey: randomUUID(),
        })
        // Joint work may still be closed in a demo database from before it was cleared.
        .catch(() => undefined);
    }
  }
}

const IsNullUser = IsNull();

/** What the demo counselor and partners wrote to each other between sessions. */
const DEMO_CONVERSATIONS = {
  privateSubject: 'Between sessions',
  toEach: (name: string) =>
    `Hi ${name}, this space is just for the two of us. Write whenever something comes up between sessions; I read messages on weekdays.`,
  firstReply:
    'Thank you. The letter is harder to write than I expected, but I am working on it a little every evening.',
  jointSubject: 'Planning our next steps together',
  joint:
    'Welcome to your shared conversation. Everything here is read by both of you and by me. Let’s use it for the check-in schedule we agreed on.',
};

/** A demo session: days from today, and its note (unsigned when `sign` is false). */
interface DemoSession {
  inDays: number;
  format: NoteFormat;
  sections: Record<string, string>;
  sign: boolean;
  addendum?: string;
}

const DEMO_NOTES: Record<string, DemoSession[]> = {
  'Sam & Alex Rivera': [
    {
      inDays: -21,
      format: 'soap',
      sign: true,
      sections: {
        subjective:
          'Alex described finding messages on a second phone and said the lying hurts more than the affair itself. Sam said they want to stay and are ready to answer questions.',
        objective:
          'Alex tearful, sat turned away for most of the hour. Sam answered questions directly and did not interrupt.',
        assessment:
          'Stage 1 (stop the harm): disclosure complete by both accounts; contact with the affair partner ended last week. No safety concerns raised.',
        plan: 'Weekly trust thermometer for both. Sam to keep phone and calendar open without being asked. Next session in one week.',
      },
    },
    {
      inDays: -14,
      format: 'soap',
      sign: true,
      addendum:
        'Correction: Alex phoned the next morning to add that the Thursday check-in should be at 8 pm, not after dinner. Plan updated accordingly.',
      sections: {
        subjective:
          'Alex said the thermometer made it easier to say how the week went without a fight. Sam felt checked up on twice and said so calmly.',
        objective:
          'Both brought their thermometer readings; the gap between them is wide (Sam 7, Alex 3) but both engaged.',
        assessment:
          'Moving into stage 2 (take responsibility). Sam can name the actions; still some explaining of the reasons. Alex needs predictability more than reassurance.',
        plan: 'Assign the accountability letter to Sam. Agree a fixed weekly check-in time. Next session in one week.',
      },
    },
    {
      inDays: -7,
      format: 'birp',
      sign: true,
      sections: {
        behaviour:
          'Sam read a first draft of the accountability letter aloud. Alex listened without leaving the room, then asked two questions about dates.',
        intervention:
          'Slowed the reading down and helped Sam answer the date questions plainly, without adding context.',
        response:
          'Alex said it was the first time it sounded owned. Sam was visibly relieved and did not argue.',
        plan: 'Sam to revise the letter with the feedback; decide together next week whether it is shared. Keep the weekly thermometer.',
      },
    },
    {
      inDays: -2,
      format: 'dap',
      sign: false,
      sections: {
        data: 'Short session; Alex arrived late after a hard day at work. Talked about the week and the letter.',
        assessment: '',
        plan: '',
      },
    },
  ],
  'Jordan & Riley Lee': [
    {
      inDays: -14,
      format: 'dap',
      sign: true,
      addendum:
        'Added after the session: Riley emailed that the joint account statements were shared as agreed. Noted for the next session.',
      sections: {
        data: 'Both described a year of hidden spending and small lies about money, each feeling the other started it. Agreed to stop the blame for the hour.',
        assessment:
          'A mutual breach; neither is only the one who was hurt. Stage 1: both want the hiding to stop. Good humour despite the tension.',
        plan: 'Each member fills the trust thermometer weekly. Share account statements before the next session.',
      },
    },
    {
      inDays: -7,
      format: 'soap',
      sign: true,
      sections: {
        subjective:
          'Jordan said sharing the statements felt exposing but also a relief. Riley said they still expect to find something else.',
        objective:
          'Readings close together (both around 5). Calm, some eye contact, one raised voice.',
        assessment:
          'Transparency agreement holding. Riley’s expectation of more surprises is understandable and should be named, not argued with.',
        plan: 'Draft the relationship agreement together (money, phones, time). Keep the thermometer.',
      },
    },
    {
      inDays: -1,
      format: 'soap',
      sign: false,
      sections: {
        subjective: 'Riley reported a good week; Jordan mentioned one argument about a purchase.',
        objective: '',
        assessment: '',
        plan: '',
      },
    },
  ],
};

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const HELPED = [
  'A long walk on Sunday',
  'Phones away at dinner',
  'An honest answer to a hard question',
  'Planning the weekend together',
  'A thank-you note',
];
const HURT = [
  'Silence after the session',
  'A late message',
  'An old argument resurfacing',
  'Feeling checked up on',
  'A tense phone call',
];

const LETTER: Answers = {
  what_i_did:
    'For eight months I kept up a secret relationship and lied about where I was on many evenings.',
  impact:
    'You stopped trusting your own sense of what was real, and you carried that alone for months.',
  not_excusing:
    'Work stress and feeling distant are not reasons. I chose to hide it, again and again.',
  doing_differently:
    'I tell you where I am without being asked, and I answer your questions, even the hard ones.',
};
