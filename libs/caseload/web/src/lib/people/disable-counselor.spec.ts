import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { Page, UserSummary } from '@mend/shared/contracts';
import { counselorChoiceName } from '../ui/people-text';
import { DisableCounselor, type DisableCounselorData } from './disable-counselor';

const person = (id: string, displayName: string, status: UserSummary['status']): UserSummary => ({
  id,
  email: `${id}@harbor.example`,
  displayName,
  role: 'counselor',
  status,
  createdAt: '2026-01-01T00:00:00Z',
});
const page = (items: UserSummary[]): Page<UserSummary> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 100,
});

describe('DisableCounselor', () => {
  let fixture: ComponentFixture<DisableCounselor>;
  let backend: HttpTestingController;
  const ref = { close: jest.fn() };
  const element = () => fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    ref.close.mockClear();
    const data: DisableCounselorData = {
      person: person('maya', 'Maya Okafor', 'active'),
      cases: [
        { id: 'c1', title: 'Sam & Alex', otherCounselors: 0 },
        { id: 'c2', title: 'The Lees', otherCounselors: 1 },
      ],
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: MatDialogRef, useValue: ref },
        { provide: MAT_DIALOG_DATA, useValue: data },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DisableCounselor);
    await fixture.whenStable();
    backend
      .expectOne((r) => r.url === '/api/users' && r.params.get('status') === 'active')
      .flush(page([person('maya', 'Maya Okafor', 'active'), person('omar', 'Omar', 'active')]));
    backend
      .expectOne((r) => r.url === '/api/users' && r.params.get('status') === 'invited')
      .flush(page([person('ines', 'Ines', 'invited')]));
    await settle();
  });

  afterEach(() => backend.verify());

  /** Picks an option, opening the select first when it is closed. */
  async function choose(label: RegExp): Promise<void> {
    if (!document.querySelector('mat-option')) {
      element().querySelector<HTMLElement>('[data-testid=disable-reassign]')?.click();
      await settle();
    }
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((o) =>
      label.test(o.textContent ?? ''),
    );
    option?.click();
    await settle();
  }

  const options = () =>
    Array.from(document.querySelectorAll('mat-option')).map((o) => o.textContent?.trim());

  it('lists the open cases and marks the one that would be left alone', () => {
    const cases = element().querySelector('[data-testid=disable-cases]')?.textContent ?? '';
    expect(cases).toContain('Sam & Alex');
    expect(cases).toContain('Only counselor');
    expect(cases).toContain('and 1 other counselor');
  });

  it('asks who takes over before disabling, offering invited counselors too', async () => {
    element().querySelector<HTMLButtonElement>('[data-testid=confirm]')?.click();
    await settle();
    backend.expectNone('/api/counselors/maya/disable');
    expect(element().textContent).toContain('Choose who takes the cases over.');

    element().querySelector<HTMLElement>('[data-testid=disable-reassign]')?.click();
    await settle();
    expect(options()).toEqual(['Ines (invitation not accepted)', 'Omar', 'Nobody for now']);
    await choose(/^Omar$/);

    element().querySelector<HTMLButtonElement>('[data-testid=confirm]')?.click();
    const request = backend.expectOne('/api/counselors/maya/disable');
    expect(request.request.body).toEqual({ reassignTo: 'omar' });
    request.flush(person('maya', 'Maya Okafor', 'disabled'));
    await settle();
    expect(ref.close).toHaveBeenCalledWith(
      expect.objectContaining({ movedTo: 'Omar', leftAlone: 0 }),
    );
  });

  it('warns before leaving a case without a counselor', async () => {
    await choose(/Nobody/);
    expect(element().textContent).toContain('One case would be left without a counselor');
    element().querySelector<HTMLButtonElement>('[data-testid=confirm]')?.click();
    const request = backend.expectOne('/api/counselors/maya/disable');
    expect(request.request.body).toEqual({});
    request.flush(person('maya', 'Maya Okafor', 'disabled'));
    await settle();
    expect(ref.close).toHaveBeenCalledWith(
      expect.objectContaining({ movedTo: null, leftAlone: 1 }),
    );
  });
});

describe('counselorChoiceName', () => {
  it('marks a counselor who has not accepted their invitation', () => {
    expect(counselorChoiceName({ displayName: 'Ines', status: 'invited' })).toBe(
      'Ines (invitation not accepted)',
    );
    expect(counselorChoiceName({ displayName: 'Omar', status: 'active' })).toBe('Omar');
    expect(counselorChoiceName({ displayName: 'Maya' })).toBe('Maya');
  });
});
