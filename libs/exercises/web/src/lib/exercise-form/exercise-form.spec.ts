import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Answers, FieldDef, FieldError, HomeworkMember } from '@mend/shared/contracts';
import { ExerciseForm } from './exercise-form';

const FIELDS: FieldDef[] = [
  { key: 'name', type: 'short_text', label: 'A word for today', required: true, maxLength: 5 },
  {
    key: 'story',
    type: 'long_text',
    label: 'What happened',
    help: 'In your own words.',
    required: true,
  },
  {
    key: 'trust',
    type: 'scale',
    label: 'How much do you trust your partner today?',
    required: true,
    minLabel: 'Not at all',
    maxLabel: 'Completely',
  },
  {
    key: 'willing',
    type: 'single_choice',
    label: 'Are you willing to keep working on this?',
    required: false,
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'unsure', label: 'Unsure' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    key: 'feelings',
    type: 'multiple_choice',
    label: 'Which feelings are with you?',
    required: true,
    allowOther: true,
    options: [
      { value: 'anger', label: 'Anger' },
      { value: 'sadness', label: 'Sadness' },
      { value: 'hope', label: 'Hope' },
    ],
  },
  {
    key: 'steps',
    type: 'checklist',
    label: 'This week I…',
    required: false,
    options: [
      { value: 'checked_in', label: 'Checked in daily' },
      { value: 'shared', label: 'Shared my phone' },
    ],
  },
  { key: 'review_on', type: 'date', label: 'Review on', required: false },
  {
    key: 'agreements',
    type: 'list',
    label: 'Our agreements',
    required: true,
    maxItems: 2,
    itemFields: [
      {
        key: 'category',
        type: 'single_choice',
        label: 'Category',
        required: true,
        options: [
          { value: 'contact', label: 'Contact boundaries' },
          { value: 'other', label: 'Other' },
        ],
      },
      { key: 'text', type: 'short_text', label: 'Agreement', required: true },
    ],
  },
];

interface Setup {
  fields?: FieldDef[];
  answers?: Answers;
  readonly?: boolean;
  serverErrors?: FieldError[];
  complete?: boolean;
  crisisText?: string | null;
  attribution?: string | null;
  members?: HomeworkMember[];
}

