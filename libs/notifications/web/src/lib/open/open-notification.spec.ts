import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { appPath, OpenNotification } from './open-notification';

@Component({ template: '' })
class Blank {}

async function render(id: string) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: '**', component: Blank }]),
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  const router = TestBed.inject(Router);
  const navigate = jest.spyOn(router, 'navigateByUrl');
  const fixture = TestBed.createComponent(OpenNotification);
  fixture.componentRef.setInput('id', id);
  await fixture.whenStable();
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const element = fixture.nativeElement as HTMLElement;
  return { http: TestBed.inject(HttpTestingController), navigate, settle, element };
}

describe('OpenNotification', () => {
  it('marks it read and goes on to what it is about, in place of this page', async () => {
    const { http, navigate, settle } = await render('n1');
    const open = http.expectOne('/api/notifications/n1/open');
    expect(open.request.method).toBe('POST');
    open.flush({ id: 'n1', link: '/homework/h1' });
    await settle();
    expect(navigate).toHaveBeenCalledWith('/homework/h1', { replaceUrl: true });
    http.verify();
  });

  it('says kindly when it is not the person’s or is gone', async () => {
    const { http, navigate, settle, element } = await render('n2');
    http
      .expectOne('/api/notifications/n2/open')
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    const gone = element.querySelector('[data-testid="notification-gone"]');
    expect(gone?.textContent).toContain('This notification is not yours or no longer exists');
    expect(gone?.querySelector('a[href="/"]')).toBeTruthy();
    http.verify();
  });

  it('follows only paths of the app', () => {
    expect(appPath('/review/r1')).toBe('/review/r1');
    expect(appPath('//evil.example/x')).toBe('/notifications');
    expect(appPath('https://evil.example')).toBe('/notifications');
    expect(appPath('')).toBe('/notifications');
  });
});
