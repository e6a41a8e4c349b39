import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { byCounselor, CounselorCountsApi } from './counselor-counts';

describe('byCounselor', () => {
  it('keys each counselor’s counts by their id', () => {
    const maya = { counselorId: 'maya', displayName: 'Maya', assigned: 12, overdue: 2 };
    const counts = byCounselor([maya]);
    expect(counts.get('maya')).toEqual(maya);
    expect(counts.get('omar')).toBeUndefined();
  });
});

describe('CounselorCountsApi', () => {
  it('reads the homework and the note counts, each from its endpoint', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const api = TestBed.inject(CounselorCountsApi);
    const http = TestBed.inject(HttpTestingController);

    const homework = api.homework();
    http.expectOne('/api/homework/counts').flush({
      counselors: [
        { counselorId: 'maya', displayName: 'Maya', assigned: 12, overdue: 2, unreviewed: 3 },
      ],
    });
    expect((await homework).get('maya')).toMatchObject({ assigned: 12, overdue: 2, unreviewed: 3 });

    const notes = api.notes();
    http.expectOne('/api/notes/counts').flush({
      counselors: [
        {
          counselorId: 'maya',
          displayName: 'Maya',
          unsignedNotes: 2,
          oldestUnsignedAt: '2026-05-01T10:00:00Z',
        },
      ],
    });
    expect((await notes).get('maya')).toMatchObject({
      unsignedNotes: 2,
      oldestUnsignedAt: '2026-05-01T10:00:00Z',
    });
    http.verify();
  });
});
