import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  ROLE_LABELS,
  type AuditPage,
  type AuditQueryParams,
  type UserSummary,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AuditTrailApi } from '../data-access/audit-trail-api';
import {
  actionText,
  detailsText,
  ENTITY_TYPE_LABELS,
  entityTypeText,
  KNOWN_ACTIONS,
  shortId,
} from '../ui/audit-text';
import { toAuditQuery } from './audit-query';

const PAGE_SIZE = 25;

/**
 * Admin page: the clinic's audit trail, newest first, filtered by action, record type, person and
 * dates. Metadata only: who did what to which record, when and from where; never the content.
 */
@Component({
  selector: 'mend-audit-trail',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './audit-trail.html',
  styleUrl: './audit-trail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditTrail implements OnInit {
  private readonly api = inject(AuditTrailApi);

  protected readonly columns = ['at', 'actor', 'action', 'entity', 'details', 'ip'];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly entityTypes = Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({
    value,
    label,
  }));
  protected readonly actionText = actionText;
  protected readonly entityTypeText = entityTypeText;
  protected readonly detailsText = detailsText;
  protected readonly shortId = shortId;

  protected readonly form = inject(NonNullableFormBuilder).group({
    action: [''],
    entityType: [''],
    actorId: [''],
    from: [null as Date | null],
    to: [null as Date | null],
  });
  protected readonly actions = signal<string[]>(KNOWN_ACTIONS);
  protected readonly persons = signal<UserSummary[]>([]);
  protected readonly result = signal<AuditPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private query: AuditQueryParams = { page: 1, pageSize: PAGE_SIZE };

  ngOnInit(): void {
    void this.load();
    void this.loadPeople();
    this.form.controls.action.valueChanges.subscribe((typed) => {
      const q = typed.trim().toLowerCase();
      this.actions.set(
        KNOWN_ACTIONS.filter((a) => !q || a.includes(q) || actionText(a).toLowerCase().includes(q)),
      );
    });
  }

  protected roleText(event: AuditPage['items'][number]): string {
    return event.actor ? ROLE_LABELS[event.actor.role] : '';
  }

  protected apply(): void {
    this.query = toAuditQuery(this.form.getRawValue(), 1, PAGE_SIZE);
    void this.load();
  }

  protected clear(): void {
    this.form.reset();
    this.apply();
  }

  protected go(event: PageEvent): void {
    this.query = { ...this.query, page: event.pageIndex + 1 };
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.result.set(await this.api.events(this.query));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async loadPeople(): Promise<void> {
    try {
      const people = await this.api.people();
      this.persons.set(people.sort((a, b) => a.displayName.localeCompare(b.displayName)));
    } catch {
      // The person filter stays empty; the trail itself still loads.
    }
  }
}
