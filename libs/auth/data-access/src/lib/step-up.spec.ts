import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Subject } from 'rxjs';
import { StepUp } from './step-up';

describe('StepUp', () => {
  const closed = new Subject<boolean | undefined>();
  const dialog = { open: jest.fn(() => ({ afterClosed: () => closed })) };

  beforeEach(() => {
    dialog.open.mockClear();
    TestBed.configureTestingModule({ providers: [{ provide: MatDialog, useValue: dialog }] });
  });

  it('opens one dialog for every request that waits, and shares its answer', async () => {
    const stepUp = TestBed.inject(StepUp);
    const first = stepUp.confirm();
    const second = stepUp.confirm();
    await new Promise((resolve) => setTimeout(resolve));
    expect(dialog.open).toHaveBeenCalledTimes(1);
    expect(stepUp.active).toBe(true);
    closed.next(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(stepUp.active).toBe(false);
  });

  it('answers false when they cancel or close the dialog', async () => {
    const stepUp = TestBed.inject(StepUp);
    const answer = stepUp.confirm();
    await new Promise((resolve) => setTimeout(resolve));
    closed.next(undefined);
    expect(await answer).toBe(false);
  });
});
