import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { NotificationPreferences } from '@mend/shared/contracts';
import { adoptBrowserTimeZone } from './browser-time-zone';

const PREFERENCES = '/api/notifications/preferences';
const saved: NotificationPreferences = {
  timeZone: 'UTC',
  timeZoneSet: false,
  quietStart: '22:00',
  quietEnd: '07:00',
  mailOff: ['homework_due'],
  submittedMail: 'daily',
};

describe('adoptBrowserTimeZone', () => {
  let http: HttpTestingController;
  const adopt = (zone?: string) =>
    runInInjectionContext(TestBed.inject(EnvironmentInjector), () => adoptBrowserTimeZone(zone));

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('saves the browser’s zone, keeping the other settings, while none was chosen', async () => {
    const done = adopt('Europe/Berlin');
    http.expectOne(PREFERENCES).flush(saved);
    await Promise.resolve();
    const put = http.expectOne({ method: 'PUT', url: PREFERENCES });
    expect(put.request.body).toEqual({
      timeZone: 'Europe/Berlin',
      quietStart: '22:00',
      quietEnd: '07:00',
      mailOff: ['homework_due'],
      submittedMail: 'daily',
    });
    put.flush({ ...saved, timeZone: 'Europe/Berlin', timeZoneSet: true });
    await expect(done).resolves.toBe(true);
  });

  it('never overwrites a zone the person chose', async () => {
    const done = adopt('Europe/Berlin');
    http.expectOne(PREFERENCES).flush({ ...saved, timeZone: 'Asia/Tokyo', timeZoneSet: true });
    await expect(done).resolves.toBe(false);
  });

  it('stays quiet when it cannot ask', async () => {
    const done = adopt('Europe/Berlin');
    http.expectOne(PREFERENCES).flush({}, { status: 503, statusText: 'Unavailable' });
    await expect(done).resolves.toBe(false);
    await expect(adopt('')).resolves.toBe(false);
  });
});
