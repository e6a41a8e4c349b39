import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { UnsubscribePage } from './unsubscribe-page';

async function render(hash: string) {
  history.replaceState(null, '', `/unsubscribe${hash}`);
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(UnsubscribePage);
  await fixture.whenStable();
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const element = fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => element.querySelector(`[data-testid="${id}"]`);
  return { http: TestBed.inject(HttpTestingController), settle, byTestId };
}

describe('UnsubscribePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends the token from the fragment, hides it, and names the mail turned off', async () => {
    const { http, settle, byTestId } = await render('#token=abc.def');
    expect(window.location.hash).toBe('');
    const post = http.expectOne('/api/notifications/unsubscribe');
    expect(post.request.body).toEqual({ token: 'abc.def' });
    post.flush({ kind: 'homework_due', label: 'Homework due tomorrow' });
    await settle();
    expect(byTestId('unsubscribe-done')?.textContent).toContain(
      'You will no longer get mail about: Homework due tomorrow.',
    );
  });

  it('says plainly when the link is bad', async () => {
    const { http, settle, byTestId } = await render('#token=forged');
    http
      .expectOne('/api/notifications/unsubscribe')
      .flush(
        { statusCode: 404, message: 'This unsubscribe link is not valid.' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(byTestId('unsubscribe-error')?.textContent).toContain(
      'This unsubscribe link is not valid.',
    );
  });

  it('does not ask the server without a token', async () => {
    const { http, settle, byTestId } = await render('');
    await settle();
    http.expectNone('/api/notifications/unsubscribe');
    expect(byTestId('unsubscribe-error')?.textContent).toContain('incomplete');
  });
});
