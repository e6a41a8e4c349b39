import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AppointmentView, RequestAppointmentRequest } from '@mend/shared/contracts';
import { appointment, slots } from '../testing/fixtures';
import { addDays, dayKey } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';
import { RequestAppointment } from './request-appointment';

const NY = 'America/New_York';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

async function render() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      { provide: VIEWER_TIME_ZONE, useValue: NY },
    ],
  });
  const fixture = TestBed.createComponent(RequestAppointment);
  fixture.componentRef.setInput('caseId', 'c1');
  const sent: AppointmentView[] = [];
  fixture.componentInstance.requested.subscribe((a) => sent.push(a));
  const http = TestBed.inject(HttpTestingController);
  const element = fixture.nativeElement as HTMLElement;
  const one = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) =>
    Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const slotsAsked = (audience: string, from: string) =>
    http.expectOne(`/api/cases/c1/appointment-slots?days=14&audience=${audience}&from=${from}`);
  const today = dayKey(new Date(), NY);
  await settle(fixture);
  return { fixture, http, element, one, all, sent, slotsAsked, today };
}

describe('RequestAppointment', () => {
  // Only the clock is fixed (1 March 2027): the timers stay real for the page to settle.
  beforeEach(() =>
    jest.useFakeTimers({
      now: new Date('2027-03-01T17:00:00Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'queueMicrotask',
        'nextTick',
        'requestAnimationFrame',
        'cancelAnimationFrame',
      ],
    }),
  );
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  it('shows the free times of the next two weeks by day, in the viewer’s zone, named', async () => {
    const { fixture, element, one, all, slotsAsked, today } = await render();
    slotsAsked('individual', today).flush(slots());
    await settle(fixture);

    // A tile per day with free times; the first day's times are shown.
    const days = all('request-day');
    expect(days.map((d) => d.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Mon 15 Mar, 2 times',
      'Tue 16 Mar, 1 time',
    ]);
    expect(days[0].getAttribute('aria-pressed')).toBe('true');
    expect(all('request-slot').map((s) => s.parentElement?.textContent?.trim())).toEqual([
      '9:00 AM',
      '10:00 AM',
    ]);
    days[1].click();
    await settle(fixture);
    expect(all('request-slot').map((s) => s.getAttribute('data-starts-at'))).toEqual([
      '2027-03-16T13:00:00.000Z',
    ]);
    days[0].click();
    await settle(fixture);
    expect(element.textContent).toContain('Free times with Maya Okafor');
    expect(element.textContent).toContain('50 minutes · times in New York time');

    // Together is not open yet: the toggle is off, and says why.
    const joint = one('request-joint')?.querySelector('button');
    expect(joint?.disabled).toBe(true);
    expect(one('request-joint-reason')?.textContent).toContain('open once your counselor');
  });

  it('moves on two weeks with “Later dates”, and back', async () => {
    const { fixture, one, slotsAsked, today } = await render();
    slotsAsked('individual', today).flush(slots({ slots: [] }));
    await settle(fixture);
    expect(one('request-no-slots')?.textContent).toContain('No free times in these two weeks');
    expect(one('request-range')?.textContent).toBe('Mon 1 Mar – Sun 14 Mar');

    one('request-later')?.click();
    await settle(fixture);
    slotsAsked('individual', addDays(today, 14)).flush(slots());
    await settle(fixture);
    expect(one('request-no-slots')).toBeNull();
    expect(one('request-range')?.textContent).toBe('Mon 15 Mar – Sun 28 Mar');
  });

  it('sends the chosen time with a note and one key across retries; a new key after an answer', async () => {
    const { fixture, http, one, all, sent, slotsAsked, today } = await render();
    slotsAsked('individual', today).flush(slots());
    await settle(fixture);

    // Send without a time: asked to choose one, nothing sent.
    one('request-send')?.click();
    await settle(fixture);
    expect(one('request-error')?.textContent).toContain('Choose one of the free times');

    (all('request-slot')[1] as HTMLInputElement).click();
    const note = one('request-note') as HTMLTextAreaElement;
    note.value = '  After work is easier  ';
    note.dispatchEvent(new Event('input'));
    await settle(fixture);
    expect(one('request-summary')?.textContent).toContain(
      'Mon 15 Mar, 10:00 AM (New York time), just you and Maya Okafor, in person.',
    );

    // The connection drops: the retry carries the same key.
    one('request-send')?.click();
    await settle(fixture);
    const first = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    const body = first.request.body as RequestAppointmentRequest;
    expect(body).toEqual({
      audience: 'individual',
      startsAt: '2027-03-15T14:00:00.000Z',
      mode: 'in_person',
      note: 'After work is easier',
      clientKey: expect.stringMatching(UUID),
    });
    first.error(new ProgressEvent('error'), { status: 0 });
    await settle(fixture);
    expect(one('request-error')?.textContent).toContain('cannot be reached');

    one('request-send')?.click();
    await settle(fixture);
    const retry = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    expect((retry.request.body as RequestAppointmentRequest).clientKey).toBe(body.clientKey);
    const created = appointment({ startsAt: '2027-03-15T14:00:00.000Z' });
    retry.flush(created, { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(sent).toEqual([created]);
    // The times are asked again (that one is no longer free), and the form starts afresh.
    slotsAsked('individual', today).flush(slots({ slots: ['2027-03-16T13:00:00.000Z'] }));
    await settle(fixture);
    expect(note.value).toBe('');
    expect(one('request-summary')?.textContent).toContain('Choose a time above');

    (all('request-slot')[0] as HTMLInputElement).click();
    await settle(fixture);
    one('request-send')?.click();
    await settle(fixture);
    const next = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    expect((next.request.body as RequestAppointmentRequest).clientKey).not.toBe(body.clientKey);
    expect((next.request.body as RequestAppointmentRequest).note).toBeUndefined();
    next.flush(appointment(), { status: 201, statusText: 'Created' });
    await settle(fixture);
    slotsAsked('individual', today).flush(slots());
    await settle(fixture);
  });

  it('asks for another time when the one chosen was just taken', async () => {
    const { fixture, http, one, all, slotsAsked, today } = await render();
    slotsAsked('individual', today).flush(slots());
    await settle(fixture);
    (all('request-slot')[0] as HTMLInputElement).click();
    await settle(fixture);
    one('request-send')?.click();
    await settle(fixture);
    const post = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    const key = (post.request.body as RequestAppointmentRequest).clientKey;
    post.flush(
      { statusCode: 409, message: 'That time is no longer free.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(one('request-error')?.textContent).toContain('Someone just took that time');
    slotsAsked('individual', today).flush(slots({ slots: ['2027-03-16T13:00:00.000Z'] }));
    await settle(fixture);
    expect(all('request-slot')).toHaveLength(1);

    (all('request-slot')[0] as HTMLInputElement).click();
    await settle(fixture);
    one('request-send')?.click();
    await settle(fixture);
    const again = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    expect((again.request.body as RequestAppointmentRequest).clientKey).not.toBe(key);
    again.flush(appointment(), { status: 201, statusText: 'Created' });
    await settle(fixture);
    slotsAsked('individual', today).flush(slots());
    await settle(fixture);
  });

  it('asks for a time together while joint work is open, and goes back to “Just me” when it closed', async () => {
    const { fixture, http, one, all, slotsAsked, today } = await render();
    slotsAsked('individual', today).flush(slots({ jointAllowed: true, jointReason: null }));
    await settle(fixture);
    expect(one('request-joint-reason')).toBeNull();

    one('request-joint')?.querySelector('button')?.click();
    await settle(fixture);
    slotsAsked('joint', today).flush(
      slots({ type: 'couple', jointAllowed: true, jointReason: null }),
    );
    await settle(fixture);
    (all('request-slot')[0] as HTMLInputElement).click();
    await settle(fixture);
    expect(one('request-summary')?.textContent).toContain('together with Maya Okafor');
    one('request-send')?.click();
    await settle(fixture);
    const post = http.expectOne({ method: 'POST', url: '/api/cases/c1/appointments' });
    expect((post.request.body as RequestAppointmentRequest).audience).toBe('joint');
    post.flush(
      {
        statusCode: 409,
        message: 'Sessions together are paused for now.',
        code: 'joint_work_closed',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(one('request-error')?.textContent).toContain('Sessions together are paused for now.');
    slotsAsked('individual', today).flush(
      slots({ jointAllowed: false, jointReason: 'Sessions together are paused for now.' }),
    );
    await settle(fixture);
    expect(one('request-joint')?.querySelector('button')?.disabled).toBe(true);
  });
});
