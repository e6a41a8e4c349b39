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
});
