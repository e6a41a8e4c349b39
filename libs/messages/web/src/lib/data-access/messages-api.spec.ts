import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BACKGROUND_HEADER } from '@mend/shared/contracts';
import { isJointWorkClosed, MessagesApi, newClientKey } from './messages-api';

describe('MessagesApi', () => {
  let http: HttpTestingController;
  let api: MessagesApi;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    api = TestBed.inject(MessagesApi);
  });

  afterEach(() => http.verify());

  /** The one request made, checked for method, address and body. */
  function expectRequest(method: string, url: string, body?: unknown) {
    const request = http.expectOne((r) => r.urlWithParams === url);
    expect(request.request.method).toBe(method);
    if (body !== undefined) expect(request.request.body).toEqual(body);
    return request;
  }

  it('lists conversations by page, and a counselor’s of one case', async () => {
    const listed = api.threads({ page: 2, pageSize: 20 });
    expectRequest('GET', '/api/threads?page=2&pageSize=20').flush({
      items: [],
      total: 0,
      page: 2,
      pageSize: 20,
    });
    await expect(listed).resolves.toMatchObject({ page: 2 });

    void api.threads({ caseId: 'c1', page: 1, pageSize: 10 });
    expectRequest('GET', '/api/threads?caseId=c1&page=1&pageSize=10').flush({});
  });

  it('asks what may be started in a case and starts a conversation with its key', () => {
    void api.threadOptions('c1');
    expectRequest('GET', '/api/cases/c1/thread-options').flush({});

    const start = {
      audience: 'private' as const,
      clientId: 'u1',
      subject: 'Before Thursday',
      body: 'How did the walk go?',
      clientKey: 'k1',
    };
    void api.start('c1', start);
    expectRequest('POST', '/api/cases/c1/threads', start).flush({ id: 't1' });
  });

  it('reads a conversation and its earlier messages', () => {
    void api.thread('t1');
    expectRequest('GET', '/api/threads/t1').flush({});
    void api.messages('t1', 'm9');
    expectRequest('GET', '/api/threads/t1/messages?before=m9').flush({
      items: [],
      hasOlder: false,
    });
    void api.messages('t1', 'm9', 50);
    expectRequest('GET', '/api/threads/t1/messages?before=m9&limit=50').flush({});
  });

  it('sends with the client key, saves the draft and marks read', () => {
    void api.send('t1', { body: 'Thank you', clientKey: 'k2' });
    expectRequest('POST', '/api/threads/t1/messages', { body: 'Thank you', clientKey: 'k2' }).flush(
      {},
    );
    void api.saveDraft('t1', 'Half a tho');
    expectRequest('PUT', '/api/threads/t1/draft', { body: 'Half a tho' }).flush({});
    void api.markRead('t1', 'm3');
    expectRequest('PUT', '/api/threads/t1/read', { messageId: 'm3' }).flush(null);
  });

  it('pins, unpins, asks to quote and answers an ask', () => {
    void api.pin('m1');
    expectRequest('POST', '/api/messages/m1/pin').flush({});
    void api.unpin('m1');
    expectRequest('DELETE', '/api/messages/m1/pin').flush({});
    void api.requestQuote('m1', 'tj');
    expectRequest('POST', '/api/messages/m1/quote-requests', { jointThreadId: 'tj' }).flush({});
    void api.answerQuote('q1', true);
    expectRequest('POST', '/api/quote-requests/q1/answer', { agree: true }).flush({});
  });

  it('asks the unread count, marked as background when no person asked', () => {
    void api.unread();
    expect(
      expectRequest('GET', '/api/messages/unread').request.headers.has(BACKGROUND_HEADER),
    ).toBe(false);
    void api.unread(true);
    const background = expectRequest('GET', '/api/messages/unread');
    expect(background.request.headers.get(BACKGROUND_HEADER)).toBe('1');
    background.flush({ threads: 2 });
  });

  it('reads and saves a counselor’s reply times, the clinic’s rule and the admin’s counts', () => {
    void api.replyTimes();
    expectRequest('GET', '/api/messages/reply-times').flush({ text: null });
    void api.saveReplyTimes('Weekdays, within a day');
    expectRequest('PUT', '/api/messages/reply-times', { text: 'Weekdays, within a day' }).flush({});
    void api.clinicMessaging();
    expectRequest('GET', '/api/clinic/messaging').flush({ clientThreads: 'private' });
    void api.saveClinicMessaging({ clientThreads: 'none' });
    expectRequest('PUT', '/api/clinic/messaging', { clientThreads: 'none' }).flush({});
    void api.messageCounts();
    expectRequest('GET', '/api/admin/message-counts').flush({ counselors: [] });
  });

  it('escapes ids in addresses', () => {
    void api.thread('a/b');
    expectRequest('GET', '/api/threads/a%2Fb').flush({});
  });

  it('tells a refusal because joint work is closed from other conflicts', () => {
    const closed = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'Later.', code: 'joint_work_closed' },
    });
    const other = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: 'Closed.' },
    });
    expect(isJointWorkClosed(closed)).toBe(true);
    expect(isJointWorkClosed(other)).toBe(false);
  });

  it('makes a fresh key each time', () => {
    expect(newClientKey()).toMatch(/^[0-9a-f-]{36}$/);
    expect(newClientKey()).not.toBe(newClientKey());
  });
});
