import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { AgreementSummary, AgreementView, Role } from '@mend/shared/contracts';
import { AgreementWorkspace } from './agreement-workspace';

const SUMMARY: AgreementSummary = {
  id: 'a1',
  number: 1,
  status: 'draft',
  reviewOn: null,
  signedAt: null,
  updatedAt: '2026-11-30T10:00:00.000Z',
};
const VIEW: AgreementView = {
  ...SUMMARY,
  caseId: 'c1',
  items: [{ category: 'contact_boundaries', text: 'No contact with J.' }],
  version: 2,
  signatures: [
    {
      userId: 'alex',
      displayName: 'Alex Morgan',
      typedName: 'Alex Morgan',
      signedAt: '2026-11-30T11:00:00.000Z',
    },
  ],
  members: [
    { userId: 'alex', displayName: 'Alex Morgan', signed: true },
    { userId: 'sam', displayName: 'Sam Rivera', signed: false },
  ],
  can: { edit: true, sign: true, review: false },
};

async function render(
  role: Role,
  answers: { versions: AgreementSummary[]; view?: AgreementView; open?: boolean },
) {
  const me = signal({ id: role === 'client' ? 'sam' : 'maya', displayName: 'Sam Rivera', role });
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideNoopAnimations(),
      provideRouter([]),
      { provide: AuthStore, useValue: { me, role: computed(() => me().role) } },
    ],
  });
  const fixture = TestBed.createComponent(AgreementWorkspace);
  fixture.componentRef.setInput('caseId', 'c1');
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/cases/c1/agreements').flush(answers.versions);
  if (role === 'client')
    http
      .expectOne('/api/my/joint-work')
      .flush([{ caseId: 'c1', open: answers.open ?? true, message: '' }]);
  await new Promise((resolve) => setTimeout(resolve));
  if (answers.view) http.expectOne(`/api/agreements/${answers.view.id}`).flush(answers.view);
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
  return { element: fixture.nativeElement as HTMLElement, http, fixture };
}

const text = (element: HTMLElement, id: string) =>
  element.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;

describe('AgreementWorkspace', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('a member reads the draft, sees who signed and signs with their typed name', async () => {
    const { element, fixture } = await render('client', { versions: [SUMMARY], view: VIEW });
    expect(text(element, 'agreement-title')).toContain('Version 1');
    expect(text(element, 'agreement-paused')).toBeNull();
    const inputs = element.querySelectorAll<HTMLTextAreaElement>(
      '[data-testid="agreement-item-input"]',
    );
    expect(Array.from(inputs).map((i) => i.value)).toEqual(['No contact with J.']);
    const signers = Array.from(element.querySelectorAll('[data-testid="agreement-signer"]')).map(
      (li) => li.textContent,
    );
    expect(signers[0]).toContain('Alex Morgan');
    expect(signers[1]).toContain('Not signed yet');
    expect(text(element, 'agreement-sign-form')).toContain('Sam Rivera');
    // The PDF comes through the API client (it may ask for the second factor first).
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    URL.createObjectURL = jest.fn(() => 'blob:agreement');
    URL.revokeObjectURL = jest.fn();
    element.querySelector<HTMLButtonElement>('[data-testid="agreement-pdf"]')?.click();
    const pdf = TestBed.inject(HttpTestingController).expectOne((r) =>
      /^\/api\/agreements\/a1\/pdf\?tz=/.test(r.urlWithParams),
    );
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF']));
    await new Promise((resolve) => setTimeout(resolve));
    expect(click).toHaveBeenCalled();
    click.mockRestore();
    fixture.destroy();
  });

  it('tells a client calmly that joint work is paused, never why, and keeps the agreement readable', async () => {
    const closed = { ...VIEW, can: { edit: false, sign: false, review: false } };
    const { element } = await render('client', { versions: [SUMMARY], view: closed, open: false });
    expect(text(element, 'agreement-paused')).toContain(
      'Your counselor will open joint exercises when it’s the right time.',
    );
    expect(text(element, 'agreement-paused')).not.toMatch(/safety|cleared|conversation/i);
    expect(element.querySelectorAll('[data-testid="agreement-item"]')).toHaveLength(1);
    expect(element.querySelector('[data-testid="agreement-sign-form"]')).toBeNull();
    expect(element.querySelector('[data-testid="agreement-pdf"]')).toBeNull();
  });

  it('offers a counselor to start the agreement when there is none', async () => {
    const { element } = await render('counselor', { versions: [] });
    expect(text(element, 'agreement-empty')).toContain('No agreement yet');
    expect(element.querySelector('[data-testid="agreement-start"]')).not.toBeNull();
  });
});
