import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { appointment, KAI, LEE, MAYA } from '../testing/fixtures';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';
import { WaitingRequests } from './waiting-requests';

const NY = 'America/New_York';

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }
}

const availability = {
  timeZone: NY,
  rules: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }],
  lengths: { couple: 50, individual: 50, family: 60 },
  exceptions: [],
};

const request = appointment({
  note: 'Mornings are easier this month',
  can: {
    accept: true,
    propose: true,
    decline: true,
    acceptProposal: false,
    cancel: true,
    reschedule: false,
  },
});
const together = appointment({
  id: 'a2',
  audience: 'joint',
  client: null,
  attendees: [MAYA, KAI, LEE],
  type: 'couple',
  mode: 'telehealth',
  startsAt: '2027-03-16T22:00:00.000Z',
  can: {
    accept: true,
    propose: true,
    decline: true,
    acceptProposal: false,
    cancel: true,
    reschedule: false,
  },
});

async function render(waiting = [request, together], links = true) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      provideRouter([]),
      { provide: VIEWER_TIME_ZONE, useValue: NY },
    ],
  });
  const fixture = TestBed.createComponent(WaitingRequests);
  const changed = jest.fn();
  fixture.componentRef.setInput('sessionsChanged', changed);
  fixture.componentRef.setInput('linkAppointments', links);
  const http = TestBed.inject(HttpTestingController);
  await settle(fixture);
  http.expectOne('/api/appointments?scope=waiting').flush(waiting);
  http.expectOne('/api/availability').flush(availability);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const items = () => Array.from(element.querySelectorAll<HTMLElement>('mend-appointment-item'));
  const inItem = (item: HTMLElement, id: string) =>
    item.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
  const dialog = (id: string) =>
    document.querySelector<HTMLElement>(`mat-dialog-container [data-testid="${id}"]`);
  return { fixture, http, element, items, inItem, dialog, changed };
}

describe('WaitingRequests', () => {
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

  it('shows each request with its member(s), case, time and note, and counts them', async () => {
    const { element, items } = await render();
    expect(element.querySelector('[data-testid="waiting-count"]')?.textContent?.trim()).toBe('2');
    const [first, second] = items();
    expect(first.textContent).toContain('Mon 15 Mar, 9:00 AM (New York time)');
    expect(first.textContent).toContain('Kai Moreno');
    expect(first.textContent).toContain('Kai & Lee Moreno');
    expect(first.textContent).toContain('In person · 50 min');
    expect(first.textContent).toContain('“Mornings are easier this month”');
    expect(second.textContent).toContain('Tue 16 Mar, 6:00 PM (New York time)');
    expect(second.textContent).toContain('Kai Moreno and Lee Moreno · together');
    expect(second.textContent).toContain('Telehealth');
    expect(element.querySelector('[data-testid="link-availability"]')?.getAttribute('href')).toBe(
      '/settings/availability',
    );
  });

  it('accepts a request: the Sessions page is told, and the list is read again', async () => {
    const { fixture, http, items, inItem, changed, element } = await render();
    inItem(items()[0], 'appointment-accept')?.click();
    await settle(fixture);
    http
      .expectOne({ method: 'POST', url: '/api/appointments/a1/accept' })
      .flush({ ...request, state: 'accepted', sessionId: 's1' });
    await settle(fixture);
    expect(changed).toHaveBeenCalledTimes(1);
    http.expectOne('/api/appointments?scope=waiting').flush([together]);
    await settle(fixture);
    expect(items()).toHaveLength(1);
    expect(element.querySelector('[data-testid="waiting-count"]')?.textContent?.trim()).toBe('1');
  });

  it('proposes another time, picked in the counselor’s zone', async () => {
    const { fixture, http, items, inItem, dialog, changed } = await render();
    inItem(items()[0], 'appointment-propose')?.click();
    await settle(fixture);
    expect(dialog('time-zone')?.textContent).toContain('New York time');
    const day = dialog('time-day') as HTMLInputElement;
    day.value = '3/16/2027';
    day.dispatchEvent(new Event('input'));
    const time = dialog('time-time') as HTMLInputElement;
    time.value = '10:30';
    time.dispatchEvent(new Event('input'));
    await settle(fixture);
    dialog('time-confirm')?.click();
    await settle(fixture);
    const post = http.expectOne({ method: 'POST', url: '/api/appointments/a1/propose' });
    expect(post.request.body).toEqual({ startsAt: '2027-03-16T14:30:00.000Z' });
    post.flush({ ...request, state: 'proposed', proposedStartsAt: '2027-03-16T14:30:00.000Z' });
    await settle(fixture);
    expect(changed).not.toHaveBeenCalled();
    http.expectOne('/api/appointments?scope=waiting').flush([together]);
    await settle(fixture);
  });

  it('declines only with a reason, which is sent', async () => {
    const { fixture, http, items, inItem, dialog } = await render();
    inItem(items()[1], 'appointment-decline')?.click();
    await settle(fixture);
    dialog('reason-confirm')?.click();
    await settle(fixture);
    http.expectNone('/api/appointments/a2/decline');
    expect(document.querySelector('mat-dialog-container mat-error')?.textContent).toContain(
      'Please say why',
    );

    const reason = dialog('reason') as HTMLTextAreaElement;
    reason.value = '  I am away that week  ';
    reason.dispatchEvent(new Event('input'));
    await settle(fixture);
    dialog('reason-confirm')?.click();
    await settle(fixture);
    const post = http.expectOne({ method: 'POST', url: '/api/appointments/a2/decline' });
    expect(post.request.body).toEqual({ reason: 'I am away that week' });
    post.flush({ ...together, state: 'declined' });
    await settle(fixture);
    http.expectOne('/api/appointments?scope=waiting').flush([request]);
    await settle(fixture);
    expect(items()).toHaveLength(1);
  });

  it('says when nothing waits, and when clients have no times to ask for yet', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideRouter([]),
        { provide: VIEWER_TIME_ZONE, useValue: NY },
      ],
    });
    const fixture = TestBed.createComponent(WaitingRequests);
    const http = TestBed.inject(HttpTestingController);
    await settle(fixture);
    http.expectOne('/api/appointments?scope=waiting').flush([]);
    http.expectOne('/api/availability').flush({ ...availability, rules: [] });
    await settle(fixture);
    const none = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="no-waiting-requests"]',
    );
    expect(none?.textContent).toContain('once you set your weekly availability');
  });

  it('on the appointments page, leaves the links to that page and to the availability to its header', async () => {
    const { element } = await render([request, together], false);
    expect(element.querySelector('[data-testid="link-appointments"]')).toBeNull();
    expect(element.querySelector('[data-testid="link-availability"]')).toBeNull();
    expect(element.querySelector('mat-card-actions')).toBeNull();
  });
});
