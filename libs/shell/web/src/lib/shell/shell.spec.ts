import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';
import { Shell } from './shell';

async function render() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthStore);
  const me = {
    id: 'me',
    email: 'sam@harbor.example',
    displayName: 'Sam Rivera',
    role: 'client',
    clinic: { id: 'clinic', name: 'Harbor Counseling' },
    secondFactor: 'off',
  } as Me;
  const signedIn = auth.load();
  http.expectOne('/api/auth/whoami').flush({ me });
  await signedIn;
  const fixture = TestBed.createComponent(Shell);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

/** What a screen reader says for an element: its text without what is hidden from it. */
function spoken(element: Element | null): string {
  const copy = element?.cloneNode(true) as HTMLElement | undefined;
  copy?.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('Shell', () => {
  it('starts with a skip link that moves keyboard focus to the main content', async () => {
    const element = await render();
    const skip = element.querySelector<HTMLAnchorElement>('a');
    expect(skip?.textContent?.trim()).toBe('Skip to main content');
    const main = element.querySelector<HTMLElement>('main');
    expect(skip?.getAttribute('href')).toBe(`#${main?.id}`);
    // Focusable by script only: not a stop of its own in the tab order.
    expect(main?.getAttribute('tabindex')).toBe('-1');

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    skip?.dispatchEvent(click);
    expect(document.activeElement).toBe(main);
    // Handled in the page: the address (`<base href="/">` + `#main-content`) is not followed.
    expect(click.defaultPrevented).toBe(true);
  });

  it('puts the top bar in a header, the navigation in a nav and the page in main', async () => {
    const element = await render();
    expect(element.querySelector('header mat-toolbar')).not.toBeNull();
    expect(element.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(element.querySelector('main router-outlet')).not.toBeNull();
  });

  it('names the account menu button by its text, also where only the initials show (on a phone)', async () => {
    const element = await render();
    const button = element.querySelector('[data-testid="user-menu"]');
    // Its own text, not an aria-label that would differ from what is on screen (WCAG 2.5.3).
    expect(button?.hasAttribute('aria-label')).toBe(false);
    const text = (selector: string) => button?.querySelector(selector)?.textContent?.trim();
    expect(text('.user-name')).toBe('Sam Rivera');
    expect(text('.user-name + .cdk-visually-hidden')).toBe(': account menu');
    expect(button?.querySelector('.avatar')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the unread conversations beside Messages, and says them in the link’s name', async () => {
    const element = await render();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/messages/unread').flush({ threads: 2 });
    await new Promise((resolve) => setTimeout(resolve));
    await TestBed.inject(ApplicationRef).whenStable();
    const link = element.querySelector('nav a[href="/messages"]');
    expect(link?.getAttribute('aria-label')).toBe('Messages, 2 unread');
    // What shows stays the start of the name (WCAG 2.5.3).
    expect(spoken(link)).toBe('Messages');
    const badge = link?.querySelector('[data-testid="nav-unread-messages"]');
    expect([badge?.getAttribute('data-count'), badge?.getAttribute('aria-hidden')]).toEqual([
      '2',
      'true',
    ]);
  });
});
