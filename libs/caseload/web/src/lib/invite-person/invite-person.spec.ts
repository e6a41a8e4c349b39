import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { InvitationSent } from '@mend/shared/contracts';
import { InvitePerson, invitationSentText } from './invite-person';

const sent = (changes: Partial<InvitationSent>): InvitationSent => ({
  user: {
    id: 'u9',
    email: 'ines@harbor.example',
    displayName: 'Ines Moreau',
    role: 'counselor',
    status: 'invited',
    createdAt: '2026-05-11T10:00:00Z',
  },
  expiresAt: '2026-05-14T10:00:00Z',
  mailed: true,
  ...changes,
});

describe('InvitePerson', () => {
  let fixture: ComponentFixture<InvitePerson>;
  let backend: HttpTestingController;
  const ref = { close: jest.fn(), disableClose: false };
  const element = () => fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    ref.close.mockClear();
    ref.disableClose = false;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: MatDialogRef, useValue: ref },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(InvitePerson);
    await fixture.whenStable();
    for (const [name, value] of [
      ['displayName', 'Ines Moreau'],
      ['email', 'ines@harbor.example'],
    ]) {
      const input = element().querySelector<HTMLInputElement>(`[formcontrolname=${name}]`);
      if (!input) throw new Error(`no ${name}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    element().querySelector<HTMLButtonElement>('button[type=submit]')?.click();
  });

  afterEach(() => backend.verify());

  it('closes at once when the invitation went out by mail', async () => {
    backend.expectOne('/api/users/invitations').flush(sent({ mailed: true }));
    await settle();
    expect(ref.close).toHaveBeenCalledWith(sent({ mailed: true }));
  });

  it('shows the link once when no mail server carried it, and closes when the admin is done', async () => {
    const unmailed = sent({
      mailed: false,
      link: 'http://mend.example/accept-invitation#token=abc',
    });
    backend.expectOne('/api/users/invitations').flush(unmailed);
    await settle();
    expect(ref.close).not.toHaveBeenCalled();
    expect(ref.disableClose).toBe(true);
    expect(element().textContent).toContain('No mail server is configured');
    expect(element().querySelector<HTMLTextAreaElement>('[data-testid=one-time-link]')?.value).toBe(
      'http://mend.example/accept-invitation#token=abc',
    );

    element().querySelector<HTMLButtonElement>('[data-testid=invite-done]')?.click();
    expect(ref.close).toHaveBeenCalledWith(unmailed);
    expect(invitationSentText(unmailed)).toBe('Ines Moreau is invited.');
    expect(invitationSentText(sent({}))).toBe('Invitation sent to ines@harbor.example.');
  });
});
