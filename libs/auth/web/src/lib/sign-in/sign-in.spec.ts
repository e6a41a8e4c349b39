import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Me } from '@mend/shared/contracts';
import { SignIn } from './sign-in';

const me: Me = {
  id: 'u5',
  email: 'sam@harbor.example',
  displayName: 'Sam',
  role: 'client',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'off',
};

describe('SignIn', () => {
  let fixture: ComponentFixture<SignIn>;
  let backend: HttpTestingController;
  let navigate: jest.SpyInstance;
  const page = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) =>
    Array.from(page().querySelectorAll(selector), (e) => e.textContent?.trim());
  const input = (name: string) => {
    const element = page().querySelector<HTMLInputElement>(`input[name=${name}]`);
    if (!element) throw new Error(`no ${name} field`);
    return element;
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function type(name: string, value: string): Promise<void> {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Sends the form as the browser would; whether the browser's own sending was stopped. */
  async function submit(): Promise<boolean> {
    const event = new Event('submit', { cancelable: true });
    page().querySelector('form')?.dispatchEvent(event);
    await fixture.whenStable();
    return event.defaultPrevented;
  }

  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  it('sends nothing while a field is missing or wrong, and says what to fix', async () => {
    expect(text('.field-error')).toEqual([]);
    expect(await submit()).toBe(true);
    expect(text('.field-error')).toEqual(['Enter your email.', 'Enter your password.']);
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(input('email').getAttribute('aria-describedby')).toBe('sign-in-email-error');

    await type('email', 'sam@harbor example');
    await type('password', 'steady harbor lights');
    expect(await submit()).toBe(true);
    expect(text('.field-error')).toEqual(['Enter a valid email address.']);
    backend.expectNone('/api/auth/login');
  });

  it('shows a field’s mistake once the person leaves it', async () => {
    input('email').dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(text('.field-error')).toEqual(['Enter your email.']);
  });

  it('signs in and goes on to the page the person wanted', async () => {
    fixture.componentRef.setInput('returnUrl', '/progress');
    await type('email', 'sam@harbor.example');
    await type('password', 'steady harbor lights');
    expect(await submit()).toBe(true);
    expect(page().querySelector('[role=progressbar]')).not.toBeNull();
    expect(page().querySelector<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(true);
    const request = backend.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({
      email: 'sam@harbor.example',
      password: 'steady harbor lights',
    });
    request.flush(me);
    await settled();
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/progress');
    expect(page().querySelector('[role=progressbar]')).toBeNull();
  });

  it('takes staff to their second step', async () => {
    await type('email', 'maya@harbor.example');
    await type('password', 'steady harbor lights');
    await submit();
    backend
      .expectOne('/api/auth/login')
      .flush({ ...me, role: 'counselor', secondFactor: 'needed' });
    await settled();
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/sign-in/verify');
  });

  it('shows the server’s message, and its reason beside the field until the field changes', async () => {
    await type('email', 'sam@harbor.example');
    await type('password', 'steady harbor lights');
    await submit();
    backend.expectOne('/api/auth/login').flush(
      {
        statusCode: 400,
        message: 'Check the highlighted fields.',
        fields: [{ field: 'email', reasons: ['This address cannot sign in here.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settled();
    expect(text('[role=alert]')).toEqual(['error_outline Check the highlighted fields.']);
    expect(text('.field-error')).toEqual(['This address cannot sign in here.']);
    await type('email', 'sam at harbor');
    expect(text('.field-error')).toEqual(['Enter a valid email address.']);
    await type('email', 'sam@harbor.example');
    expect(text('.field-error')).toEqual([]);
  });

  it('asks the person to wait as long as the server says after too many attempts', async () => {
    await type('email', 'sam@harbor.example');
    await type('password', 'steady harbor lights');
    await submit();
    backend
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, message: 'Too many attempts.' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '30' } },
      );
    await settled();
    expect(text('[role=alert]')).toEqual([
      'error_outline Too many attempts. Please wait 30 seconds and try again.',
    ]);
  });

  it('tells a person whose session ended why they are here', async () => {
    fixture.componentRef.setInput('expired', '1');
    await fixture.whenStable();
    expect(text('[role=status]')).toEqual([
      'schedule Your session ended. Sign in again to continue where you were.',
    ]);
  });

  it('shows the password on request', async () => {
    const toggle = page().querySelector<HTMLButtonElement>('button.toggle');
    expect(toggle?.getAttribute('aria-label')).toBe('Show password');
    expect(input('password').type).toBe('password');
    toggle?.click();
    await fixture.whenStable();
    expect(input('password').type).toBe('text');
    expect(toggle?.getAttribute('aria-label')).toBe('Hide password');
  });
});
