import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SAFETY_CHECK } from '@mend/exercises/model';
import type { Answers, MySafetyCheck } from '@mend/shared/contracts';
import { QUICK_EXIT } from './quick-exit';
import { SafetyCheckPage } from './safety-check-page';

const check = (changes: Partial<MySafetyCheck> = {}): MySafetyCheck => ({
  id: 's1',
  caseId: 'c1',
  caseTitle: 'Sam & Alex',
  ...SAFETY_CHECK,
  answers: {},
  version: 0,
  savedAt: null,
  submittedAt: null,
  requestedAt: '2026-05-01T10:00:00.000Z',
  crisisText: 'Call 911 if you are in danger.',
  ...changes,
});

/** Every question answered, none of them in a way that needs care. */
const calm: Answers = Object.fromEntries(
  SAFETY_CHECK.fields
    .filter((f) => f.type === 'single_choice')
    .map((f) => [
      f.key,
      f.options?.find((o) => o.value === 'no' || o.value === 'safe')?.value ?? null,
    ]),
);

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(answer: MySafetyCheck) {
  const exit = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: QUICK_EXIT, useValue: exit },
    ],
  });
  const fixture = TestBed.createComponent(SafetyCheckPage);
  fixture.componentRef.setInput('id', 's1');
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  http.expectOne('/api/safety-checks/s1').flush(answer);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  /** What the exercise form emits as the person answers. */
  const answer$ = (answers: Answers) =>
    (fixture.componentInstance as unknown as { onAnswers(a: Answers): void }).onAnswers(answers);
  return { fixture, http, element, byTestId, answer: answer$, exit };
}

describe('SafetyCheckPage', () => {
  beforeAll(() => {
    // jsdom does not scroll.
    Element.prototype.scrollIntoView = jest.fn();
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says who reads it, with the way out at the top', async () => {
    const { byTestId } = await render(check());
    expect(byTestId('safety-check-private')?.textContent).toContain(
      'Only your counselor reads this.',
    );
    expect(byTestId('safety-check-private')?.textContent).toContain('Your partner is never told');
    expect(byTestId('quick-exit')?.textContent).toContain('Leave this page');
    expect(byTestId('crisis-callout')).toBeNull();
  });

  it('shows the crisis text as soon as an answer needs care', async () => {
    const { fixture, byTestId, answer } = await render(check());
    answer({ ...calm, afraid_of_partner: 'sometimes' });
    await settle(fixture);
    expect(byTestId('crisis-callout')?.textContent).toContain('Call 911 if you are in danger.');
    // The bar at the bottom points to it, wherever the person is on the page.
    byTestId('crisis-jump')?.click();
    expect(document.activeElement).toBe(byTestId('crisis-callout'));
    answer(calm);
    await settle(fixture);
    expect(byTestId('crisis-callout')).toBeNull();
    expect(byTestId('crisis-jump')).toBeNull();
  });

  it('sends the answers, then only says thank you', async () => {
    const { fixture, http, byTestId, element, answer } = await render(check());
    answer({ ...calm, thoughts_of_self_harm: 'yes' });
    byTestId('safety-check-submit')?.click();
    await settle(fixture);
    const submit = http.expectOne('/api/safety-checks/s1/submit');
    expect(submit.request.body).toMatchObject({ version: 0 });
    submit.flush(
      check({ answers: submit.request.body.answers, submittedAt: '2026-05-02T10:00:00.000Z' }),
    );
    await settle(fixture);
    expect(byTestId('safety-check-thanks')?.textContent).toContain('Thank you');
    expect(byTestId('safety-check-submit')).toBeNull();
    expect(byTestId('crisis-callout')).toBeNull();
    expect(element.textContent).not.toMatch(/alert|critical|needs care/i);
  });

  it('asks for the missing answers instead of sending', async () => {
    const { fixture, byTestId } = await render(check());
    byTestId('safety-check-submit')?.click();
    await settle(fixture);
    expect(byTestId('safety-check-submit')?.parentElement?.textContent).toContain(
      'still need an answer',
    );
  });
});
