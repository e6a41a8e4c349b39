import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { NotificationItem } from '@mend/shared/contracts';
import { UnreadNotifications } from '../data-access/unread-notifications';
import { NotificationsPage } from './notifications-page';

const item = (id: string, readAt: string | null): NotificationItem => ({
  id,
  kind: 'feedback_given',
  text: `Maya gave feedback on “Letter of accountability” (${id})`,
  link: '/homework/h1',
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  readAt,
});

async function render(items: NotificationItem[], total = items.length) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
    ],
  });
  const fixture = TestBed.createComponent(NotificationsPage);
  const http = TestBed.inject(HttpTestingController);
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  await fixture.whenStable();
  const list = http.expectOne((r) => r.url === '/api/notifications');
  expect(list.request.params.get('page')).toBe('1');
  list.flush({ items, total, page: 1, pageSize: 20 });
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const rows = () =>
    Array.from(element.querySelectorAll<HTMLElement>('[data-testid="notification"]'));
  const byTestId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { http, settle, element, rows, byTestId };
}

describe('NotificationsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists each with its text and time, unread ones marked in words too', async () => {
    const { rows } = await render([item('n1', null), item('n2', '2026-05-01T10:00:00.000Z')]);
    const [unread, read] = rows();
    expect(unread.getAttribute('href')).toBe('/notifications/n1');
    expect(unread.textContent).toContain('Unread:');
    expect(unread.textContent).toContain('New');
    expect(unread.textContent).toContain('5 minutes ago');
    expect(read.textContent).not.toContain('Unread');
    expect(read.querySelector('time')?.getAttribute('title')).toBeTruthy();
  });

  it('marks all as read, here and on the bell', async () => {
    const { http, settle, rows, byTestId } = await render([item('n1', null)]);
    TestBed.inject(UnreadNotifications).set(4);
    byTestId('read-all')?.click();
    http.expectOne({ method: 'POST', url: '/api/notifications/read-all' }).flush({ unread: 0 });
    await settle();
    expect(TestBed.inject(UnreadNotifications).count()).toBe(0);
    expect(rows()[0].textContent).not.toContain('Unread');
    expect((byTestId('read-all') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when there is nothing', async () => {
    const { byTestId } = await render([]);
    expect(byTestId('notifications-empty')?.textContent).toContain('Nothing new');
  });
});
