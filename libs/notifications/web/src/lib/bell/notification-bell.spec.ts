import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { BACKGROUND_HEADER } from '@mend/shared/contracts';
import { UnreadNotifications } from '../data-access/unread-notifications';
import { NotificationBell } from './notification-bell';

@Component({ template: '' })
class Blank {}

const COUNT = '/api/notifications/unread-count';
const MINUTE = 60_000;

describe('NotificationBell', () => {
  let visibility: DocumentVisibilityState;

  beforeEach(() => {
    // Only the poll's clock is faked; the rest of Angular runs on real timers.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'queueMicrotask',
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'clearImmediate',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'Date',
        'performance',
      ],
    });
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cases', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  async function render() {
    const fixture = TestBed.createComponent(NotificationBell);
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    const http = TestBed.inject(HttpTestingController);
    const link = () => fixture.nativeElement.querySelector('[data-testid="notification-bell"]');
    const answer = async (unread: number, background = false) => {
      const request = http.expectOne(COUNT);
      expect(request.request.headers.has(BACKGROUND_HEADER)).toBe(background);
      request.flush({ unread });
      await settle();
    };
    return { fixture, http, link, answer, settle };
  }

  it('shows the unread count and says it to screen readers', async () => {
    const { link, answer } = await render();
    await answer(3);
    expect(link().getAttribute('aria-label')).toBe('Notifications, 3 unread');
    expect(link().getAttribute('href')).toBe('/notifications');
    expect(link().textContent).toContain('3');
  });

  it('hides the badge when nothing is unread, and caps a large count', async () => {
    const { link, answer, fixture, settle } = await render();
    await answer(0);
    expect(link().getAttribute('aria-label')).toBe('Notifications');
    expect(link().classList).toContain('mat-badge-hidden');
    TestBed.inject(UnreadNotifications).set(250);
    await settle();
    expect(link().classList).not.toContain('mat-badge-hidden');
    expect(fixture.nativeElement.querySelector('.mat-badge-content')?.textContent).toContain('99+');
    expect(link().getAttribute('aria-label')).toBe('Notifications, 250 unread');
  });

  it('asks again after each navigation and once a minute, marked as background', async () => {
    const { http, link, answer } = await render();
    await answer(1);

    await TestBed.inject(Router).navigateByUrl('/cases');
    await answer(2);
    expect(link().getAttribute('aria-label')).toBe('Notifications, 2 unread');

    jest.advanceTimersByTime(MINUTE - 1);
    http.expectNone(COUNT);
    jest.advanceTimersByTime(1);
    await answer(5, true);
    expect(link().getAttribute('aria-label')).toBe('Notifications, 5 unread');
  });

  it('waits while the tab is hidden and asks when it is shown again', async () => {
    const { http, answer } = await render();
    await answer(1);
    visibility = 'hidden';
    jest.advanceTimersByTime(3 * MINUTE);
    http.expectNone(COUNT);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await answer(1, true);
  });

  it('keeps the last count when a poll fails', async () => {
    const { http, link, answer, settle } = await render();
    await answer(4);
    jest.advanceTimersByTime(MINUTE);
    http.expectOne(COUNT).flush({ message: 'down' }, { status: 503, statusText: 'Unavailable' });
    await settle();
    expect(link().getAttribute('aria-label')).toBe('Notifications, 4 unread');
  });

  it('stops polling and forgets the count when it goes (sign-out)', async () => {
    const { http, answer, fixture } = await render();
    await answer(4);
    fixture.destroy();
    expect(TestBed.inject(UnreadNotifications).count()).toBeNull();
    jest.advanceTimersByTime(5 * MINUTE);
    await TestBed.inject(Router).navigateByUrl('/cases');
    http.expectNone(COUNT);
  });
});
