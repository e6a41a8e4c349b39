import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { HomeworkSince } from '@mend/shared/contracts';
import { HomeworkPanel, measureLine } from './homework-panel';

const SINCE: HomeworkSince = {
  since: '2026-05-01T10:00:00Z',
  until: '2026-05-14T10:00:00Z',
  items: [
    {
      homeworkId: 'h1',
      title: 'PHQ-9 · Patient Health Questionnaire',
      member: { userId: 'u1', displayName: 'Sam' },
      submittedAt: '2026-05-08T12:00:00Z',
      scales: [],
      measure: {
        score: 17,
        band: { min: 15, max: 19, label: 'Moderately severe', severity: 'moderately_severe' },
      },
    },
    {
      homeworkId: 'h2',
      title: 'Trust thermometer',
      member: { userId: 'u2', displayName: 'Alex' },
      submittedAt: '2026-05-09T12:00:00Z',
      scales: [{ label: 'Trust', value: 6 }],
      measure: null,
    },
  ],
  pinned: [],
};

describe('measureLine', () => {
  it('names the measure by its short name, with the score and its band', () => {
    expect(measureLine(SINCE.items[0])).toBe('PHQ-9 · 17 (Moderately severe)');
  });

  it('leaves out a missing band and keeps one decimal of a mean', () => {
    expect(measureLine({ title: 'Relationship check', measure: { score: 3.25, band: null } })).toBe(
      'Relationship check · 3.3',
    );
  });

  it('is null for an exercise without a score', () => {
    expect(measureLine(SINCE.items[1])).toBeNull();
  });
});

describe('HomeworkPanel', () => {
  it('shows a measure’s score and band beside the 0–10 answers of other homework', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('noteId', 'n1');
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).expectOne('/api/notes/n1/homework-since').flush(SINCE);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const measures = element.querySelectorAll('[data-testid="homework-since-measure"]');
    expect(measures).toHaveLength(1);
    expect(measures[0].textContent).toContain('PHQ-9 · 17 (Moderately severe)');
    const items = element.querySelectorAll('[data-testid="homework-since-item"]');
    expect(items[1].textContent).toContain('Trust');
    expect(items[1].querySelector('[data-testid="homework-since-measure"]')).toBeNull();
  });

  it('lists the messages pinned for the session, with author, audience and text', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('noteId', 'n1');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/notes/n1/homework-since').flush(SINCE);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    // None pinned: no heading.
    expect(element.querySelector('[data-testid="pinned-messages"]')).toBeNull();

    fixture.componentRef.setInput('noteId', 'n2');
    await fixture.whenStable();
    http.expectOne('/api/notes/n2/homework-since').flush({
      ...SINCE,
      pinned: [
        {
          messageId: 'm1',
          threadId: 't1',
          audience: 'private',
          subject: 'Before Thursday',
          author: { userId: 'u1', displayName: 'Sam' },
          body: 'I tried the walk.\n<b>It helped.</b>',
          sentAt: '2026-05-10T12:00:00Z',
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const pinned = element.querySelector('[data-testid="pinned-messages"]');
    expect(pinned?.querySelector('h3')?.textContent).toContain('Pinned messages');
    const item = pinned?.querySelector('[data-testid="pinned-message"]');
    expect(item?.textContent).toContain('Sam');
    expect(item?.textContent).toContain('Private · Before Thursday');
    expect(item?.querySelector('.body')?.textContent).toBe('I tried the walk.\n<b>It helped.</b>');
  });

  it('loads the window again when the session’s time or length is edited, and only then', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    const settle = async () => {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    };
    const subtitle = () =>
      (fixture.nativeElement as HTMLElement).querySelector('mat-card-subtitle')?.textContent ?? '';
    fixture.componentRef.setInput('noteId', 'n1');
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-14T09:00:00Z',
      durationMinutes: 50,
    });
    await fixture.whenStable();
    http.expectOne('/api/notes/n1/homework-since').flush(SINCE);
    await settle();
    expect(subtitle()).toContain('May 14');

    // The same time again (another detail saved): no new request.
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-14T09:00:00Z',
      durationMinutes: 50,
    });
    await settle();
    http.expectNone('/api/notes/n1/homework-since');

    // Moved to a week later: the window is read again and the panel shows the new one.
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-21T09:00:00Z',
      durationMinutes: 50,
    });
    await settle();
    http
      .expectOne('/api/notes/n1/homework-since')
      .flush({ ...SINCE, until: '2026-05-21T10:00:00Z', items: [] });
    await settle();
    expect(subtitle()).toContain('May 21');
    expect(subtitle()).not.toContain('May 14');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Nothing was submitted in this period.',
    );

    // A longer session changes where the window ends, too.
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-21T09:00:00Z',
      durationMinutes: 80,
    });
    await settle();
    http.expectOne('/api/notes/n1/homework-since').flush(SINCE);
    http.verify();
  });

  it('ends the window on the session’s day, even when a late session ends after midnight', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    // 23:30 on May 14 in the viewer's time zone, fifty minutes: the window runs to 00:20 on May 15.
    const startsAt = new Date(2026, 4, 14, 23, 30);
    fixture.componentRef.setInput('noteId', 'n1');
    fixture.componentRef.setInput('session', {
      startsAt: startsAt.toISOString(),
      durationMinutes: 50,
    });
    await fixture.whenStable();
    http.expectOne('/api/notes/n1/homework-since').flush({
      ...SINCE,
      until: new Date(startsAt.getTime() + 50 * 60_000).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const subtitle =
      (fixture.nativeElement as HTMLElement).querySelector('mat-card-subtitle')?.textContent ?? '';
    expect(subtitle).toContain('May 14');
    expect(subtitle).not.toContain('May 15');
  });

  it('keeps the newest window when an earlier answer arrives late', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomeworkPanel);
    fixture.componentRef.setInput('noteId', 'n1');
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-14T09:00:00Z',
      durationMinutes: 50,
    });
    await fixture.whenStable();
    const first = http.expectOne('/api/notes/n1/homework-since');
    fixture.componentRef.setInput('session', {
      startsAt: '2026-05-21T09:00:00Z',
      durationMinutes: 50,
    });
    await fixture.whenStable();
    const second = http.expectOne('/api/notes/n1/homework-since');
    second.flush({ ...SINCE, until: '2026-05-21T10:00:00Z', items: [] });
    await new Promise((resolve) => setTimeout(resolve));
    first.flush(SINCE);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('May 21');
    expect(text).toContain('Nothing was submitted in this period.');
  });
});
