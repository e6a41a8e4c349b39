import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { CasePathView } from '@mend/shared/contracts';
import { CasePath } from './case-path';
import { MoveStage } from './move-stage';

const PATH: CasePathView = {
  caseId: 'c1',
  stage: 'responsibility',
  history: [
    {
      id: 'm2',
      from: 'transparency',
      to: 'responsibility',
      reason: 'Back to ownership first.',
      changedAt: '2026-11-12T10:00:00Z',
      changedBy: { userId: 'maya', displayName: 'Maya Okafor' },
    },
    {
      id: 'm1',
      from: 'acknowledge',
      to: 'transparency',
      reason: 'Both named the hurt.',
      changedAt: '2026-11-05T10:00:00Z',
      changedBy: { userId: 'omar', displayName: 'Omar Haddad' },
    },
  ],
};

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('CasePath', () => {
  async function render(path: CasePathView, open = true) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(CasePath);
    fixture.componentRef.setInput('caseId', 'c1');
    fixture.componentRef.setInput('open', open);
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/cases/c1/path').flush(path);
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    return {
      element,
      byTestId: (id: string) =>
        Array.from(element.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)),
    };
  }

  it('shows the nine stages with the current one marked, and every move newest first', async () => {
    const { byTestId } = await render(PATH);
    const steps = byTestId('path-step');
    expect(steps).toHaveLength(9);
    const current = steps.filter((s) => s.getAttribute('aria-current') === 'step');
    expect(current.map((s) => s.textContent)).toEqual([
      expect.stringContaining('Take responsibility'),
    ]);
    expect(current[0].textContent).toContain('owns their choices');
    expect(steps[2].classList).toContain('visited');
    expect(steps[4].classList).not.toContain('visited');

    const moves = byTestId('path-move');
    expect(moves).toHaveLength(2);
    expect(moves[0].textContent).toContain('Transparency');
    expect(moves[0].textContent).toContain('2 · Take responsibility');
    expect(moves[0].textContent).toContain('Back');
    expect(moves[0].textContent).toContain('Back to ownership first.');
    expect(moves[0].textContent).toContain('Maya Okafor');
    expect(moves[1].textContent).not.toContain('Back');
    expect(moves[1].textContent).toContain('Omar Haddad');
    expect(byTestId('move-stage')).toHaveLength(1);
  });

  it('says when the case has not moved, and offers no move once closed', async () => {
    const { element, byTestId } = await render(
      { caseId: 'c1', stage: 'acknowledge', history: [] },
      false,
    );
    expect(element.textContent).toContain('The case has not moved yet.');
    expect(byTestId('move-stage')).toHaveLength(0);
    expect(element.textContent).toContain('The case is closed');
  });
});

describe('MoveStage', () => {
  async function render() {
    const close = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { caseId: 'c1', current: 'repair' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    const fixture = TestBed.createComponent(MoveStage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const form = (fixture.componentInstance as unknown as { form: MoveStage['form'] }).form;
    const submit = async () => {
      element.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { fixture, element, form, submit, close, http: TestBed.inject(HttpTestingController) };
  }

  it('needs a stage and a reason that is more than spaces', async () => {
    const { form, submit, http } = await render();
    form.setValue({ stage: null, reason: '   ' });
    await submit();
    http.expectNone('/api/cases/c1/stage');
    expect(form.controls.stage.invalid).toBe(true);
    expect(form.controls.reason.invalid).toBe(true);
  });

  it('moves the case with the trimmed reason and closes with the new path', async () => {
    const { form, submit, http, close, fixture } = await render();
    form.setValue({ stage: 'responsibility', reason: '  Back to ownership.  ' });
    await submit();
    const request = http.expectOne({ method: 'PUT', url: '/api/cases/c1/stage' });
    expect(request.request.body).toEqual({ stage: 'responsibility', reason: 'Back to ownership.' });
    request.flush({ ...PATH });
    await settle(fixture);
    expect(close).toHaveBeenCalledWith(PATH);
  });

  it('shows the server’s reason beside the field it names', async () => {
    const { form, submit, http, close, fixture } = await render();
    form.setValue({ stage: 'time', reason: 'Ready' });
    await submit();
    http.expectOne('/api/cases/c1/stage').flush(
      {
        statusCode: 400,
        message: 'The case is already at this stage.',
        fields: [{ field: 'stage', reasons: ['The case is already at this stage.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect(form.controls.stage.getError('server')).toBe('The case is already at this stage.');
    expect(close).not.toHaveBeenCalled();
  });
});
