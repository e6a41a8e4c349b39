import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';
import { ResetPassword } from './reset-password';

const me: Me = {
  id: 'u5',
  email: 'sam@harbor.example',
  displayName: 'Sam',
  role: 'client',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'off',
};

describe('ResetPassword', () => {
  let fixture: ComponentFixture<ResetPassword>;
  let backend: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;

  async function open(hash: string): Promise<void> {
    history.replaceState(null, '', `/reset-password${hash}`);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResetPassword);
    await fixture.whenStable();
  }

  async function type(testId: string, value: string): Promise<void> {
    const input = page().querySelector<HTMLInputElement>(`[data-testid=${testId}]`);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(password = 'harbor lights at dusk'): Promise<void> {
    await type('reset-password', password);
    await type('reset-confirmation', password);
    page().querySelector<HTMLButtonElement>('[data-testid=reset-submit]')?.click();
    await fixture.whenStable();
  }

  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  afterEach(() => backend.verify());

  it('takes the token from the fragment, hides it, and signs the person in', async () => {
    await open('#token=abc123');
    expect(window.location.hash).toBe('');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submit();
    const request = backend.expectOne('/api/auth/password-reset/confirm');
    expect(request.request.body).toEqual({ token: 'abc123', password: 'harbor lights at dusk' });
    request.flush(me);
    await settled();
    expect(TestBed.inject(AuthStore).me()).toEqual(me);
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/');
  });

  it('takes staff to their second step after the new password', async () => {
    await open('#token=abc123');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submit();
    backend
      .expectOne('/api/auth/password-reset/confirm')
      .flush({ ...me, role: 'counselor', secondFactor: 'needed' });
    await settled();
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/sign-in/verify');
  });

  it('shows the server’s reason beside a weak password', async () => {
    await open('#token=abc123');
    await submit('password1234');
    backend.expectOne('/api/auth/password-reset/confirm').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Check the password.',
        fields: [{ field: 'password', reasons: ['This password is one of the most common ones.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settled();
    expect(page().textContent).toContain('This password is one of the most common ones.');
  });

  it('explains a used or expired link, with a way to ask again', async () => {
    await open('#token=old');
    await submit();
    backend.expectOne('/api/auth/password-reset/confirm').flush(
      {
        statusCode: 410,
        error: 'Gone',
        message: 'This link has expired. Ask for a new one.',
      },
      { status: 410, statusText: 'Gone' },
    );
    await settled();
    expect(page().querySelector('[data-testid=reset-unusable]')?.textContent).toContain(
      'This link has expired. Ask for a new one.',
    );
    expect(page().querySelector('[data-testid=reset-ask-again]')?.getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('explains an unknown link', async () => {
    await open('#token=nope');
    await submit();
    backend
      .expectOne('/api/auth/password-reset/confirm')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'Not found.' },
        { status: 404, statusText: 'Not Found' },
      );
    await settled();
    expect(page().querySelector('[data-testid=reset-unusable]')?.textContent).toContain(
      'This link is not valid.',
    );
  });

  it('says so when the link has no token at all', async () => {
    await open('');
    expect(page().querySelector('[data-testid=reset-unusable]')).not.toBeNull();
  });
});
