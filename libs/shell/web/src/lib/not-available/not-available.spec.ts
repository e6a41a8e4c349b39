import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { roleGuard } from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';
import { NotAvailable, rolesText } from './not-available';

@Component({ selector: 'mend-sessions-stub', template: '<p>Sessions</p>' })
class SessionsStub {}

describe('NotAvailable', () => {
  const dana: Me = {
    id: 'u1',
    email: 'dana@harbor.example',
    displayName: 'Dana Whitfield',
    role: 'admin',
    clinic: { id: 'c1', name: 'Harbor Counseling' },
    secondFactor: 'given',
  };

  it('names the roles a page is for', () => {
    expect(rolesText(['counselor'])).toBe('counselors');
    expect(rolesText(['admin', 'counselor'])).toBe('clinic admins and counselors');
    expect(rolesText(['admin', 'counselor', 'client'])).toBe(
      'clinic admins, counselors and clients',
    );
  });

  it('tells an admin who opens a counselor’s page whose page it is, at the address they opened', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'sessions', canActivate: [roleGuard('counselor')], component: SessionsStub },
            { path: 'not-available', component: NotAvailable },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    const harness = await RouterTestingHarness.create();
    const shown = harness.navigateByUrl('/sessions');
    await new Promise((resolve) => setTimeout(resolve)); // the guard asks who is signed in
    TestBed.inject(HttpTestingController).expectOne('/api/auth/whoami').flush({ me: dana });
    await shown;
    const page = harness.routeNativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('This page is not available to your role');
    const why = page.querySelector('[data-testid="not-available-why"]')?.textContent ?? '';
    expect(why.replace(/\s+/g, ' ').trim()).toBe(
      'The page you opened is for counselors. You are signed in as a clinic admin of Harbor Counseling.',
    );
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/');
    expect(page.textContent).not.toContain('Sessions');
    // The address bar keeps the page they opened; the router shows this page there.
    expect(TestBed.inject(Location).path()).toBe('/sessions');
    expect(TestBed.inject(Router).url).toBe('/not-available?roles=counselor');
  });
});
