import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { sessionWhen } from '@mend/notes/web';
import type { Me, Role, SessionPage, SessionView, UserSummary } from '@mend/shared/contracts';
import { daysAgo, greeting, Home } from './home';

describe('greeting', () => {
  it('fits the time of day', () => {
    expect(greeting(8)).toBe('Good morning');
    expect(greeting(14)).toBe('Good afternoon');
    expect(greeting(21)).toBe('Good evening');
    expect(greeting(2)).toBe('Good evening');
  });
});

describe('daysAgo', () => {
  const now = new Date(2026, 4, 14, 9, 0);

  it('counts calendar days, then gives the date (with the year when it is another)', () => {
    expect(daysAgo(new Date(2026, 4, 14, 8, 0).toISOString(), now)).toBe('today');
    expect(daysAgo(new Date(2026, 4, 13, 23, 0).toISOString(), now)).toBe('yesterday');
    expect(daysAgo(new Date(2026, 4, 10, 12, 0).toISOString(), now)).toBe('4 days ago');
    expect(daysAgo(new Date(2026, 3, 28, 12, 0).toISOString(), now)).toBe('Apr 28');
    expect(daysAgo(new Date(2025, 11, 30, 12, 0).toISOString(), now)).toBe('Dec 30, 2025');
  });
});

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
/** Two hours ago, or midnight when the day is younger: still today (the test may run at 00:30). */
const earlierToday = () =>
  new Date(Math.max(Date.now() - 2 * HOUR, new Date().setHours(0, 0, 0, 0))).toISOString();

function session(id: string, caseTitle: string, startsAt: string, note = false): SessionView {
  return {
    id,
    caseId: `case-${id}`,
    caseTitle,
    startsAt,
    durationMinutes: 50,
    type: 'couple',
    mode: 'in_person',
    attendees: [],
    counselor: { userId: 'maya', displayName: 'Maya Okafor' },
    note: note ? { id: `note-${id}`, format: 'soap', status: 'draft', signedAt: null } : null,
  };
}

const page = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 3 });

function person(id: string, name: string, role: Role, createdAt: string): UserSummary {
  return {
    id,
    email: `${id}@harbor.example`,
    displayName: name,
    role,
    status: 'active',
    createdAt,
  };
}

/**
 * The home page of a user of `role`, its requests answered from `answers` (by path and query,
 * e.g. "/api/sessions?when=unsigned&pageSize=3"); other requests (other cards) stay unanswered.
 */
