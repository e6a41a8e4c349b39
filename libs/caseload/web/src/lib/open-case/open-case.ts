import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  CASE_TYPE_LABELS,
  CASE_TYPES,
  type CaseType,
  type UserSummary,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { PeopleApi } from '../data-access/people-api';
import { applyFieldErrors } from '../ui/form-errors';
import { counselorChoiceName } from '../ui/people-text';
import { ClientSearch } from './client-search';
import {
  MAX_MEMBERS,
  memberCountValidator,
  toOpenCaseRequest,
  type OpenCaseFormValue,
} from './open-case-form';

type NewMemberGroup = FormGroup<{ displayName: FormControl<string>; email: FormControl<string> }>;

/** Admin page: open a case with its members (existing or newly invited) and counselors. */
@Component({
  selector: 'mend-open-case',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatChipsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ClientSearch,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './open-case.html',
  styleUrl: './open-case.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenCase implements OnInit {
  private readonly api = inject(CasesApi);
  private readonly people = inject(PeopleApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly types = CASE_TYPES;
  protected readonly typeLabels = CASE_TYPE_LABELS;
  /** Active and invited counselors (an invited one is marked in the picker). */
  protected readonly counselors = signal<UserSummary[]>([]);
  protected readonly choiceName = counselorChoiceName;
  protected readonly busy = signal(false);
  protected readonly submitted = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = this.fb.group(
    {
      title: ['', [Validators.required, Validators.maxLength(120)]],
      type: ['couple' as CaseType, Validators.required],
      startedOn: this.fb.control<Date | null>(new Date(), Validators.required),
      members: this.fb.control<UserSummary[]>([]),
      newMembers: this.fb.array<NewMemberGroup>([]),
      primaryCounselorId: this.fb.control<string | null>(null),
      coCounselorIds: this.fb.control<string[]>([]),
    },
    { validators: memberCountValidator },
  );
  protected readonly value = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });
  protected readonly pickedIds = computed(() => (this.value().members ?? []).map((m) => m.id));
  protected readonly coChoices = computed(() =>
    this.counselors().filter((c) => c.id !== this.value().primaryCounselorId),
  );
  protected readonly memberHint = computed(() => {
    const type = this.value().type ?? 'couple';
    const max = MAX_MEMBERS[type];
    return type === 'individual'
      ? 'An individual case has one member.'
      : `A ${type} case has up to ${max} members.`;
  });
  protected readonly memberProblem = computed(() => {
    this.value();
    return this.submitted() ? (this.form.getError('memberCount') as string | null) : null;
  });

  ngOnInit(): void {
    void this.loadCounselors();
  }

  protected addExisting(client: UserSummary): void {
    const members = this.form.controls.members;
    if (members.value.some((m) => m.id === client.id)) return;
    members.setValue([...members.value, client]);
  }

  protected removeExisting(client: UserSummary): void {
    const members = this.form.controls.members;
    members.setValue(members.value.filter((m) => m.id !== client.id));
  }

  protected addNewMember(): void {
    this.form.controls.newMembers.push(this.newMemberGroup());
  }

  protected removeNewMember(index: number): void {
    this.form.controls.newMembers.removeAt(index);
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const value: OpenCaseFormValue = this.form.getRawValue();
      const opened = await this.api.open(toOpenCaseRequest(value));
      const invited = value.newMembers.length;
      this.snackBar.open(
        invited
          ? `Case opened. ${invited === 1 ? 'An invitation was' : `${invited} invitations were`} sent.`
          : 'Case opened.',
        'OK',
        { duration: 6000 },
      );
      await this.router.navigate(['/cases', opened.id]);
    } catch (error) {
      const rest = applyFieldErrors(this.form, error, { memberIds: 'members' });
      if (rest.length > 0 || !this.form.invalid) this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private newMemberGroup(): NewMemberGroup {
    return this.fb.group({
      displayName: ['', [Validators.required, Validators.maxLength(120)]],
      email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    });
  }

  private async loadCounselors(): Promise<void> {
    try {
      this.counselors.set(await this.people.assignableCounselors());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
