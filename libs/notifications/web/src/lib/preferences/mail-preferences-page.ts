import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  DEFAULT_QUIET_END,
  DEFAULT_QUIET_START,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS_BY_ROLE,
  type FieldError,
  type NotificationKind,
  type NotificationPreferences,
  type Role,
  type SubmittedMailChoice,
} from '@mend/shared/contracts';
import { applyServerErrors, errorMessage } from '@mend/shared/web';
import { map } from 'rxjs';
import { NotificationsApi, type SavePreferences } from '../data-access/notifications-api';
import { NOTIFICATION_KIND_ICONS } from '../ui/notification-text';
import { browserTimeZone, filterZones, timeZones, zoneLabel, zoneOffset } from './time-zones';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the page calls each field the server may refuse, for a reason it cannot put beside it. */
const FIELD_NAMES: Record<string, string> = {
  timeZone: 'Time zone',
  quietStart: 'Quiet hours from',
  quietEnd: 'Quiet hours until',
  mailOff: 'Kinds of mail',
  submittedMail: 'Homework handed in',
};

/**
 * Everyone: when and about what Mend mails them. One switch per kind of mail their role gets,
 * their time zone and quiet hours, and for counselors how often they hear about homework handed
 * in. Mails never say what is new (partners may share a mailbox), and security mail always goes.
 */
@Component({
  selector: 'mend-mail-preferences-page',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSlideToggleModule,
  ],
  templateUrl: './mail-preferences-page.html',
  styleUrl: './mail-preferences-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailPreferencesPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The signed-in person's role, resolved by the route: it decides which kinds are listed. */
  readonly role = input<Role>();

  protected readonly labels = NOTIFICATION_KIND_LABELS;
  protected readonly icons = NOTIFICATION_KIND_ICONS;
  protected readonly zoneLabel = zoneLabel;
  protected readonly zoneOffset = zoneOffset;
  protected readonly kinds = computed<readonly NotificationKind[]>(() => {
    const role = this.role();
    return role ? NOTIFICATION_KINDS_BY_ROLE[role] : [];
  });
  protected readonly counselor = computed(() => this.role() === 'counselor');
  protected readonly browserZone = browserTimeZone();
  private readonly zones = signal(timeZones(this.browserZone));

  protected readonly form = this.fb.group({
    timeZone: ['', [Validators.required, (c: AbstractControl) => this.knownZone(c)]],
    quietStart: [DEFAULT_QUIET_START, [Validators.required, Validators.pattern(CLOCK)]],
    quietEnd: [DEFAULT_QUIET_END, [Validators.required, Validators.pattern(CLOCK)]],
    submittedMail: ['hourly' as SubmittedMailChoice],
    /** Kind → whether it is mailed (the switch is on). */
    mail: this.fb.record<boolean>({}),
  });

  private readonly typedZone = toSignal(
    this.form.controls.timeZone.valueChanges.pipe(map((value) => value ?? '')),
    { initialValue: '' },
  );
  /** The zones matching what is typed; everything when the field holds a whole zone. */
  protected readonly zoneOptions = computed(() => {
    const [zones, typed] = [this.zones(), this.typedZone()];
    return zones.includes(typed) ? zones : filterZones(zones, typed);
  });
  private readonly values = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  protected readonly submittedOn = computed(
    () => this.values().mail?.['homework_submitted'] !== false,
  );

  protected readonly loaded = signal<NotificationPreferences | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The server's reasons that belong to no single field of the form. */
  protected readonly otherErrors = signal<FieldError[]>([]);
  protected readonly mailOffError = signal<string | null>(null);
  protected readonly savedAt = signal<Date | null>(null);

  constructor() {
    // "Saved" speaks of what is on the screen: a change after saving takes it away.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.savedAt.set(null));
  }

  ngOnInit(): void {
    for (const kind of this.kinds())
      this.form.controls.mail.addControl(kind, new FormControl(true, { nonNullable: true }));
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.apply(await this.api.preferences());
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected useBrowserZone(): void {
    if (!this.browserZone) return;
    this.form.controls.timeZone.setValue(this.browserZone);
    this.form.controls.timeZone.markAsDirty();
  }

  protected fieldName(field: string): string {
    return FIELD_NAMES[field] ?? field;
  }

  protected async save(): Promise<void> {
    this.error.set(null);
    this.otherErrors.set([]);
    this.mailOffError.set(null);
    this.savedAt.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Check the marked fields.');
      return;
    }
    this.busy.set(true);
    try {
      this.apply(await this.api.savePreferences(this.request()));
      this.savedAt.set(new Date());
      this.snackBar.open('Mail settings saved.', 'OK', { duration: 4000 });
    } catch (error) {
      const unmatched = applyServerErrors(this.form, error);
      this.mailOffError.set(unmatched.find((f) => f.field === 'mailOff')?.reasons[0] ?? null);
      this.otherErrors.set(unmatched.filter((f) => f.field !== 'mailOff'));
      this.error.set(
        this.form.invalid || unmatched.length ? 'Check the marked fields.' : errorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }

  /** The body of the PUT: the switches turned off, among the kinds this role gets. */
  request(): SavePreferences {
    const { timeZone, quietStart, quietEnd, submittedMail, mail } = this.form.getRawValue();
    return {
      timeZone,
      quietStart,
      quietEnd,
      mailOff: this.kinds().filter((kind) => mail[kind] === false),
      submittedMail,
    };
  }

  private apply(preferences: NotificationPreferences): void {
    this.loaded.set(preferences);
    this.zones.set(timeZones(this.browserZone, preferences.timeZone));
    this.form.reset({
      timeZone: preferences.timeZone,
      quietStart: preferences.quietStart,
      quietEnd: preferences.quietEnd,
      submittedMail: preferences.submittedMail,
      mail: Object.fromEntries(
        this.kinds().map((kind) => [kind, !preferences.mailOff.includes(kind)]),
      ),
    });
  }

  private knownZone(control: AbstractControl): ValidationErrors | null {
    const value = control.value as string;
    return !value || this.zones().includes(value) ? null : { zone: true };
  }
}
