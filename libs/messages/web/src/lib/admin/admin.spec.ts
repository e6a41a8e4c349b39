import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { DANA } from '../testing/fixtures';
import { ClinicMessaging } from './clinic-messaging';
import { MessageCountsCard } from './message-counts-card';

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('admin messaging', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations()],
    }),
  );
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the clinic’s rule in plain words and saves a new one', async () => {
    const fixture = TestBed.createComponent(ClinicMessaging);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    http.expectOne('/api/clinic/messaging').flush({ clientThreads: 'private' });
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const labels = Array.from(element.querySelectorAll('mat-radio-button')).map((r) =>
      r.textContent?.trim(),
    );
    expect(labels).toEqual([
      'Clients cannot start conversations',
      'Clients may start a private conversation with their counselor (recommended)',
      '…and joint conversations with everyone in their case while joint work is open',
    ]);
    const save = element.querySelector<HTMLButtonElement>('[data-testid="client-threads-save"]');
    expect(save?.disabled).toBe(true);

    element.querySelector<HTMLInputElement>('[data-testid="client-threads-none"] input')?.click();
    await settle(fixture);
    expect(save?.disabled).toBe(false);
    save?.click();
    const put = http.expectOne('/api/clinic/messaging');
    expect([put.request.method, put.request.body]).toEqual(['PUT', { clientThreads: 'none' }]);
    put.flush({ clientThreads: 'none' });
    await settle(fixture);
    expect(save?.disabled).toBe(true);
  });

  it('counts waiting conversations per counselor, and says when none wait', async () => {
    const fixture = TestBed.createComponent(MessageCountsCard);
    const http = TestBed.inject(HttpTestingController);
    await fixture.whenStable();
    http.expectOne('/api/admin/message-counts').flush({
      counselors: [
        { counselor: { userId: 'k', displayName: 'Kim Lee' }, unansweredOverTwoDays: 0 },
        { counselor: DANA, unansweredOverTwoDays: 2 },
      ],
    });
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(element.querySelectorAll('[data-testid="message-counts-row"]'));
    expect(rows.map((r) => Array.from(r.children).map((cell) => cell.textContent?.trim()))).toEqual(
      [['Dana Okafor', '2']],
    );

    const empty = TestBed.createComponent(MessageCountsCard);
    await empty.whenStable();
    http.expectOne('/api/admin/message-counts').flush({
      counselors: [{ counselor: DANA, unansweredOverTwoDays: 0 }],
    });
    await settle(empty);
    expect(
      (empty.nativeElement as HTMLElement).querySelector('[data-testid="message-counts-none"]')
        ?.textContent,
    ).toContain('Every client’s message has had an answer within two days.');
  });
});
