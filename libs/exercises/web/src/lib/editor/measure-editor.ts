import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { SEVERITIES } from '@mend/shared/contracts';
import { MEASURE_LIMITS } from '@mend/exercises/model';
import { SEVERITY_LABELS } from '../ui/exercise-text';
import {
  bandGroup,
  newBand,
  SCORED_TYPES,
  type FieldGroup,
  type MeasureGroup,
} from './exercise-draft';

/**
 * The scoring of a measure in the form builder: sum or mean, which questions count (and which
 * count in reverse), the bands of scores with what they mean, the source and whether it is a
 * validated scale. Its controls sit at the request's paths (`measure.bands.1.max`), so the
 * server's reasons land beside them; `measure.items` and `measure.reversed` have no control of
 * their own and come in `serverErrors`.
 */
@Component({
  selector: 'mend-measure-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
  ],
  templateUrl: './measure-editor.html',
  styleUrl: './measure-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureEditor {
  readonly group = input.required<MeasureGroup>();
  /** The exercise's questions; each says whether it counts (`scored`) and is `reversed`. */
  readonly fields = input.required<FieldGroup['controls']['itemFields']>();
  /** Problems by request path (live rules). */
  readonly problems = input<ReadonlyMap<string, string[]>>(new Map());
  /** The server's reasons that name no control (`measure.items`, `measure.reversed`). */
  readonly serverErrors = input<ReadonlyMap<string, string[]>>(new Map());
  /** After a save attempt every problem shows. */
  readonly showAll = input(false);

  protected readonly severities = SEVERITIES;
  protected readonly severityLabels = SEVERITY_LABELS;
  protected readonly limits = MEASURE_LIMITS;
  private readonly matchers = new Map<string, ErrorStateMatcher>();

  protected canCount(field: FieldGroup): boolean {
    return SCORED_TYPES.has(field.controls.type.value);
  }

  protected hasCountable(): boolean {
    return this.fields().controls.some((f) => this.canCount(f));
  }

  /** The reasons to show at `path` (`measure.items`, `measure.bands.0.min`). */
  protected messages(path: string): string[] {
    const control = this.control(path);
    const server = control?.getError('server') as string | undefined;
    const reasons = [
      ...(this.problems().get(path) ?? []),
      ...(this.serverErrors().get(path) ?? []),
    ];
    if (server) reasons.push(server);
    const unique = [...new Set(reasons)];
    return server || this.serverErrors().has(path) || this.showAll() || this.edited(path)
      ? unique
      : [];
  }

  protected matcher(path: string): ErrorStateMatcher {
    let matcher = this.matchers.get(path);
    if (!matcher) {
      matcher = { isErrorState: () => this.messages(path).length > 0 };
      this.matchers.set(path, matcher);
    }
    return matcher;
  }

  /** Whether the counselor changed the part of the scoring that `path` is about. */
  private edited(path: string): boolean {
    if (path === 'measure.items' || path === 'measure.reversed') {
      return this.fields().controls.some(
        (f) => f.controls.scored.dirty || f.controls.reversed.dirty,
      );
    }
    const band = /^measure\.bands\.(\d+)\./.exec(path);
    if (band) return !!this.group().controls.bands.at(Number(band[1]))?.dirty;
    return !!this.control(path)?.dirty;
  }

  private control(path: string): AbstractControl | null {
    const rest = path.replace(/^measure\.?/, '');
    return rest ? this.group().get(rest) : this.group();
  }

  protected addBand(): void {
    const bands = this.group().controls.bands;
    const last = bands.at(bands.length - 1)?.controls.max.value;
    bands.push(bandGroup({ ...newBand(), min: typeof last === 'number' ? last + 1 : null }));
    bands.markAsDirty();
  }

  protected removeBand(index: number): void {
    const bands = this.group().controls.bands;
    bands.removeAt(index);
    bands.markAsDirty();
  }
}