async function render(setup: Setup = {}) {
  const fixture: ComponentFixture<ExerciseForm> = TestBed.createComponent(ExerciseForm);
  fixture.componentRef.setInput('fields', setup.fields ?? FIELDS);
  if (setup.crisisText !== undefined) fixture.componentRef.setInput('crisisText', setup.crisisText);
  if (setup.attribution !== undefined)
    fixture.componentRef.setInput('attribution', setup.attribution);
  fixture.componentRef.setInput('answers', setup.answers ?? {});
  fixture.componentRef.setInput('readonly', setup.readonly ?? false);
  fixture.componentRef.setInput('serverErrors', setup.serverErrors ?? []);
  fixture.componentRef.setInput('complete', setup.complete ?? false);
  if (setup.members) fixture.componentRef.setInput('members', setup.members);
  const emitted: Answers[] = [];
  fixture.componentInstance.answersChange.subscribe((a) => emitted.push(a));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const field = (path: string) =>
    element.querySelector(`[data-testid="field-${path}"]`) as HTMLElement;
  const last = () => emitted[emitted.length - 1];
  const type = async (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const click = async (el: Element | null) => {
    (el as HTMLElement).click();
    await fixture.whenStable();
  };
  return { fixture, element, field, emitted, last, type, click };
}

describe('ExerciseForm', () => {
  it('labels every question and ties its help to the control', async () => {
    const { element, field } = await render();
    for (const f of FIELDS) expect(field(f.key).textContent).toContain(f.label);
    const story = field('story').querySelector('textarea') as HTMLTextAreaElement;
    const label = element.querySelector(`label[for="${story.id}"]`);
    expect(label?.textContent).toContain('What happened');
    const help = field('story').querySelector('.help') as HTMLElement;
    expect(help.textContent).toContain('In your own words.');
    expect(story.getAttribute('aria-describedby')).toContain(help.id);
    expect(field('willing').textContent).toContain('optional');
    expect(field('name').textContent).not.toContain('optional');
  });

  it('answers short and long text as strings', async () => {
    const { field, last, type } = await render();
    await type(field('name').querySelector('textarea') as HTMLTextAreaElement, 'calm');
    expect(last()).toEqual({ name: 'calm' });
    await type(field('story').querySelector('textarea') as HTMLTextAreaElement, 'A long day');
    expect(last()).toEqual({ name: 'calm', story: 'A long day' });
  });

  it('writes every free-text answer in a field that grows, never a one-line input', async () => {
    const { element, field, type, last } = await render({ answers: { agreements: [{}] } });
    // Short text, long text, "something else" and text inside a list item.
    for (const path of ['name', 'story', 'feelings', 'agreements.0.text']) {
      const area = field(path).querySelector('textarea') as HTMLTextAreaElement;
      expect(area).not.toBeNull();
      expect(area.classList).toContain('cdk-textarea-autosize');
    }
    const textInputs = element.querySelectorAll(
      'input:not([type]), input[type="text"], input[type="search"]',
    );
    // Only the date picker's input remains.
    expect(
      Array.from(textInputs).map((i) => i.closest('[data-testid]')?.getAttribute('data-testid')),
    ).toEqual(['field-review_on']);
    // A label still names the short answer, and its words keep their line breaks.
    const name = field('name').querySelector('textarea') as HTMLTextAreaElement;
    expect(element.querySelector(`label[for="${name.id}"]`)?.textContent).toContain(
      'A word for today',
    );
    await type(
      field('agreements.0.text').querySelector('textarea') as HTMLTextAreaElement,
      'No\ncontact',
    );
    expect(last()).toEqual({ agreements: [{ text: 'No\ncontact' }] });
  });

  it('shows the scale as eleven choices with its end labels and answers a number', async () => {
    const { field, last, click } = await render();
    const radios = field('trust').querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios).toHaveLength(11);
    expect(radios[0].getAttribute('aria-label')).toBe('0, Not at all');
    expect(radios[10].getAttribute('aria-label')).toBe('10, Completely');
    expect(field('trust').querySelector('[role="radiogroup"]')).not.toBeNull();
    expect(field('trust').querySelector('.ends')?.textContent).toContain('Not at all');
    // The ends carry their numbers, so they read right when the steps wrap on a phone.
    expect(field('trust').querySelector('.ends')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '0 Not at all Completely 10',
    );
    // Every step is a native radio of one group: one tap, and arrow keys move between them.
    expect(new Set(Array.from(radios).map((r) => r.name)).size).toBe(1);
    expect(field('trust').querySelector('.scale-box .scale')).not.toBeNull();
    await click(radios[7]);
    expect(last()).toEqual({ trust: 7 });
  });

  it('answers a single choice with the option’s value, and lets an optional one be cleared', async () => {
    const { field, last, click } = await render();
    const radios = field('willing').querySelectorAll('input[type="radio"]');
    await click(radios[1]);
    expect(last()).toEqual({ willing: 'unsure' });
    const clear = Array.from(field('willing').querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Clear'),
    );
    await click(clear ?? null);
    expect(last()).toEqual({ willing: null });
  });

  it('answers multiple choice as { values, other } in the options’ order', async () => {
    const { field, last, click, type } = await render();
    const boxes = field('feelings').querySelectorAll('input[type="checkbox"]');
    await click(boxes[2]);
    await click(boxes[0]);
    expect(last()).toEqual({ feelings: { values: ['anger', 'hope'] } });
    await type(field('feelings').querySelector('textarea') as HTMLTextAreaElement, 'Tired');
    expect(last()).toEqual({ feelings: { values: ['anger', 'hope'], other: 'Tired' } });
    await click(boxes[0]);
    expect(last()).toEqual({ feelings: { values: ['hope'], other: 'Tired' } });
  });

  it('answers a checklist as the ticked values', async () => {
    const { field, last, click } = await render();
    const boxes = field('steps').querySelectorAll('input[type="checkbox"]');
    await click(boxes[1]);
    expect(last()).toEqual({ steps: ['shared'] });
    await click(boxes[0]);
    expect(last()).toEqual({ steps: ['checked_in', 'shared'] });
  });

  it('answers a date as YYYY-MM-DD', async () => {
    const { field, last, fixture } = await render({ answers: { review_on: '2026-10-01' } });
    const input = field('review_on').querySelector('input') as HTMLInputElement;
    expect(input.value).not.toBe('');
    input.value = '2026-11-20';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(last()).toEqual({ review_on: '2026-11-20' });
  });

  it('adds, fills and removes list items up to the list’s limit', async () => {
    const { field, last, click, type, element } = await render();
    const add = field('agreements').querySelector('[data-testid="list-add"]') as HTMLButtonElement;
    await click(add);
    expect(last()).toEqual({ agreements: [{}] });
    await type(
      field('agreements.0.text').querySelector('textarea') as HTMLTextAreaElement,
      'No contact',
    );
    await click(field('agreements.0.category').querySelectorAll('input[type="radio"]')[0]);
    expect(last()).toEqual({ agreements: [{ text: 'No contact', category: 'contact' }] });
    await click(add);
    expect(element.querySelectorAll('[data-testid="list-item"]')).toHaveLength(2);
    expect(add.disabled).toBe(true);
    await click(element.querySelector('[data-testid="list-remove"]'));
    expect(last()).toEqual({ agreements: [{}] });
  });

  it('shows server errors beside their field until that answer changes', async () => {
    const { field, type } = await render({
      answers: { agreements: [{ text: 'x' }] },
      serverErrors: [
        { field: 'agreements.0.text', reasons: ['Say more than one letter.'] },
        { field: 'answers.story', reasons: ['Please answer this question.'] },
      ],
    });
    expect(field('agreements.0.text').textContent).toContain('Say more than one letter.');
    expect(field('story').textContent).toContain('Please answer this question.');
    const input = field('agreements.0.text').querySelector('textarea') as HTMLTextAreaElement;
    expect(input.getAttribute('aria-describedby')).toMatch(/error/);
    await type(input, 'No contact with J.');
    expect(field('agreements.0.text').textContent).not.toContain('Say more than one letter.');
    expect(field('story').textContent).toContain('Please answer this question.');
  });

  it('checks answers live, and flags empty required answers only once complete', async () => {
    const { field, type, fixture } = await render();
    await type(field('name').querySelector('textarea') as HTMLTextAreaElement, 'far too long');
    expect(field('name').textContent).toContain('Keep this under 5 characters.');
    expect(field('story').textContent).not.toContain('Please answer');
    fixture.componentRef.setInput('complete', true);
    await fixture.whenStable();
    expect(field('story').textContent).toContain('Please answer this question.');
    expect(field('willing').textContent).not.toContain('Please answer');
  });

  it('shows answers read-only, without inputs', async () => {
    const { element, field } = await render({
      readonly: true,
      answers: {
        name: 'calm',
        story: 'Line one\nLine two',
        trust: 6,
        willing: 'yes',
        feelings: { values: ['sadness'], other: 'Tired' },
        steps: ['shared'],
        agreements: [{ category: 'contact', text: 'No contact' }],
      },
    });
    expect(element.querySelectorAll('input, textarea, mat-checkbox, mat-radio-group')).toHaveLength(
      0,
    );
    expect(field('story').textContent).toContain('Line one\nLine two');
    expect(field('trust').querySelector('.selected')?.textContent?.trim()).toBe('6');
    expect(field('willing').textContent).toContain('Yes');
    expect(field('feelings').textContent).toContain('Sadness');
    expect(field('feelings').textContent).toContain('Other: Tired');
    expect(field('steps').textContent).toContain('Shared my phone, ticked');
    expect(field('review_on').textContent).toContain('No answer');
    expect(field('agreements.0.category').textContent).toContain('Contact boundaries');
    expect(element.querySelector('[data-testid="list-add"]')).toBeNull();
  });

  describe('critical answers', () => {
    const CRITICAL: FieldDef[] = [
      {
        ...FIELDS[2],
        key: 'safety',
        label: 'How safe do you feel?',
        critical: { when: 'at_most', value: 2 },
      },
      {
        ...FIELDS[3],
        key: 'home',
        label: 'Is it safe at home?',
        critical: { when: 'is_one_of', values: ['no'] },
      },
    ];
    const CRISIS = 'If you are in danger, call 911. Our clinic line: 555-0100.';

    it('shows the crisis text under the questions as soon as a critical answer is picked', async () => {
      const { element, field, click } = await render({ fields: CRITICAL, crisisText: CRISIS });
      const callout = () => element.querySelector('[data-testid="crisis-callout"]');
      expect(callout()).toBeNull();
      await click(field('safety').querySelectorAll('input[type="radio"]')[5]);
      expect(callout()).toBeNull();
      await click(field('safety').querySelectorAll('input[type="radio"]')[2]);
      expect(callout()?.getAttribute('role')).toBe('alert');
      expect(callout()?.textContent).toContain(CRISIS);
      // Below the last question.
      const last = field('home');
      expect(last.compareDocumentPosition(callout() as Node)).toBe(
        Node.DOCUMENT_POSITION_FOLLOWING,
      );
      await click(field('safety').querySelectorAll('input[type="radio"]')[3]);
      expect(callout()).toBeNull();
      await click(field('home').querySelectorAll('input[type="radio"]')[2]);
      expect(callout()?.textContent).toContain(CRISIS);
    });

    it('shows nothing without the clinic’s crisis text', async () => {
      const { element } = await render({
        fields: CRITICAL,
        answers: { safety: 0, home: 'no' },
        crisisText: null,
      });
      expect(element.querySelector('[data-testid="crisis-callout"]')).toBeNull();
      expect(element.querySelector('[role="alert"]')).toBeNull();
    });
  });

  describe('a member question', () => {
    const WHO: FieldDef[] = [
      {
        key: 'answers',
        type: 'list',
        label: 'What does safety look like for us now?',
        required: true,
        itemFields: [
          { key: 'who', type: 'member', label: 'Who is speaking', required: true },
          { key: 'says', type: 'long_text', label: 'Safety looks like…', required: true },
        ],
      },
    ];
    const MEMBERS: HomeworkMember[] = [
      { userId: 'u-alex', displayName: 'Alex Rivera' },
      { userId: 'u-sam', displayName: 'Sam Rivera' },
    ];

    it('offers the case’s members by name, as a radio group, and answers their id', async () => {
      const { field, last, click } = await render({
        fields: WHO,
        members: MEMBERS,
        answers: { answers: [{}] },
      });
      const who = field('answers.0.who');
      const group = who.querySelector('mat-radio-group') as HTMLElement;
      expect(group.getAttribute('aria-labelledby')).toBe(
        who.querySelector('.question')?.getAttribute('id'),
      );
      expect(
        Array.from(who.querySelectorAll('[data-testid="member-option"]')).map((o) =>
          o.textContent?.trim(),
        ),
      ).toEqual(['Alex Rivera', 'Sam Rivera']);
      expect(who.querySelector('input:not([type="radio"]), textarea')).toBeNull();
      await click(who.querySelectorAll('input[type="radio"]')[1]);
      expect(last()).toEqual({ answers: [{ who: 'u-sam' }] });
    });

    it('flags an id that is none of the members', async () => {
      const { field } = await render({
        fields: WHO,
        members: MEMBERS,
        answers: { answers: [{ who: 'u-stranger', says: 'x' }] },
      });
      expect(field('answers.0.who').querySelector('.error')?.textContent).toContain(
        'Choose one of the people in this case.',
      );
    });

    it('places the server’s refusal beside the item, though the list itself is keyed “answers”', async () => {
      const { element, field } = await render({
        fields: WHO,
        members: MEMBERS,
        answers: { answers: [{ who: 'u-alex', says: 'x' }] },
        serverErrors: [
          { field: 'answers.answers.0.who', reasons: ['Choose one of the people in this case.'] },
        ],
      });
      expect(field('answers.0.who').querySelector('.error')?.textContent).toContain(
        'Choose one of the people in this case.',
      );
      expect(element.querySelector('.notice')).toBeNull();
    });

    it('shows an answer by name, a former member’s too, and older free text as written', async () => {
      const { field } = await render({
        fields: WHO,
        readonly: true,
        members: [...MEMBERS, { userId: 'u-kim', displayName: 'Kim Lee', former: true }],
        answers: {
          answers: [
            { who: 'u-sam', says: 'No surprises' },
            { who: 'u-kim', says: 'Calm evenings' },
            { who: 'Alex', says: 'Knowing where I stand' },
          ],
        },
      });
      const names = [0, 1, 2].map((i) =>
        field(`answers.${i}.who`)
          .querySelector('[data-testid="member-answer"]')
          ?.textContent?.trim(),
      );
      expect(names).toEqual(['Sam Rivera', 'Kim Lee', 'Alex']);
      expect(field('answers.0.who').textContent).not.toContain('u-sam');
    });

    it('keeps older free text visible beside the choices while editing', async () => {
      const { field } = await render({
        fields: WHO,
        members: MEMBERS,
        answers: { answers: [{ who: 'Alex' }] },
      });
      expect(
        field('answers.0.who').querySelector('[data-testid="member-earlier"]')?.textContent,
      ).toContain('Alex');
    });
  });

  it('shows a measure’s attribution under the questions', async () => {
    const { element } = await render({ attribution: 'Developed by Drs. Spitzer and colleagues.' });
    expect(element.querySelector('[data-testid="measure-attribution"]')?.textContent).toContain(
      'Developed by Drs. Spitzer and colleagues.',
    );
  });
});