async function homeOf(role: Role, answers: Record<string, unknown>) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const http = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthStore);
  const me: Me = {
    id: 'me',
    email: 'me@harbor.example',
    displayName: 'Dana Whitfield',
    role,
    clinic: { id: 'clinic', name: 'Harbor Counseling' },
    secondFactor: 'given',
  };
  const signedIn = auth.load();
  http.expectOne('/api/auth/whoami').flush({ me });
  await signedIn;
  const fixture = TestBed.createComponent(Home);
  const asked: string[] = [];
  const answer = async () => {
    for (let round = 0; round < 3; round += 1) {
      await fixture.whenStable();
      const known = http.match((request) => request.urlWithParams in answers) as TestRequest[];
      for (const request of known) {
        asked.push(request.request.urlWithParams);
        request.flush(answers[request.request.urlWithParams] as object);
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
    await fixture.whenStable();
  };
  await answer();
  const element = fixture.nativeElement as HTMLElement;
  const all = (testId: string) => Array.from(element.querySelectorAll(`[data-testid="${testId}"]`));
  const one = (testId: string) => element.querySelector(`[data-testid="${testId}"]`);
  return { fixture, http, element, all, one, asked, answer };
}

describe('Home', () => {
  const counselorBasics = {
    '/api/cases?status=open&pageSize=5': page([]),
    '/api/homework/inbox?pageSize=3': page([]),
  };

  it('counselor: lists the notes to sign oldest first, each a link to its note, apart from the upcoming sessions', async () => {
    const oldest = session('s-old', 'Sam & Alex Rivera', at(-24 * 9));
    const newer = session('s-new', 'Jordan & Riley Lee', at(-26), true);
    const next = session('s-next', 'Sam & Alex Rivera', at(24 * 5));
    const { all, one, element, asked } = await homeOf('counselor', {
      ...counselorBasics,
      '/api/sessions?when=unsigned&pageSize=3': page([oldest, newer], 4) as SessionPage,
      '/api/sessions?when=upcoming&pageSize=2': page([next]) as SessionPage,
    });
    expect(asked).toContain('/api/sessions?when=unsigned&pageSize=3');

    const toSign = all('home-note-to-sign');
    expect(toSign.map((a) => a.getAttribute('href'))).toEqual([
      '/sessions/s-old',
      '/sessions/s-new',
    ]);
    expect(toSign[0].textContent).toContain('Sam & Alex Rivera');
    expect(toSign[0].textContent).toContain(sessionWhen(oldest));
    expect(toSign[0].textContent).toContain('No note yet');
    expect(toSign[1].textContent).toContain('Jordan & Riley Lee');
    expect(toSign[1].textContent).toContain('SOAP draft');
    expect(one('home-unsigned-count')?.textContent?.trim()).toBe('4');
    expect(element.textContent).toContain('2 more in Sessions');

    // The upcoming session is never among the notes to sign: it has its own labelled list.
    const notesList = one('home-notes-to-sign');
    expect(notesList?.textContent).not.toContain(sessionWhen(next));
    const upcoming = one('home-upcoming');
    const label = element.querySelector(`#${upcoming?.getAttribute('aria-labelledby')}`);
    expect(label?.textContent?.trim()).toBe('Upcoming sessions');
    expect(all('home-upcoming-session').map((a) => a.getAttribute('href'))).toEqual([
      '/sessions/s-next',
    ]);
    const notesLabel = element.querySelector(`#${notesList?.getAttribute('aria-labelledby')}`);
    expect(notesLabel?.textContent).toContain('Notes to sign');
  });

  it('counselor: says when every note is signed, and still shows what is coming', async () => {
    const { all, one } = await homeOf('counselor', {
      ...counselorBasics,
      '/api/sessions?when=unsigned&pageSize=3': page([]),
      '/api/sessions?when=upcoming&pageSize=2': page([session('s-next', 'Lee', at(30))]),
    });
    expect(all('home-note-to-sign')).toHaveLength(0);
    expect(one('home-unsigned-count')).toBeNull();
    expect(one('home-all-signed')?.textContent).toContain('Every past session’s note is signed.');
    expect(all('home-upcoming-session')).toHaveLength(1);
  });

  const adminBasics = {
    '/api/users?role=counselor&status=active&pageSize=1': page([], 2),
    '/api/users?role=client&status=active&pageSize=1': page([], 4),
    '/api/caseload/overview': { counselors: [], unassignedOpenCases: 0, openCases: 0 },
  };

  it('admin: shows the invitations waiting, newest first, with when each went out, and resends one', async () => {
    const invited = {
      ...person('u-nadia', 'Nadia Brooks', 'counselor', at(-24)),
      status: 'invited' as const,
    };
    const { all, one, http, answer } = await homeOf('admin', {
      ...adminBasics,
      '/api/users?status=invited&sort=newest&pageSize=3': page([invited], 5),
      '/api/users?status=active&sort=newest&pageSize=4': page([
        person('me', 'Dana Whitfield', 'admin', at(-1)),
        person('u-omar', 'Omar Haddad', 'counselor', earlierToday()),
      ]),
    });
    const rows = all('home-invitation');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('Nadia Brooks');
    expect(rows[0].textContent).toContain('Counselor · invited yesterday');
    expect(one('home-invited-count')?.textContent).toContain('5');
    expect(one('home-invited-count')?.textContent).toContain('invitations waiting to be accepted');
    expect(one('home-people')?.textContent).toContain('See all 5 invitations in People');
    // Who joined lately, but not the admin looking.
    const recent = all('home-recent-person');
    expect(recent).toHaveLength(1);
    expect(recent[0].textContent).toContain('Omar Haddad');
    expect(recent[0].textContent).toContain('Counselor · added today');

    const resend = one('home-resend') as HTMLButtonElement;
    expect(resend.getAttribute('aria-label')).toBe('Resend the invitation to Nadia Brooks');
    resend.click();
    await answer();
    const post = http.expectOne('/api/users/u-nadia/invitation');
    expect(post.request.method).toBe('POST');
    post.flush({ user: invited, expiresAt: at(72), mailed: true });
    await answer();

    // Without a mail server the new link is shown, once, to hand over.
    resend.click();
    await answer();
    http.expectOne('/api/users/u-nadia/invitation').flush({
      user: invited,
      expiresAt: at(72),
      mailed: false,
      link: 'http://mend.test/accept-invitation#token=abc',
    });
    await answer();
    const link = document.querySelector<HTMLTextAreaElement>('[data-testid="one-time-link"]');
    expect(link?.value).toBe('http://mend.test/accept-invitation#token=abc');
  });

  it('admin: with nobody invited and no counselors yet, says what to do first', async () => {
    const { all, one } = await homeOf('admin', {
      ...adminBasics,
      '/api/users?role=counselor&status=active&pageSize=1': page([], 0),
      '/api/users?status=invited&sort=newest&pageSize=3': page([]),
      '/api/users?status=active&sort=newest&pageSize=4': page([
        person('me', 'Dana Whitfield', 'admin', at(-1)),
      ]),
    });
    expect(all('home-invitation')).toHaveLength(0);
    expect(one('home-no-invitations')?.textContent).toContain('Start by inviting your counselors');
  });

  it('client: the privacy card says its words in the header, with no empty body below', async () => {
    const { one } = await homeOf('client', {});
    const card = one('home-privacy');
    expect(card?.querySelector('mat-card-subtitle')?.textContent).toContain(
      'What you write is private between you and your counselors.',
    );
    expect(card?.querySelector('mat-card-content')).toBeNull();
  });
});
