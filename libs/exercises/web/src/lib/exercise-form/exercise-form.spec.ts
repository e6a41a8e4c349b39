import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Answers, FieldDef, FieldError } from '@mend/shared/contracts';
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
    await type(field('name').querySelector('input') as HTMLInputElement, 'calm');
    expect(last()).toEqual({ name: 'calm' });
    await type(field('story').querySelector('textarea') as HTMLTextAreaElement, 'A long day');
    expect(last()).toEqual({ name: 'calm', story: 'A long day' });
  });

  it('shows the scale as eleven choices with its end labels and answers a number', async () => {
    const { field, last, click } = await render();
    const radios = field('trust').querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(radios).toHaveLength(11);
    expect(radios[0].getAttribute('aria-label')).toBe('0, Not at all');
    expect(radios[10].getAttribute('aria-label')).toBe('10, Completely');
    expect(field('trust').querySelector('[role="radiogroup"]')).not.toBeNull();
    expect(field('trust').querySelector('.ends')?.textContent).toContain('Not at all');
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
    await type(field('feelings').querySelector('input:not([type])') as HTMLInputElement, 'Tired');
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
    await type(field('agreements.0.text').querySelector('input') as HTMLInputElement, 'No contact');
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
    const input = field('agreements.0.text').querySelector('input') as HTMLInputElement;
    expect(input.getAttribute('aria-describedby')).toMatch(/error/);
    await type(input, 'No contact with J.');
    expect(field('agreements.0.text').textContent).not.toContain('Say more than one letter.');
    expect(field('story').textContent).toContain('Please answer this question.');
  });

  it('checks answers live, and flags empty required answers only once complete', async () => {
    const { field, type, fixture } = await render();
    await type(field('name').querySelector('input') as HTMLInputElement, 'far too long');
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

  it('shows a measure’s attribution under the questions', async () => {
    const { element } = await render({ attribution: 'Developed by Drs. Spitzer and colleagues.' });
    expect(element.querySelector('[data-testid="measure-attribution"]')?.textContent).toContain(
      'Developed by Drs. Spitzer and colleagues.',
    );
  });
});
