import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import type {
  AddendumView,
  AuditEventView,
  CaseDetail,
  ExercisePage,
  HomeworkPage,
  HomeworkSince,
  NoteCounts,
  NoteSaved,
  NoteView,
  Page,
  SessionPage,
  SessionView,
} from '@mend/shared/contracts';
import {
  Agent,
  bootApp,
  onEmbeddedDatabase,
  TestApp,
  TestClinic,
  TestUser,
} from '../support/test-app';

const MARKER = 'NOTE-MARKER-she-found-the-second-phone';
const today = () => new Date().toISOString().slice(0, 10);
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('sessions and clinical notes', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let offCase: TestUser;
  let admin: Agent;
  let maya: Agent; // the case's counselor
  let priya: Agent; // a counselor of the same clinic, not on the case
  let stranger: Agent; // the counselor of another clinic
  let sam: Agent;
  let alex: Agent;
  let caseId: string;
  let sessionId: string;
  let noteId: string;

  /**
   * Who is refused the case's sessions and notes, and how: admins and clients never reach these
   * routes (403), counselors off the case and other clinics' do not find the record (404).
   */
  const refusals = () =>
    [
      [admin, 403],
      [sam, 403],
      [alex, 403],
      [priya, 404],
      [stranger, 404],
    ] as const;

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
    offCase = await t.createUser(clinic.id, 'counselor');
    admin = await t.signIn(clinic.admin);
    maya = await t.signIn(clinic.counselor);
    priya = await t.signIn(offCase);
    stranger = await t.signIn(other.counselor);
    sam = await t.signIn(clinic.client);
    alex = await t.signIn(clinic.partner);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Sam & Alex',
      type: 'couple',
      startedOn: today(),
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    caseId = opened.body.id;
  });

  afterAll(() => t.close());

  const session = (overrides: Record<string, unknown> = {}) => ({
    startsAt: hoursFromNow(-2),
    durationMinutes: 50,
    type: 'couple',
    mode: 'in_person',
    attendeeIds: [clinic.client.id, clinic.partner.id],
    ...overrides,
  });
  const soap = (subjective: string) => ({
    subjective,
    objective: 'Calm, eye contact, brought the thermometer.',
    assessment: 'Stage 2: responsibility taken.',
    plan: 'Weekly thermometer; letter next.',
  });

  describe('sessions', () => {
    it('the case’s counselor records a session; it is listed on the case and in recent sessions', async () => {
      // The previous session, so "homework since" has a window.
      const earlier = await maya.post<SessionView>(
        `/api/cases/${caseId}/sessions`,
        session({ startsAt: hoursFromNow(-24 * 7) }),
      );
      expect(earlier.status).toBe(201);
      const reply = await maya.post<SessionView>(`/api/cases/${caseId}/sessions`, session());
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        caseId,
        caseTitle: 'Sam & Alex',
        durationMinutes: 50,
        type: 'couple',
        mode: 'in_person',
        counselor: { userId: clinic.counselor.id },
        note: null,
      });
      expect(reply.body.attendees).toHaveLength(2);
      sessionId = reply.body.id;
      const upcoming = await maya.post<SessionView>(
        `/api/cases/${caseId}/sessions`,
        session({ startsAt: hoursFromNow(24 * 7), mode: 'telehealth' }),
      );
      expect(upcoming.status).toBe(201);

      const ofCase = await maya.get<SessionPage>(`/api/cases/${caseId}/sessions`);
      expect(ofCase.body.total).toBe(3);
      expect(ofCase.body.items[0].id).toBe(upcoming.body.id); // newest first
      const recent = await maya.get<SessionPage>('/api/sessions?when=recent');
      expect(recent.body.items.map((s) => s.id)).toEqual([sessionId, earlier.body.id]);
      const next = await maya.get<SessionPage>('/api/sessions?when=upcoming');
      expect(next.body.items.map((s) => s.id)).toEqual([upcoming.body.id]);
      expect((await maya.get('/api/sessions?when=someday')).status).toBe(400);
      const trail = await t.auditTrail(sessionId);
      expect(trail.map((e) => e.action)).toEqual(['session.recorded']);
    });

    it('refuses bad details field by field, and attendees who are not members', async () => {
      const bad = await maya.post<{ fields: { field: string }[] }>(
        `/api/cases/${caseId}/sessions`,
        {
          startsAt: 'next tuesday',
          durationMinutes: 5,
          type: 'group',
          mode: 'phone',
          attendeeIds: [],
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f) => f.field).sort()).toEqual(
        ['attendeeIds', 'durationMinutes', 'mode', 'startsAt', 'type'].sort(),
      );
      const outsider = await maya.post<{ fields: { field: string }[] }>(
        `/api/cases/${caseId}/sessions`,
        session({ attendeeIds: [offCase.id] }),
      );
      expect(outsider.status).toBe(400);
      expect(outsider.body.fields).toEqual([
        { field: 'attendeeIds', reasons: ['Choose attendees among the case’s members.'] },
      ]);
    });

    it('nobody else reaches the case’s sessions: admin and clients 403 (never allowed), another counselor and another clinic 404', async () => {
      for (const [agent, refused] of refusals()) {
        expect((await agent.post(`/api/cases/${caseId}/sessions`, session())).status).toBe(refused);
        expect((await agent.get(`/api/cases/${caseId}/sessions`)).status).toBe(refused);
        expect((await agent.get(`/api/sessions/${sessionId}`)).status).toBe(refused);
        expect(
          (await agent.patch(`/api/sessions/${sessionId}`, { durationMinutes: 60 })).status,
        ).toBe(refused);
        expect(
          (await agent.post(`/api/sessions/${sessionId}/note`, { format: 'soap' })).status,
        ).toBe(refused);
        expect((await agent.get(`/api/cases/${caseId}/note-access`)).status).toBe(refused);
      }
      expect((await priya.get<SessionPage>('/api/sessions?when=recent')).body.total).toBe(0);
      for (const agent of [admin, sam]) expect((await agent.get('/api/sessions')).status).toBe(403);
    });
  });

  describe('the note', () => {
    it('starts once per session, in the format chosen; a retried start returns the same note', async () => {
      const first = await maya.post<NoteView>(`/api/sessions/${sessionId}/note`, {
        format: 'soap',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        format: 'soap',
        status: 'draft',
        version: 1,
        sections: { subjective: '', objective: '', assessment: '', plan: '' },
        addenda: [],
        session: { id: sessionId },
      });
      noteId = first.body.id;
      const again = await maya.post<NoteView>(`/api/sessions/${sessionId}/note`, { format: 'dap' });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(noteId);
      expect((await maya.post(`/api/sessions/${sessionId}/note`, { format: 'xyz' })).status).toBe(
        400,
      );
    });

    it('autosaves with a version check: a retry is harmless, a stale edit answers 409', async () => {
      const saved = await maya.put<NoteSaved>(`/api/notes/${noteId}`, {
        format: 'soap',
        sections: soap(MARKER),
        version: 1,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(2);
      // The same save again (the network dropped the answer): no conflict, no new version.
      const retried = await maya.put<NoteSaved>(`/api/notes/${noteId}`, {
        format: 'soap',
        sections: soap(MARKER),
        version: 1,
      });
      expect(retried.status).toBe(200);
      expect(retried.body.version).toBe(2);
      const stale = await maya.put(`/api/notes/${noteId}`, {
        format: 'soap',
        sections: soap('an older tab'),
        version: 1,
      });
      expect(stale.status).toBe(409);
      const read = await maya.get<NoteView>(`/api/notes/${noteId}`);
      expect(read.body.sections['subjective']).toBe(MARKER);
      expect(read.body.version).toBe(2);
    });

    it('two tabs saving the same draft at once: one 200 and one 409', async () => {
      const secondTab = await t.signIn(clinic.counselor);
      const [a, b] = await Promise.all([
        maya.put(`/api/notes/${noteId}`, {
          format: 'soap',
          sections: soap(`${MARKER} A`),
          version: 2,
        }),
        secondTab.put(`/api/notes/${noteId}`, {
          format: 'soap',
          sections: soap(`${MARKER} B`),
          version: 2,
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const read = await maya.get<NoteView>(`/api/notes/${noteId}`);
      expect(read.body.version).toBe(3);
    });

    it('refuses sections the format does not have and text over the limit, by field', async () => {
      const bad = await maya.put<{ fields: { field: string }[] }>(`/api/notes/${noteId}`, {
        format: 'dap',
        sections: { data: 'x'.repeat(20_001), behaviour: 'not in DAP' },
        version: 3,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields.map((f) => f.field).sort()).toEqual([
        'sections.behaviour',
        'sections.data',
      ]);
      expect(
        (await maya.put(`/api/notes/${noteId}`, { format: 'soap', sections: 'x', version: 3 }))
          .status,
      ).toBe(400);
    });

    it('keeps the note text encrypted: the marker is nowhere in the database', async () => {
      const [row] = await t.dataSource.query(`SELECT content_enc FROM notes WHERE id = $1`, [
        noteId,
      ]);
      expect(row.content_enc).not.toContain('NOTE-MARKER');
      expect(await databaseContains('NOTE-MARKER')).toBe(false);
    });

    it('pulls in the homework submitted since the previous session, with its 0–10 answers', async () => {
      const library = await maya.get<ExercisePage>('/api/exercises?pageSize=100');
      const thermometer = library.body.items.find((e) => e.title === 'Trust thermometer');
      const assigned = await maya.post(`/api/cases/${caseId}/assignments`, {
        exerciseId: thermometer?.id,
        target: 'member',
        memberId: clinic.partner.id,
        dueOn: today(),
        recurrence: 'once',
        confirmLaterStage: true,
      });
      expect(assigned.status).toBe(201);
      const due = await alex.get<HomeworkPage>('/api/homework/mine?view=due');
      const item = due.body.items.find((h) => h.title === 'Trust thermometer');
      const submitted = await alex.post(`/api/homework/${item?.id}/submit`, {
        version: 0,
        answers: { trust: 3, safety: 4, helped: 'a walk', hurt: 'silence' },
      });
      expect(submitted.status).toBe(200);
      // This session ended an hour ago; homework submitted now belongs to the next one.
      const before = await maya.get<HomeworkSince>(`/api/notes/${noteId}/homework-since`);
      expect(before.body.items).toEqual([]);
      await t.dataSource.query(
        `UPDATE homework SET submitted_at = now() - interval '3 hours' WHERE id = $1`,
        [item?.id],
      );
      const since = await maya.get<HomeworkSince>(`/api/notes/${noteId}/homework-since`);
      expect(since.status).toBe(200);
      expect(since.body.since).not.toBeNull();
      expect(since.body.items).toEqual([
        expect.objectContaining({
          homeworkId: item?.id,
          title: 'Trust thermometer',
          member: { userId: clinic.partner.id, displayName: expect.any(String) },
          scales: expect.arrayContaining([
            { label: 'How much do I trust my partner today?', value: 3 },
            { label: 'How safe do I feel in this relationship today?', value: 4 },
          ]),
        }),
      ]);
    });

    it('no one but the case’s counselors reads or writes the note: 403 for admin and clients, 404 for other counselors', async () => {
      const body = { format: 'soap', sections: soap('intruder'), version: 3 };
      for (const [agent, refused] of refusals()) {
        expect((await agent.get(`/api/notes/${noteId}`)).status).toBe(refused);
        expect((await agent.put(`/api/notes/${noteId}`, body)).status).toBe(refused);
        expect((await agent.post(`/api/notes/${noteId}/sign`, { version: 3 })).status).toBe(
          refused,
        );
        expect((await agent.get(`/api/notes/${noteId}/homework-since`)).status).toBe(refused);
        expect((await agent.get(`/api/notes/${noteId}/pdf`)).status).toBe(refused);
        expect((await agent.post(`/api/notes/${noteId}/addenda`, { text: 'x' })).status).toBe(
          refused,
        );
      }
      expect((await maya.get(`/api/notes/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      expect((await maya.get(`/api/notes/not-a-uuid`)).status).toBe(404);
    });

    it('exports only once signed', async () => {
      expect((await maya.get(`/api/notes/${noteId}/pdf`)).status).toBe(409);
      expect((await maya.post(`/api/notes/${noteId}/addenda`, { text: 'too early' })).status).toBe(
        409,
      );
    });
  });

  describe('signing and the lock', () => {
    const NOT_OVER = 'This session has not ended yet: sign its note once it is over.';
    /** A session of the case with a written draft note, ready to sign but for the clock. */
    const draftOn = async (startsAt: string) => {
      const recorded = await maya.post<SessionView>(
        `/api/cases/${caseId}/sessions`,
        session({ startsAt }),
      );
      expect(recorded.status).toBe(201);
      const started = await maya.post<NoteView>(`/api/sessions/${recorded.body.id}/note`, {
        format: 'soap',
      });
      const saved = await maya.put<NoteSaved>(`/api/notes/${started.body.id}`, {
        format: 'soap',
        sections: soap('Written ahead of time.'),
        version: started.body.version,
      });
      expect(saved.status).toBe(200);
      return { sessionId: recorded.body.id, noteId: started.body.id, version: saved.body.version };
    };

    it('refuses to sign the note of a session that has not ended: upcoming or still under way', async () => {
      const upcoming = await draftOn(hoursFromNow(24 * 3));
      const early = await maya.post<{ message: string }>(`/api/notes/${upcoming.noteId}/sign`, {
        version: upcoming.version,
      });
      expect(early.status).toBe(409);
      expect(early.body.message).toBe(NOT_OVER);

      // Started 15 minutes ago, 50 minutes long: not over yet.
      const running = await draftOn(hoursFromNow(-0.25));
      const during = await maya.post<{ message: string }>(`/api/notes/${running.noteId}/sign`, {
        version: running.version,
      });
      expect(during.status).toBe(409);
      expect(during.body.message).toBe(NOT_OVER);

      for (const { noteId: id, version } of [upcoming, running]) {
        const read = await maya.get<NoteView>(`/api/notes/${id}`);
        expect(read.body).toMatchObject({ status: 'draft', signedAt: null, version });
        expect((await t.auditTrail(id)).map((e) => e.action)).not.toContain('note.signed');
      }
      // Still a draft: the session's details and the note stay editable.
      expect(
        (await maya.patch(`/api/sessions/${upcoming.sessionId}`, { durationMinutes: 60 })).status,
      ).toBe(200);

      // Time passes: the running session is over, and its note signs.
      await t.dataSource.query(
        `UPDATE sessions SET starts_at = now() - interval '2 hours' WHERE id = $1`,
        [running.sessionId],
      );
      const after = await maya.post<NoteView>(`/api/notes/${running.noteId}/sign`, {
        version: running.version,
      });
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    });

    it('signs the version the counselor read; a stale signature answers 409', async () => {
      expect((await maya.post(`/api/notes/${noteId}/sign`, { version: 2 })).status).toBe(409);
      const signed = await maya.post<NoteView>(`/api/notes/${noteId}/sign`, { version: 3 });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        status: 'signed',
        signedBy: { userId: clinic.counselor.id },
        signedAt: expect.any(String),
      });
      expect((await maya.post(`/api/notes/${noteId}/sign`, { version: 3 })).status).toBe(409);
      const session = await maya.get<SessionView>(`/api/sessions/${sessionId}`);
      expect(session.body.note).toMatchObject({ id: noteId, status: 'signed' });
    });

    it('a signed note is locked in the API: saves and session changes answer 409', async () => {
      const save = await maya.put(`/api/notes/${noteId}`, {
        format: 'soap',
        sections: soap('rewriting history'),
        version: 3,
      });
      expect(save.status).toBe(409);
      expect((await maya.patch(`/api/sessions/${sessionId}`, { durationMinutes: 90 })).status).toBe(
        409,
      );
    });

    it('and in the database: the application’s role cannot update or delete a signed note', async () => {
      await expect(
        t.dataSource.query(`UPDATE notes SET format = 'dap' WHERE id = $1`, [noteId]),
      ).rejects.toThrow(/locked/);
      await expect(
        t.dataSource.query(`UPDATE notes SET content_enc = 'v1.x.y.z.w' WHERE id = $1`, [noteId]),
      ).rejects.toThrow(/locked/);
      await expect(t.dataSource.query(`DELETE FROM notes WHERE id = $1`, [noteId])).rejects.toThrow(
        /locked|foreign key/,
      );
      const read = await maya.get<NoteView>(`/api/notes/${noteId}`);
      expect(read.body.format).toBe('soap');
      expect(read.body.sections['subjective']).toMatch(new RegExp(`^${MARKER} [AB]$`));
    });

    it('lets key rotation, and only it, re-encrypt a signed note under another key', async () => {
      const [{ content_enc: stored }] = await t.dataSource.query(
        `SELECT content_enc FROM notes WHERE id = $1`,
        [noteId],
      );
      const [format, , iv, tag, body] = stored.split('.');
      const rotated = [format, 'test2', iv, tag, body].join('.');
      // Rotation runs as its own database role (see encryption.e2e.ts); a setting opens nothing.
      const attempt = async (value: string, as: 'rotation role' | 'setting' = 'rotation role') => {
        const runner = t.dataSource.createQueryRunner();
        await runner.startTransaction();
        try {
          await runner.query(
            as === 'rotation role'
              ? `SET LOCAL ROLE mend_key_rotation`
              : `SELECT set_config('mend.key_rotation', 'on', true)`,
          );
          await runner.query(`UPDATE notes SET content_enc = $1 WHERE id = $2`, [value, noteId]);
          return 'changed';
        } catch {
          return 'refused';
        } finally {
          await runner.rollbackTransaction();
          await runner.release();
        }
      };
      expect(await attempt(rotated)).toBe('changed');
      expect(await attempt(rotated, 'setting')).toBe('refused');
      expect(await attempt([format, 'test2', iv, tag, `${body}AAAA`].join('.'))).toBe('refused');
      expect(await attempt(stored)).toBe('refused'); // same key: not a rotation
    });

    it('addenda: drafted, autosaved, signed on their own and locked, shown in order', async () => {
      const added = await maya.post<AddendumView>(`/api/notes/${noteId}/addenda`, {
        text: 'Correction: the session ran 55 minutes.',
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ version: 1, signedAt: null });
      // A retried post of the same draft does not add a second one.
      const retried = await maya.post<AddendumView>(`/api/notes/${noteId}/addenda`, {
        text: 'Correction: the session ran 55 minutes.',
      });
      expect(retried.body.id).toBe(added.body.id);
      const url = `/api/notes/${noteId}/addenda/${added.body.id}`;
      const saved = await maya.put<NoteSaved>(url, {
        text: 'Correction: the session ran 55 minutes, not 50.',
        version: 1,
      });
      expect(saved.body.version).toBe(2);
      expect((await maya.put(url, { text: 'stale', version: 1 })).status).toBe(409);
      for (const [agent, refused] of [
        [admin, 403],
        [sam, 403],
        [priya, 404],
        [stranger, 404],
      ] as const) {
        expect((await agent.put(url, { text: 'x', version: 2 })).status).toBe(refused);
        expect((await agent.post(`${url}/sign`, { version: 2 })).status).toBe(refused);
      }
      const signed = await maya.post<AddendumView>(`${url}/sign`, { version: 2 });
      expect(signed.status).toBe(200);
      expect(signed.body.signedBy?.userId).toBe(clinic.counselor.id);
      expect((await maya.put(url, { text: 'changed', version: 2 })).status).toBe(409);
      await expect(
        t.dataSource.query(`UPDATE note_addenda SET version = 9 WHERE id = $1`, [added.body.id]),
      ).rejects.toThrow(/locked/);

      const second = await maya.post<AddendumView>(`/api/notes/${noteId}/addenda`, {
        text: 'Follow-up call on Friday.',
      });
      await maya.post(`/api/notes/${noteId}/addenda/${second.body.id}/sign`, { version: 1 });
      const note = await maya.get<NoteView>(`/api/notes/${noteId}`);
      expect(note.body.addenda.map((a) => a.text)).toEqual([
        'Correction: the session ran 55 minutes, not 50.',
        'Follow-up call on Friday.',
      ]);
      const [row] = await t.dataSource.query(`SELECT text_enc FROM note_addenda WHERE id = $1`, [
        added.body.id,
      ]);
      expect(row.text_enc).not.toContain('55 minutes');
    });

    it('exports the signed note with its addenda as a PDF', async () => {
      const pdf = await maya.get(`/api/notes/${noteId}/pdf?tz=Europe/Paris`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment; filename="note-/);
      expect(pdf.text.startsWith('%PDF-')).toBe(true);
      expect((await maya.get(`/api/notes/${noteId}/pdf?tz=Not/AZone`)).status).toBe(200);
    });
  });

  describe('co-counselors: who wrote what, and who signed', () => {
    let omarUser: TestUser;
    let omar: Agent; // a co-counselor of the case
    let coCase: string;
    let coNote: string;

    beforeAll(async () => {
      omarUser = await t.createUser(clinic.id, 'counselor', { name: 'Omar Haddad' });
      omar = await t.signIn(omarUser);
      const opened = await admin.post<CaseDetail>('/api/cases', {
        title: 'Sam & Alex, joint work',
        type: 'couple',
        startedOn: today(),
        memberIds: [clinic.client.id, clinic.partner.id],
        primaryCounselorId: clinic.counselor.id,
        coCounselorIds: [omarUser.id],
      });
      coCase = opened.body.id;
      const recorded = await maya.post<SessionView>(`/api/cases/${coCase}/sessions`, session());
      const started = await maya.post<NoteView>(`/api/sessions/${recorded.body.id}/note`, {
        format: 'soap',
      });
      coNote = started.body.id;
    });

    const sections = (note: NoteView) =>
      Object.fromEntries(
        Object.entries(note.sectionAuthors).map(([key, people]) => [
          key,
          people.map((p) => p.userId),
        ]),
      );

    it('each save records its writer: by section, in order, and the last to save', async () => {
      const fresh = await maya.get<NoteView>(`/api/notes/${coNote}`);
      expect(fresh.body).toMatchObject({
        author: { userId: clinic.counselor.id },
        contributors: [{ userId: clinic.counselor.id }],
        sectionAuthors: {},
        lastEditedBy: null,
      });
      const first = await maya.put<NoteSaved>(`/api/notes/${coNote}`, {
        format: 'soap',
        sections: { ...soap('Maya: the couple arrived late.'), assessment: '', plan: '' },
        version: fresh.body.version,
      });
      expect(first.status).toBe(200);
      // The co-counselor opens the colleague's draft and writes the rest.
      const seen = await omar.get<NoteView>(`/api/notes/${coNote}`);
      expect(seen.status).toBe(200);
      const second = await omar.put<NoteSaved>(`/api/notes/${coNote}`, {
        format: 'soap',
        sections: {
          ...seen.body.sections,
          assessment: 'Omar: repair attempts seen.',
          plan: 'Omar: letter.',
        },
        version: seen.body.version,
      });
      expect(second.status).toBe(200);
      const third = await omar.put<NoteSaved>(`/api/notes/${coNote}`, {
        format: 'soap',
        sections: {
          ...seen.body.sections,
          subjective: 'Maya: the couple arrived late. Omar: they had argued in the car.',
          assessment: 'Omar: repair attempts seen.',
          plan: 'Omar: letter.',
        },
        version: second.body.version,
      });
      expect(third.status).toBe(200);

      const note = await maya.get<NoteView>(`/api/notes/${coNote}`);
      expect(note.body.author.userId).toBe(clinic.counselor.id);
      expect(note.body.contributors.map((p) => p.userId)).toEqual([
        clinic.counselor.id,
        omarUser.id,
      ]);
      expect(note.body.contributors[1].displayName).toBe('Omar Haddad');
      expect(note.body.lastEditedBy?.userId).toBe(omarUser.id);
      expect(sections(note.body)).toEqual({
        subjective: [clinic.counselor.id, omarUser.id],
        objective: [clinic.counselor.id],
        assessment: [omarUser.id],
        plan: [omarUser.id],
      });
      // The audit trail names the actual writer of each save, and which sections it changed.
      const saves = (await t.auditTrail(coNote)).filter((e) => e.action === 'note.saved');
      expect(saves.map((e) => [e.actor_id, e.details['sections']])).toEqual([
        [clinic.counselor.id, ['subjective', 'objective']],
        [omarUser.id, ['assessment', 'plan']],
        [omarUser.id, ['subjective']],
      ]);
    });

    it('only the case’s counselors write or sign it: admin and clients 403, others 404', async () => {
      const { version } = (await omar.get<NoteView>(`/api/notes/${coNote}`)).body;
      for (const [agent, refused] of refusals()) {
        expect(
          (
            await agent.put(`/api/notes/${coNote}`, {
              format: 'soap',
              sections: soap('not theirs'),
              version,
            })
          ).status,
        ).toBe(refused);
        expect((await agent.post(`/api/notes/${coNote}/sign`, { version })).status).toBe(refused);
      }
      const note = await maya.get<NoteView>(`/api/notes/${coNote}`);
      expect(note.body.version).toBe(version);
      expect(note.body.contributors.map((p) => p.userId)).toEqual([
        clinic.counselor.id,
        omarUser.id,
      ]);
    });

    it('the signer is the counselor who signs; the writers stay named', async () => {
      const { version } = (await omar.get<NoteView>(`/api/notes/${coNote}`)).body;
      const signed = await omar.post<NoteView>(`/api/notes/${coNote}/sign`, { version });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        status: 'signed',
        author: { userId: clinic.counselor.id },
        signedBy: { userId: omarUser.id, displayName: 'Omar Haddad' },
        lastEditedBy: { userId: omarUser.id },
      });
      expect(signed.body.contributors.map((p) => p.userId)).toEqual([
        clinic.counselor.id,
        omarUser.id,
      ]);
      const [row] = await t.dataSource.query(
        `SELECT author_id, signed_by_id FROM notes WHERE id = $1`,
        [coNote],
      );
      expect(row).toEqual({ author_id: clinic.counselor.id, signed_by_id: omarUser.id });
      const event = (await t.auditTrail(coNote)).find((e) => e.action === 'note.signed');
      expect(event).toMatchObject({
        actor_id: omarUser.id,
        details: { authorId: clinic.counselor.id },
      });
    });

    it('an addendum started by one and finished and signed by the other names both', async () => {
      const added = await omar.post<AddendumView>(`/api/notes/${coNote}/addenda`, {
        text: 'Omar: the session ran 55 minutes.',
      });
      expect(added.body.contributors.map((p) => p.userId)).toEqual([omarUser.id]);
      const url = `/api/notes/${coNote}/addenda/${added.body.id}`;
      const saved = await maya.put<NoteSaved>(url, {
        text: 'Omar: the session ran 55 minutes. Maya: agreed.',
        version: added.body.version,
      });
      expect(saved.status).toBe(200);
      const signed = await maya.post<AddendumView>(`${url}/sign`, { version: saved.body.version });
      expect(signed.body).toMatchObject({
        author: { userId: omarUser.id },
        signedBy: { userId: clinic.counselor.id },
      });
      expect(signed.body.contributors.map((p) => p.userId)).toEqual([
        omarUser.id,
        clinic.counselor.id,
      ]);
      const trail = (await t.auditTrail(coNote)).filter((e) =>
        e.action.startsWith('note.addendum'),
      );
      expect(trail.map((e) => [e.action, e.actor_id])).toEqual([
        ['note.addendum_started', omarUser.id],
        ['note.addendum_saved', clinic.counselor.id],
        ['note.addendum_signed', clinic.counselor.id],
      ]);
    });

    it('the PDF names the writers of the note and of each section, and the signers', async () => {
      const reply = await t.app.inject({
        method: 'GET',
        url: `/api/notes/${coNote}/pdf?tz=UTC`,
        headers: { cookie: `mend_session=${maya.cookie}` },
      });
      expect(reply.statusCode).toBe(200);
      const text = pdfText(reply.rawPayload);
      const lines = text.split('\n');
      expect(text).toMatch(/Written by: \nTest counselor and Omar Haddad\n/); // the note
      expect(lines).toContain('Written by Test counselor and Omar Haddad'); // Subjective
      expect(lines).toContain('Written by Test counselor'); // Objective
      expect(lines).toContain('Written by Omar Haddad'); // Assessment and Plan
      expect(lines).toContain('Written by Omar Haddad and Test counselor'); // the addendum
      expect(text).toMatch(/\nSigned by Omar Haddad on [^\n]+\. Locked\.\n/);
      expect(text).toMatch(/\nSigned by Test counselor on [^\n]+\.\n/);
    });
  });

  describe('audit and counts', () => {
    it('every read, write, signature, addendum and export is an audit event with the address', async () => {
      const actions = (await t.auditTrail(noteId)).map((e) => e.action);
      for (const action of [
        'note.started',
        'note.saved',
        'note.read',
        'note.signed',
        'note.addendum_started',
        'note.addendum_saved',
        'note.addendum_signed',
        'note.exported',
      ])
        expect(actions).toContain(action);
      const [withIp] = await t.dataSource.query(
        `SELECT ip FROM audit_events WHERE entity_id = $1 AND action = 'note.read' LIMIT 1`,
        [noteId],
      );
      expect(withIp.ip).toBeTruthy();
    });

    it('the case’s counselor sees who accessed the notes; metadata only', async () => {
      const access = await maya.get<Page<AuditEventView>>(`/api/cases/${caseId}/note-access`);
      expect(access.status).toBe(200);
      expect(access.body.total).toBeGreaterThan(5);
      expect(access.body.items[0]).toMatchObject({
        entityType: 'note',
        entityId: noteId,
        actor: { id: clinic.counselor.id, role: 'counselor' },
      });
      expect(JSON.stringify(access.body)).not.toContain('NOTE-MARKER');
    });

    it('admins see unsigned notes per counselor, never content; others cannot', async () => {
      // A past session without a signed note is unsigned work.
      await maya.post(`/api/cases/${caseId}/sessions`, session({ startsAt: hoursFromNow(-30) }));
      const counts = await admin.get<NoteCounts>('/api/notes/counts');
      expect(counts.status).toBe(200);
      const mine = counts.body.counselors.find((c) => c.counselorId === clinic.counselor.id);
      // The earlier session (no note) and the one just recorded.
      expect(mine).toMatchObject({ unsignedNotes: 2, oldestUnsignedAt: expect.any(String) });
      // The counselor's own list of the same: past sessions without a signed note, oldest first.
      const unsigned = await maya.get<SessionPage>('/api/sessions?when=unsigned');
      expect(unsigned.body.total).toBe(2);
      expect(unsigned.body.items.map((s) => s.note?.status ?? null)).toEqual([null, null]);
      expect(unsigned.body.items.map((s) => s.id)).not.toContain(sessionId);
      expect(unsigned.body.items[0].startsAt < unsigned.body.items[1].startsAt).toBe(true);
      // What the counselor's home lists: each with its case, never an upcoming session.
      expect(unsigned.body.items.map((s) => s.caseTitle)).toEqual(['Sam & Alex', 'Sam & Alex']);
      expect(unsigned.body.items.every((s) => new Date(s.startsAt).getTime() < Date.now())).toBe(
        true,
      );
      // Another counselor's list holds none of this case's sessions; admins and clients are refused.
      const theirsToSign = await priya.get<SessionPage>('/api/sessions?when=unsigned');
      expect(theirsToSign.status).toBe(200);
      expect(theirsToSign.body.items.map((s) => s.caseId)).not.toContain(caseId);
      for (const agent of [admin, sam, alex])
        expect((await agent.get('/api/sessions?when=unsigned')).status).toBe(403);
      expect(JSON.stringify(counts.body)).not.toContain('NOTE-MARKER');
      for (const agent of [maya, sam])
        expect((await agent.get('/api/notes/counts')).status).toBe(403);
      const theirs = await t.signIn(other.admin);
      const otherCounts = await theirs.get<NoteCounts>('/api/notes/counts');
      expect(otherCounts.body.counselors.map((c) => c.counselorId)).not.toContain(
        clinic.counselor.id,
      );
    });
  });

  /**
   * The text drawn on a PDF's pages, a line per text run: pdfkit deflates each content stream
   * and writes the standard fonts' text as hex strings in TJ arrays.
   */
  function pdfText(pdf: Buffer): string {
    const raw = pdf.toString('latin1');
    const lines: string[] = [];
    for (const match of raw.matchAll(/stream\r?\n/g)) {
      const start = (match.index ?? 0) + match[0].length;
      const end = raw.indexOf('endstream', start);
      let content: string;
      try {
        content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      } catch {
        continue; // not a deflated content stream (e.g. a font)
      }
      for (const [, run] of content.matchAll(/\[(.*?)\]\s*TJ/g))
        lines.push(
          [...run.matchAll(/<([0-9a-fA-F]*)>/g)]
            .map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1'))
            .join(''),
        );
    }
    return lines.join('\n');
  }

  /** pg_dump on a real server; on the embedded one (no pg_dump of its version) every row as text. */
  async function databaseContains(marker: string): Promise<boolean> {
    const url = process.env['MEND_TEST_DATABASE_URL'] ?? '';
    if (!onEmbeddedDatabase()) {
      const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', url], {
        maxBuffer: 512 * 1024 * 1024,
      });
      expect(stdout).toContain('COPY public.notes');
      return stdout.includes(marker);
    }
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) {
      const [hit] = await t.dataSource.query(
        `SELECT 1 FROM "${table_name}" r WHERE r::text LIKE $1 LIMIT 1`,
        [`%${marker}%`],
      );
      if (hit) return true;
    }
    return false;
  }
});
