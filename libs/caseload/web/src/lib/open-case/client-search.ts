import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  type MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { debounceTime, distinctUntilChanged, filter, map, startWith, switchMap } from 'rxjs';
import type { UserSummary } from '@mend/shared/contracts';
import { PeopleApi } from '../data-access/people-api';

/** A search box over the clinic's clients; emits the client picked from the suggestions. */
@Component({
  selector: 'mend-client-search',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
      <mat-icon matPrefix>person_search</mat-icon>
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="term"
        [matAutocomplete]="auto"
        autocomplete="off"
        data-testid="client-search"
      />
      <mat-autocomplete
        #auto="matAutocomplete"
        (optionSelected)="select($event)"
        [displayWith]="noText"
      >
        @for (client of options(); track client.id) {
          <mat-option [value]="client">
            <span class="option">
              <span class="name">{{ client.displayName }}</span>
              <span class="email">{{ client.email }}</span>
              @if (client.status === 'invited') {
                <span class="tag">invited</span>
              }
            </span>
          </mat-option>
        } @empty {
          @if (loaded()) {
            <mat-option disabled>No other clients match. Invite them as a new client.</mat-option>
          }
        }
      </mat-autocomplete>
      @if (hint(); as text) {
        <mat-hint>{{ text }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    .option {
      display: flex;
      align-items: baseline;
      gap: 10px;
    }
    .name {
      font-weight: 500;
    }
    .email {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .tag {
      padding: 0 8px;
      border-radius: 999px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientSearch {
  private readonly people = inject(PeopleApi);

  readonly label = input('Find a client of the clinic');
  readonly hint = input<string>();
  /** Ids not to suggest (already chosen, already members). */
  readonly exclude = input<readonly string[]>([]);
  readonly picked = output<UserSummary>();

  protected readonly term = new FormControl<string | UserSummary>('', { nonNullable: true });
  private readonly results = signal<UserSummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly options = computed(() => {
    const exclude = new Set(this.exclude());
    return this.results()
      .filter((c) => c.status !== 'disabled' && !exclude.has(c.id))
      .slice(0, 8);
  });
  protected readonly noText = () => '';

  constructor() {
    this.term.valueChanges
      .pipe(
        startWith(''),
        filter((value): value is string => typeof value === 'string'),
        map((value) => value.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          this.people
            .list({ role: 'client', q: q || undefined, pageSize: 20 })
            .then((page) => page.items)
            .catch(() => [] as UserSummary[]),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((items) => {
        this.results.set(items);
        this.loaded.set(true);
      });
  }

  protected select(event: MatAutocompleteSelectedEvent): void {
    const client = event.option.value as UserSummary;
    this.picked.emit(client);
    this.term.setValue('');
  }
}
