import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { NotificationPreferences, Role } from '@mend/shared/contracts';
import { MailPreferencesPage } from './mail-preferences-page';

const PREFERENCES = '/api/notifications/preferences';

const preferences = (changes: Partial<NotificationPreferences> = {}): NotificationPreferences => ({
  timeZone: 'Europe/Berlin',
  timeZoneSet: true,
  quietStart: '21:00',
  quietEnd: '08:00',
  mailOff: [],
  submittedMail: 'hourly',
  ...changes,
});

async function render(role: Role, answer = preferences()) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
    ],
  });
  const fixture = TestBed.createComponent(MailPreferencesPage);
  fixture.componentRef.setInput('role', role);
  const http = TestBed.inject(HttpTestingController);
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  await fixture.whenStable();
  http.expectOne(PREFERENCES).flush(answer);
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const input = (id: string) => byTestId(id) as HTMLInputElement;
  const type = (id: string, value: string) => {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  };
  /** The switch of one kind of mail (the button inside the slide toggle). */
  const toggle = (kind: string) =>
    byTestId(`mail-kind-${kind}`)?.querySelector<HTMLButtonElement>('button[role="switch"]');
  const save = async () => {
    byTestId('preferences-save')?.click();
    await settle();
    return http.expectOne(PREFERENCES);
  };
  return { fixture, http, element, byTestId, input, type, toggle, save, settle };
}

describe('MailPreferencesPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists one switch per kind of mail of the role, with the notes on privacy and security', async () => {
    const { element, byTestId, toggle } = await render(
      'client',
      preferences({ mailOff: ['homework_due'] }),
    );
    const kinds = Array.from(element.querySelectorAll('[data-testid^="mail-kind-"]')).map((e) =>
      e.getAttribute('data-testid'),
    );
    expect(kinds).toEqual([
      'mail-kind-homework_assigned',
      'mail-kind-homework_due',
      'mail-kind-homework_overdue',
      'mail-kind-feedback_given',
      'mail-kind-revision_requested',
      'mail-kind-response_shared',
      'mail-kind-measure_due',
      'mail-kind-session_upcoming',
      'mail-kind-message_received',
      'mail-kind-appointment_changed',
    ]);
    expect(byTestId('mail-kind-homework_assigned')?.textContent).toContain(
      'New homework from your counselor',
    );
    expect(toggle('homework_assigned')?.getAttribute('aria-checked')).toBe('true');
    expect(toggle('homework_due')?.getAttribute('aria-checked')).toBe('false');
    expect(byTestId('mail-privacy')?.textContent).toContain('never says what is new');
    expect(byTestId('mail-security')?.textContent).toContain(
      'invitation links and password resets',
    );
    // Only counselors choose how often they hear about homework handed in.
    expect(byTestId('submitted-mail')).toBeNull();
    expect(byTestId('time-zone')).toBeTruthy();
    expect((byTestId('time-zone') as HTMLInputElement).value).toBe('Europe/Berlin');
    expect((byTestId('quiet-start') as HTMLInputElement).value).toBe('21:00');
  });

  it('saves the switches turned off, the quiet hours and the time zone', async () => {
    const { toggle, type, save, settle, byTestId } = await render('client');
    toggle('homework_due')?.click();
    toggle('session_upcoming')?.click();
    type('quiet-start', '22:30');
    type('quiet-end', '07:00');
    type('time-zone', 'America/Chicago');
    await settle();
    const put = await save();
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      timeZone: 'America/Chicago',
      quietStart: '22:30',
      quietEnd: '07:00',
      mailOff: ['homework_due', 'session_upcoming'],
      submittedMail: 'hourly',
    });
    put.flush(
      preferences({
        timeZone: 'America/Chicago',
        quietStart: '22:30',
        quietEnd: '07:00',
        mailOff: ['homework_due', 'session_upcoming'],
      }),
    );
    await settle();
    expect(byTestId('preferences-status')?.textContent).toContain('Saved');
    expect(byTestId('preferences-error')).toBeNull();
    // A change after saving is not saved yet.
    type('quiet-end', '06:30');
    await settle();
    expect(byTestId('preferences-status')?.textContent).not.toContain('Saved');
  });

  it('lets counselors choose hourly or daily mail about homework handed in', async () => {
    const { element, byTestId, save, settle, toggle } = await render('counselor');
    expect(
      Array.from(element.querySelectorAll('[data-testid^="mail-kind-"]')).map((e) =>
        e.getAttribute('data-testid'),
      ),
    ).toEqual([
      'mail-kind-homework_submitted',
      'mail-kind-safety_alert',
      'mail-kind-notes_unsigned',
      'mail-kind-message_received',
      'mail-kind-appointment_changed',
    ]);
    const daily =
      byTestId('submitted-mail')?.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1];
    daily?.click();
    await settle();
    const put = await save();
    expect(put.request.body).toMatchObject({ submittedMail: 'daily', mailOff: [] });
    put.flush(preferences({ submittedMail: 'daily' }));
    await settle();

    // With that mail off, how often no longer matters.
    toggle('homework_submitted')?.click();
    await settle();
    expect(daily?.disabled).toBe(true);
  });

  it('refuses a time zone that is not in the list before asking the server', async () => {
    const { type, settle, byTestId, element, http } = await render('admin');
    type('time-zone', 'Mars/Olympus');
    await settle();
    byTestId('preferences-save')?.click();
    await settle();
    http.expectNone(PREFERENCES);
    expect(element.textContent).toContain('Choose a time zone from the list.');
    expect(byTestId('preferences-error')?.textContent).toContain('Check the marked fields.');
  });

  it('shows the server’s reasons beside the fields they are about', async () => {
    const { save, settle, element, byTestId } = await render('admin');
    const put = await save();
    put.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Check the marked fields.',
        fields: [
          { field: 'quietEnd', reasons: ['Enter the end of quiet hours as HH:MM.'] },
          { field: 'mailOff', reasons: ['Choose kinds of mail from the list.'] },
          { field: 'somethingElse', reasons: ['Not like this.'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    const quietEnd = byTestId('quiet-end')?.closest('mat-form-field');
    expect(quietEnd?.textContent).toContain('Enter the end of quiet hours as HH:MM.');
    expect(element.textContent).toContain('Choose kinds of mail from the list.');
    expect(byTestId('preferences-error')?.textContent).toContain('somethingElse: Not like this.');
    expect(byTestId('preferences-status')?.textContent).not.toContain('Saved');
  });

  it('narrows the time zones to what is typed', async () => {
    const { fixture, type, settle } = await render('client');
    type('time-zone', 'new york');
    await settle();
    const options = (fixture.componentInstance as unknown as { zoneOptions(): string[] })
      .zoneOptions;
    expect(options()).toEqual(['America/New_York']);
  });
});
