import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';
import { SetUpPage } from './set-up-page';

const nadia: Me = {
  id: 'u7',
  email: 'nadia@harbor.example',
  displayName: 'Nadia Brooks',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor Counseling' },
  secondFactor: 'enrol',
};
const CODES = Array.from({ length: 10 }, (_, i) => `code-${i}`);

describe('SetUpPage', () => {
  let fixture: ComponentFixture<SetUpPage>;
  let backend: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) => page().querySelector<HTMLElement>(`[data-testid=${id}]`);
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthStore).login({ email: nadia.email, password: 'x' });
    backend.expectOne('/api/auth/login').flush(nadia);
    await signedIn;
    fixture = TestBed.createComponent(SetUpPage);
    fixture.componentRef.setInput('returnUrl', '/review');
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('says why, then sets up an authenticator app, shows the codes once, and goes on', async () => {
    expect(page().textContent).toContain('Counselors and admins hold clinical records');
    expect(page().textContent).toContain('nadia@harbor.example');
    q('set-up-totp')?.click();
    await settled();
    backend.expectOne('/api/auth/mfa/totp/setup').flush({
      secret: 'MENDDEMOKEYFORTRYINGMEND',
      otpauthUrl: 'otpauth://totp/Mend:nadia',
      qrCode: 'data:image/png;base64,iVBORw0KGgo=',
    });
    await settled();
    expect(q('totp-qr')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(q('totp-secret')?.textContent?.trim()).toBe('MEND DEMO KEYF ORTR YING MEND');
    expect(q('totp-secret')?.getAttribute('data-secret')).toBe('MENDDEMOKEYFORTRYINGMEND');

    const code = q('totp-confirm-code') as HTMLInputElement;
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    q('totp-confirm')?.click();
    const confirm = backend.expectOne('/api/auth/mfa/totp/confirm');
    expect(confirm.request.body).toEqual({ code: '123456' });
    confirm.flush({ recoveryCodes: CODES });
    await settled();

    expect(page().querySelectorAll('[data-testid=recovery-code]')).toHaveLength(10);
    const done = q('recovery-done') as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    page().querySelector<HTMLInputElement>('[data-testid=recovery-saved] input')?.click();
    await settled();
    expect(done.disabled).toBe(false);

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    done.click();
    backend.expectOne('/api/auth/me').flush({ ...nadia, secondFactor: 'given' });
    await settled();
    expect(String(navigate.mock.calls[0]?.[0])).toBe('/review');
  });

  it('explains a wrong first code and lets them try the next one', async () => {
    q('set-up-totp')?.click();
    await settled();
    backend.expectOne('/api/auth/mfa/totp/setup').flush({
      secret: 'ABCDEFGH',
      otpauthUrl: 'otpauth://totp/x',
      qrCode: 'data:image/png;base64,AA==',
    });
    await settled();
    const code = q('totp-confirm-code') as HTMLInputElement;
    code.value = '000000';
    code.dispatchEvent(new Event('input'));
    q('totp-confirm')?.click();
    backend
      .expectOne('/api/auth/mfa/totp/confirm')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'The code is not right.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settled();
    expect(q('totp-error')?.textContent).toContain('That code is not right.');
    expect(code.value).toBe('000000');
  });
});
