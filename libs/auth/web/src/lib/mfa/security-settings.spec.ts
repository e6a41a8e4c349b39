import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { MfaStatus } from '@mend/shared/contracts';
import { SecuritySettings } from './security-settings';

const status = (over: Partial<MfaStatus> = {}): MfaStatus => ({
  required: true,
  totp: { enabledAt: '2026-01-05T10:00:00Z' },
  passkeys: [],
  recoveryCodesLeft: 10,
  givenAt: '2026-01-05T10:00:00Z',
  ...over,
});

describe('SecuritySettings', () => {
  let fixture: ComponentFixture<SecuritySettings>;
  let backend: HttpTestingController;
  const dialog = { open: jest.fn() };
  const page = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) => page().querySelector<HTMLElement>(`[data-testid=${id}]`);

  async function open(factors: MfaStatus): Promise<void> {
    dialog.open.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: dialog },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SecuritySettings);
    await fixture.whenStable();
    backend.expectOne('/api/auth/mfa').flush(factors);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  it('shows staff their factors and keeps them from removing the only one', async () => {
    await open(status());
    expect(q('mfa-state')?.textContent).toContain('On');
    expect(q('mfa-totp')?.textContent).toContain('On since 5 January 2026');
    expect((q('mfa-totp-remove') as HTMLButtonElement).disabled).toBe(true);
    expect(q('mfa-keep-last')?.textContent).toContain('add another first');
    expect(q('mfa-codes-left')?.textContent).toContain('10 of 10 codes left');
  });

  it('lets staff with two factors remove one, and warns when codes run low', async () => {
    await open(
      status({
        passkeys: [{ id: 'p1', name: 'Work laptop', createdAt: '2026-01-06', lastUsedAt: null }],
        recoveryCodesLeft: 2,
      }),
    );
    expect((q('mfa-totp-remove') as HTMLButtonElement).disabled).toBe(false);
    expect(q('mfa-passkey-row')?.textContent).toContain('Work laptop');
    expect(q('mfa-passkey-row')?.textContent).toContain('not used yet');
    expect(q('mfa-codes-left')?.textContent).toContain('Make new ones before they run out.');
    dialog.open.mockReturnValue({ afterClosed: () => of(undefined) });
    q('mfa-passkey-remove')?.click();
    expect(dialog.open.mock.calls[0]?.[1]?.data.title).toBe('Remove the passkey “Work laptop”?');
  });

  it('tells a client it is optional, and that adding a factor turns it on', async () => {
    await open(status({ required: false, totp: null, recoveryCodesLeft: 0 }));
    expect(q('mfa-state')?.textContent).toContain('Off');
    expect(q('mfa-summary')?.textContent).toContain('Optional for you');
    expect(q('mfa-totp-add')).not.toBeNull();
    expect(q('mfa-recovery')).toBeNull();
  });
});
