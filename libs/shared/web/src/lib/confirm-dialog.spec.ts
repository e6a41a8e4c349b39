import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ConfirmDialog, type ConfirmData } from './confirm-dialog';

async function render(data: ConfirmData<string>) {
  const close = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(ConfirmDialog);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const confirm = () => element.querySelector<HTMLButtonElement>('[data-testid="confirm"]');
  return { fixture, element, close, confirm };
}

describe('ConfirmDialog', () => {
  it('asks in one sentence, or in paragraphs', async () => {
    const one = await render({
      title: 'Re-enable the account?',
      message: 'They can sign in again.',
      confirm: 'Re-enable account',
      action: () => Promise.resolve('ok'),
    });
    expect(one.element.querySelector('h2')?.textContent).toContain('Re-enable the account?');
    expect(Array.from(one.element.querySelectorAll('.message'), (p) => p.textContent)).toEqual([
      'They can sign in again.',
    ]);
    expect(one.element.querySelector('mat-dialog-content.paragraphs')).toBeNull();
    expect(one.confirm()?.textContent?.trim()).toBe('Re-enable account');
    expect(one.confirm()?.classList).not.toContain('danger');

    TestBed.resetTestingModule();
    const two = await render({
      title: 'Sign this note?',
      message: ['It is locked once signed.', 'It reads “Signed by Maya”.'],
      confirm: 'Sign note',
      tone: 'danger',
      action: () => Promise.resolve('ok'),
    });
    expect(two.element.querySelectorAll('.message')).toHaveLength(2);
    expect(two.element.querySelector('mat-dialog-content.paragraphs')).not.toBeNull();
    expect(two.confirm()?.classList).toContain('danger');
  });

  it('closes with the action’s result', async () => {
    const { confirm, close, fixture } = await render({
      title: 'Archive?',
      message: 'It leaves the library.',
      confirm: 'Archive',
      action: () => Promise.resolve('archived'),
    });
    confirm()?.click();
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith('archived');
  });

  it('stays open with the server’s reason when the action fails', async () => {
    const { confirm, close, fixture, element } = await render({
      title: 'Remove member?',
      message: 'They no longer see this case.',
      confirm: 'Remove member',
      action: () =>
        Promise.reject(
          new HttpErrorResponse({
            status: 409,
            error: { statusCode: 409, error: 'Conflict', message: 'The case is closed.' },
          }),
        ),
    });
    confirm()?.click();
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    expect(close).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('The case is closed.');
    expect(confirm()?.disabled).toBe(false);
  });
});
