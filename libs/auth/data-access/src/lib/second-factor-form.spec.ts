import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Me, MfaStatus } from '@mend/shared/contracts';
import { codeDigits } from './mfa-api';
import { SecondFactorForm } from './second-factor-form';

const maya: Me = {
  id: 'u1',
  email: 'maya@harbor.example',
  displayName: 'Maya',
  role: 'counselor',
  clinic: { id: 'c1', name: 'Harbor' },
  secondFactor: 'needed',
};

const status = (over: Partial<MfaStatus> = {}): MfaStatus => ({
  required: true,
  totp: { enabledAt: '2026-01-01T00:00:00Z' },
  passkeys: [],
  recoveryCodesLeft: 10,
  givenAt: null,
  ...over,
});

describe('codeDigits', () => {
  it('takes the digits as people type them', () => {
    expect(codeDigits('123 456')).toBe('123456');
    expect(codeDigits('123-456')).toBe('123456');
  });
});

describe('SecondFactorForm', () => {
  let fixture: ComponentFixture<SecondFactorForm>;
  let backend: HttpTestingController;
  let verified: Me[];
  const page = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) => page().querySelector<HTMLElement>(`[data-testid=${id}]`);
  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  async function open(factors: MfaStatus): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SecondFactorForm);
    verified = [];
    fixture.componentInstance.verified.subscribe((me) => verified.push(me));
    await fixture.whenStable();
    backend.expectOne('/api/auth/mfa').flush(factors);
    await settled();
  }

  function type(id: string, value: string): void {
    const input = q(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  afterEach(() => backend.verify());

  it('offers a numeric one-time-code field to a person with an authenticator app', async () => {
    await open(status());
    const code = q('mfa-code') as HTMLInputElement;
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    type('mfa-code', '654321');
    q('mfa-submit')?.click();
    const verify = backend.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({ method: 'totp', code: '654321' });
    verify.flush({ ...maya, secondFactor: 'given' });
    await settled();
    expect(verified.map((me) => me.secondFactor)).toEqual(['given']);
  });

  it('says clearly why a code was refused, and clears it once they type again', async () => {
    await open(status());
    type('mfa-code', '111111');
    q('mfa-submit')?.click();
    backend.expectOne('/api/auth/mfa/verify').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Check the code.',
        fields: [{ field: 'code', reasons: ['That did not work.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settled();
    expect(q('mfa-error')?.textContent).toContain(
      'That code did not work: it may have expired or been used already.',
    );
    type('mfa-code', '2');
    await settled();
    expect(q('mfa-error')).toBeNull();
    expect(verified).toEqual([]);
  });

  it('says when too many wrong answers ended the session', async () => {
    await open(status());
    const ended: string[] = [];
    fixture.componentInstance.sessionEnded.subscribe((message) => ended.push(message));
    type('mfa-code', '111111');
    q('mfa-submit')?.click();
    backend.expectOne('/api/auth/mfa/verify').flush(
      {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Too many wrong answers. Please sign in again.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settled();
    expect(ended).toEqual(['Too many wrong answers. Please sign in again.']);
  });

  it('does not send a code that is not six digits', async () => {
    await open(status());
    type('mfa-code', '12345');
    q('mfa-submit')?.click();
    await settled();
    backend.expectNone('/api/auth/mfa/verify');
  });

  it('takes a recovery code instead', async () => {
    await open(status());
    q('mfa-use-recovery')?.click();
    await settled();
    type('mfa-recovery-code', '  abcd-efgh ');
    q('mfa-recovery-submit')?.click();
    const verify = backend.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({ method: 'recovery_code', code: 'abcd-efgh' });
    verify.flush({ ...maya, secondFactor: 'given' });
    await settled();
    expect(verified).toHaveLength(1);
  });

  it('offers only a passkey to someone without an authenticator app', async () => {
    Object.defineProperty(window, 'PublicKeyCredential', { value: class {}, configurable: true });
    await open(
      status({
        totp: null,
        passkeys: [{ id: 'p1', name: 'Mac', createdAt: '2026-01-01', lastUsedAt: null }],
      }),
    );
    expect(q('mfa-code')).toBeNull();
    expect(q('mfa-passkey')?.textContent).toContain('Use a passkey');
    expect(q('mfa-use-recovery')).not.toBeNull();
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  });
});
