import { ExercisesService } from '@mend/exercises/api';
import { BUILT_IN_EXERCISES } from '@mend/exercises/model';
import type { ApiErrorBody, ExerciseDetail, ExercisePage, FieldDef } from '@mend/shared/contracts';
import { Agent, bootApp, TestApp, TestClinic, TestUser } from '../support/test-app';

const FIELDS: FieldDef[] = [
  {
    key: 'gratitude',
    type: 'long_text',
    label: 'One thing I appreciated this week',
    required: true,
  },
  {
    key: 'closeness',
    type: 'scale',
    label: 'How close did we feel?',
    required: true,
    minLabel: 'Far',
    maxLabel: 'Close',
  },
];

const newExercise = (title = 'Appreciation note') => ({
  title,
  stage: 'reciprocity',
  audience: 'each_member',
  recurrence: 'weekly',
  instructions: 'Write down one moment of appreciation, however small.',
  fields: FIELDS,
});

describe('the exercise library', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let other: TestClinic;
  let colleague: TestUser;
  let maya: Agent;
  let priya: Agent;

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    other = await t.createClinic();
    colleague = await t.createUser(clinic.id, 'counselor', { name: 'Priya Colleague' });
    maya = await t.signIn(clinic.counselor);
    priya = await t.signIn(colleague);
  });

  afterAll(() => t.close());

  it('gives each clinic the twelve built-in exercises in the order of the path of repair, then the three measures', async () => {
    const [first, second] = await Promise.all([
      maya.get<ExercisePage>('/api/exercises?pageSize=100'),
      priya.get<ExercisePage>('/api/exercises?pageSize=100'),
    ]);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(15);
    expect(second.body.total).toBe(15);
    expect(first.body.items[0]).toMatchObject({
      title: 'Naming the hurt',
      stage: 'acknowledge',
      builtIn: true,
      owner: null,
      version: 1,
    });
    expect(first.body.items[11]?.title).toBe('Way forward');
    // Each card says in one line what the exercise asks, in Mend's own words.
    for (const item of first.body.items) {
      const builtIn = BUILT_IN_EXERCISES.find((e) => e.title === item.title);
      expect([item.title, item.summaryLine]).toEqual([item.title, builtIn?.summary]);
    }
    expect(first.body.items.slice(12).map((e) => [e.title, e.isMeasure])).toEqual([
      ['GAD-7 · Generalized Anxiety Disorder scale', true],
      ['Mend relationship check', true],
      ['PHQ-9 · Patient Health Questionnaire', true],
    ]);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM exercises WHERE clinic_id = $1`,
      [clinic.id],
    );
    expect(count).toBe(15);
  });

  it('filters by stage, audience and title', async () => {
    const stage = await maya.get<ExercisePage>('/api/exercises?stage=time');
    expect(stage.body.items.map((e) => e.title)).toEqual(['Pace of intimacy', 'Trust thermometer']);
    const together = await maya.get<ExercisePage>('/api/exercises?audience=together');
    expect(together.body.items.map((e) => e.title)).toEqual([
      'Safety conversation',
      'Relationship agreement',
    ]);
    expect(
      (await maya.get<ExercisePage>('/api/exercises?q=letter')).body.items.map((e) => e.title),
    ).toEqual(['Accountability letter', 'Response to the letter']);
    expect((await maya.get('/api/exercises?stage=nine')).status).toBe(400);
  });

  it('shows an exercise with its typed form, as the client will see it', async () => {
    const list = await maya.get<ExercisePage>('/api/exercises?q=thermometer');
    const detail = await maya.get<ExerciseDetail>(`/api/exercises/${list.body.items[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      title: 'Trust thermometer',
      recurrence: 'weekly',
      editable: false,
    });
    expect(detail.body.fields.map((f) => `${f.key}:${f.type}`)).toEqual([
      'trust:scale',
      'safety:scale',
      'helped:short_text',
      'hurt:short_text',
    ]);
    expect(detail.body.summary).toMatch(/^A quick weekly reading/);
    // Who is speaking in a safety conversation is one of the case's members, not free text.
    const conversation = (await maya.get<ExercisePage>('/api/exercises?q=safety%20conversation'))
      .body.items[0];
    const fields = (await maya.get<ExerciseDetail>(`/api/exercises/${conversation.id}`)).body
      .fields;
    expect(fields[0].itemFields?.map((f) => `${f.key}:${f.type}`)).toEqual([
      'who:member',
      'safety_looks_like:long_text',
    ]);
  });

  it('keeps a counselor’s one-line summary, or shows the first sentence of the instructions', async () => {
    const own = await maya.post<ExerciseDetail>('/api/exercises', {
      ...newExercise('Appreciation, summarised'),
      summary: '  Notice one kind moment\n each week. ',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      summary: 'Notice one kind moment each week.',
      summaryLine: 'Notice one kind moment each week.',
    });
    const none = await maya.post<ExerciseDetail>('/api/exercises', {
      ...newExercise('Appreciation, plain'),
      instructions: 'Write down one moment of appreciation. Keep it short.',
    });
    expect(none.body).toMatchObject({
      summary: null,
      summaryLine: 'Write down one moment of appreciation.',
    });
    const listed = await maya.get<ExercisePage>('/api/exercises?q=appreciation,');
    expect(listed.body.items.map((e) => [e.title, e.summaryLine])).toEqual([
      ['Appreciation, plain', 'Write down one moment of appreciation.'],
      ['Appreciation, summarised', 'Notice one kind moment each week.'],
    ]);
    const tooLong = await maya.post<ApiErrorBody>('/api/exercises', {
      ...newExercise(),
      summary: 'x'.repeat(201),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields).toEqual([
      { field: 'summary', reasons: ['Keep the summary under 200 characters.'] },
    ]);
    // A copy keeps it; an edit may change it.
    const copy = await priya.post<ExerciseDetail>(`/api/exercises/${own.body.id}/copy`);
    expect(copy.body.summary).toBe('Notice one kind moment each week.');
  });

  it('takes a member question, in a list too', async () => {
    const created = await maya.post<ExerciseDetail>('/api/exercises', {
      ...newExercise('Taking turns'),
      audience: 'together',
      fields: [
        {
          key: 'turns',
          type: 'list',
          label: 'Our turns',
          required: true,
          itemFields: [
            { key: 'who', type: 'member', label: 'Who is speaking', required: true },
            { key: 'said', type: 'long_text', label: 'What I said', required: true },
          ],
        },
        { key: 'first', type: 'member', label: 'Who went first', required: false },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.fields[1]).toEqual({
      key: 'first',
      type: 'member',
      label: 'Who went first',
      required: false,
    });
  });

  it('brings a clinic’s existing built-ins up to date in a new version, keeping the old one as it was', async () => {
    const older = await t.createClinic();
    const agent = await t.signIn(older.counselor);
    await agent.get('/api/exercises?pageSize=100');
    // The built-ins as a clinic had them before summaries and the member question.
    const oldWho = { key: 'who', type: 'short_text', label: 'Who is speaking', required: true };
    await t.dataSource.query(
      `UPDATE exercise_versions v SET summary = NULL FROM exercises e
        WHERE e.id = v.exercise_id AND e.clinic_id = $1`,
      [older.id],
    );
    await t.dataSource.query(
      `UPDATE exercise_versions v SET fields = jsonb_set(v.fields, '{0,itemFields,0}', $2::jsonb)
         FROM exercises e
        WHERE e.id = v.exercise_id AND e.clinic_id = $1 AND e.built_in_key = 'safety_conversation'`,
      [older.id, JSON.stringify(oldWho)],
    );
    const conversation = async () =>
      (await agent.get<ExercisePage>('/api/exercises?q=safety%20conversation')).body.items[0];
    // Without a summary, the card shows the first sentence of the instructions.
    expect(await conversation()).toMatchObject({
      version: 1,
      summaryLine:
        'Sit down together, with your phones away, and take turns answering the question below.',
    });

    // The next process to read the library (here: this one, forgetting it had checked).
    (
      t.app.get(ExercisesService) as unknown as { builtInsSynced: Set<string> }
    ).builtInsSynced.delete(older.id);
    const updated = await conversation();
    expect(updated).toMatchObject({
      version: 2,
      summaryLine:
        'Together, each of you says what safety looks like now, and you agree on one small next step.',
    });
    const current = await agent.get<ExerciseDetail>(`/api/exercises/${updated.id}`);
    expect(current.body.fields[0].itemFields?.[0].type).toBe('member');
    // Assignments keep the version they were given with: its "who" is still free text.
    const first = await agent.get<ExerciseDetail>(`/api/exercises/${updated.id}/versions/1`);
    expect(first.body.fields[0].itemFields?.[0]).toEqual(oldWho);
    expect(first.body.summary).toBeNull();
    const list = await agent.get<ExercisePage>('/api/exercises?pageSize=100');
    expect(list.body.items.every((e) => e.version === 2)).toBe(true);
  });

  it('lets a counselor write an exercise, and explains a broken form field by field', async () => {
    const broken = await maya.post<{ fields: { field: string }[] }>('/api/exercises', {
      ...newExercise(),
      fields: [
        {
          key: 'x',
          type: 'single_choice',
          label: 'Pick',
          required: true,
          options: [{ value: 'a', label: 'A' }],
        },
      ],
    });
    expect(broken.status).toBe(400);
    expect(broken.body.fields).toEqual([
      { field: 'fields.0.options', reasons: ['Add at least two choices.'] },
    ]);
    const missing = await maya.post<{ fields: { field: string }[] }>('/api/exercises', {
      fields: [],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f) => f.field).sort()).toEqual([
      'audience',
      'instructions',
      'recurrence',
      'stage',
      'title',
    ]);

    const created = await maya.post<ExerciseDetail>('/api/exercises', {
      ...newExercise(),
      fields: [{ ...FIELDS[0], surprise: 'dropped' }, FIELDS[1]],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Appreciation note',
      builtIn: false,
      version: 1,
      editable: true,
      owner: { id: clinic.counselor.id },
    });
    expect(created.body.fields[0]).toEqual(FIELDS[0]);
  });

  it('versions every save; an assignment can still read the version it was given with', async () => {
    const created = await maya.post<ExerciseDetail>(
      '/api/exercises',
      newExercise('Weekly appreciation'),
    );
    const id = created.body.id;
    const edited = await maya.put<ExerciseDetail>(`/api/exercises/${id}`, {
      ...newExercise('Weekly appreciation, revised'),
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await maya.put<{ message: string }>(`/api/exercises/${id}`, {
      ...newExercise('Lost edit'),
      version: 1,
    });
    expect(stale.status).toBe(409);
    const first = await maya.get<ExerciseDetail>(`/api/exercises/${id}/versions/1`);
    expect(first.body).toMatchObject({ title: 'Weekly appreciation', version: 1 });
    expect((await maya.get<ExerciseDetail>(`/api/exercises/${id}`)).body.title).toBe(
      'Weekly appreciation, revised',
    );
    expect((await maya.get(`/api/exercises/${id}/versions/9`)).status).toBe(404);
    // Only the author edits it; colleagues can read and copy it.
    expect((await priya.get<ExerciseDetail>(`/api/exercises/${id}`)).body.editable).toBe(false);
    expect(
      (await priya.put(`/api/exercises/${id}`, { ...newExercise('Mine'), version: 2 })).status,
    ).toBe(403);
    expect((await priya.post(`/api/exercises/${id}/archive`)).status).toBe(403);
  });

  it('built-ins cannot be changed, but a copy can be adapted', async () => {
    const letter = (await maya.get<ExercisePage>('/api/exercises?q=accountability')).body.items[0];
    const refused = await maya.put<{ message: string }>(`/api/exercises/${letter.id}`, {
      ...newExercise(),
      version: 1,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Copy it/);
    const copy = await maya.post<ExerciseDetail>(`/api/exercises/${letter.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      title: 'Accountability letter (copy)',
      builtIn: false,
      editable: true,
      basedOn: { id: letter.id, title: 'Accountability letter' },
    });
    const adapted = await maya.put<ExerciseDetail>(`/api/exercises/${copy.body.id}`, {
      title: 'Accountability letter for families',
      stage: copy.body.stage,
      audience: copy.body.audience,
      recurrence: copy.body.recurrence,
      instructions: copy.body.instructions,
      fields: copy.body.fields,
      version: 1,
    });
    expect(adapted.status).toBe(200);
    expect((await maya.get<ExerciseDetail>(`/api/exercises/${letter.id}`)).body.title).toBe(
      'Accountability letter',
    );
  });

  it('archives and restores one’s own exercise', async () => {
    const created = await maya.post<ExerciseDetail>('/api/exercises', newExercise('Retired idea'));
    expect(
      (await maya.post<ExerciseDetail>(`/api/exercises/${created.body.id}/archive`)).body.status,
    ).toBe('archived');
    expect((await maya.get<ExercisePage>('/api/exercises?q=retired')).body.items).toEqual([]);
    expect(
      (await maya.get<ExercisePage>('/api/exercises?q=retired&status=archived')).body.items.map(
        (e) => e.id,
      ),
    ).toEqual([created.body.id]);
    expect(
      (await maya.get<ExercisePage>('/api/exercises?mine=true&status=all')).body.items.every(
        (e) => e.owner?.id === clinic.counselor.id,
      ),
    ).toBe(true);
    expect(
      (await maya.post<ExerciseDetail>(`/api/exercises/${created.body.id}/restore`)).body.status,
    ).toBe('active');
  });

  it('admins add licensed measures, never exercises; clients are refused; another clinic sees nothing of ours', async () => {
    const admin = await t.signIn(clinic.admin);
    const client = await t.signIn(clinic.client);
    const mine = await maya.post<ExerciseDetail>('/api/exercises', newExercise('Clinic only'));
    expect((await admin.post('/api/exercises', newExercise())).status).toBe(403);
    const scale = {
      ...newExercise('Licensed scale'),
      audience: 'each_member',
      fields: [
        { key: 'q1', type: 'scale', label: 'How calm', required: true },
        { key: 'q2', type: 'scale', label: 'How rested', required: true },
      ],
      measure: {
        method: 'sum',
        items: ['q1', 'q2'],
        reversed: ['q2'],
        bands: [
          { min: 0, max: 9, label: 'Low', severity: 'moderate' },
          { min: 10, max: 20, label: 'High', severity: 'none' },
        ],
        validated: true,
        attribution: 'Used under the clinic’s licence.',
      },
    };
    const overlapping = await admin.post<ApiErrorBody>('/api/exercises', {
      ...scale,
      measure: {
        ...scale.measure,
        bands: [...scale.measure.bands, { min: 5, max: 6, label: 'X', severity: 'mild' }],
      },
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.fields?.some((f) => f.field.startsWith('measure.bands'))).toBe(true);
    const measure = await admin.post<ExerciseDetail>('/api/exercises', scale);
    expect(measure.status).toBe(201);
    expect(measure.body).toMatchObject({ isMeasure: true, measure: { method: 'sum' } });
    expect((await admin.get(`/api/exercises/${mine.body.id}`)).status).toBe(200);
    for (const agent of [client]) {
      expect((await agent.get('/api/exercises')).status).toBe(403);
      expect((await agent.get(`/api/exercises/${mine.body.id}`)).status).toBe(403);
      expect((await agent.post('/api/exercises', newExercise())).status).toBe(403);
      expect((await agent.post(`/api/exercises/${mine.body.id}/copy`)).status).toBe(403);
    }
    const outsider = await t.signIn(other.counselor);
    expect((await outsider.get(`/api/exercises/${mine.body.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/exercises/${mine.body.id}/copy`)).status).toBe(404);
    expect(
      (await outsider.put(`/api/exercises/${mine.body.id}`, { ...newExercise(), version: 1 }))
        .status,
    ).toBe(404);
    expect((await outsider.post(`/api/exercises/${mine.body.id}/archive`)).status).toBe(404);
    expect((await outsider.get<ExercisePage>('/api/exercises?q=clinic%20only')).body.items).toEqual(
      [],
    );
  });
});
