import { TestBed } from '@angular/core/testing';
import { QUICK_EXIT, QuickExit } from './quick-exit';

describe('QuickExit', () => {
  let exit: jest.Mock;

  beforeEach(() => {
    exit = jest.fn();
    TestBed.configureTestingModule({
      imports: [QuickExit],
      providers: [{ provide: QUICK_EXIT, useValue: exit }],
    });
  });

  const escape = () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));

  it('leaves at once with the button', () => {
    const fixture = TestBed.createComponent(QuickExit);
    fixture.detectChanges();
    const leaving = jest.fn();
    fixture.componentInstance.leaving.subscribe(leaving);
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('[data-testid="quick-exit"]')
      ?.click();
    expect(leaving).toHaveBeenCalled();
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('leaves on Escape pressed twice, not once', () => {
    const fixture = TestBed.createComponent(QuickExit);
    fixture.detectChanges();
    escape();
    expect(exit).not.toHaveBeenCalled();
    escape();
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
