import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ForgotPassword } from './forgot-password';

describe('ForgotPassword', () => {
  let fixture: ComponentFixture<ForgotPassword>;
  let backend: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ForgotPassword);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function ask(email: string): Promise<void> {
    const input = page().querySelector<HTMLInputElement>('[data-testid=forgot-email]');
    if (!input) throw new Error('no email field');
    input.value = email;
    input.dispatchEvent(new Event('input'));
    page().querySelector<HTMLButtonElement>('[data-testid=forgot-submit]')?.click();
    await fixture.whenStable();
  }

  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  it('says the same neutral thing once the request is accepted', async () => {
    await ask(' sam@harbor.example ');
    const request = backend.expectOne('/api/auth/password-reset');
    expect(request.request.body).toEqual({ email: 'sam@harbor.example' });
    request.flush({ message: 'If an account exists…' }, { status: 202, statusText: 'Accepted' });
    await settled();
    expect(page().querySelector('[data-testid=forgot-sent]')?.textContent).toMatch(
      /If an account exists for\s+sam@harbor\.example, we have sent a link to it\. It works\s+for 30 minutes\./,
    );
  });

  it('shows the server’s words when asked too often', async () => {
    await ask('sam@harbor.example');
    backend.expectOne('/api/auth/password-reset').flush(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many requests for this address. Try again in 10 minutes.',
      },
      { status: 429, statusText: 'Too Many Requests' },
    );
    await settled();
    expect(page().querySelector('[role=alert]')?.textContent).toContain(
      'Too many requests for this address. Try again in 10 minutes.',
    );
    expect(page().querySelector('[data-testid=forgot-sent]')).toBeNull();
  });

  it('asks for a valid address before sending anything', async () => {
    await ask('not an address');
    backend.expectNone('/api/auth/password-reset');
    expect(page().textContent).toContain('Enter a valid email address.');
  });
});
