import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { CasesApi } from '@mend/caseload/web';
import type { GapFlag } from '@mend/shared/contracts';
import { HomeworkApi } from '../data-access/homework-api';

/** The flags of one case, for the inbox's list. */
export interface CaseFlags {
  caseId: string;
  caseTitle: string;
  flags: GapFlag[];
}

/** The flags grouped by case, in the order the server gave them. */
export function flagsByCase(flags: GapFlag[], titles: Record<string, string>): CaseFlags[] {
  const cases = new Map<string, CaseFlags>();
  for (const flag of flags) {
    const entry = cases.get(flag.caseId) ?? {
      caseId: flag.caseId,
      caseTitle: titles[flag.caseId] ?? 'A case',
      flags: [],
    };
    entry.flags.push(flag);
    cases.set(flag.caseId, entry);
  }
  return [...cases.values()];
}

export const FLAG_ICONS: Record<GapFlag['kind'], string> = {
  gap: 'compare_arrows',
  drop: 'trending_down',
};

export const FLAG_KIND_TEXT: Record<GapFlag['kind'], string> = {
  gap: 'Far apart',
  drop: 'Dropped',
};

/** The link to a case's Progress tab. */
export function progressLink(caseId: string): {
  commands: string[];
  queryParams: { tab: string };
} {
  return { commands: ['/cases', caseId], queryParams: { tab: 'progress' } };
}

/**
 * The top of a case's Progress tab (counselors): partners' latest readings far apart, or one
 * partner's safety reading dropping. Nothing when there is nothing to flag.
 */
@Component({
  selector: 'mend-gap-flags',
  imports: [MatIconModule],
  template: `
    @if (flags().length) {
      <section class="flags" aria-labelledby="gap-flags-title" data-testid="gap-flags">
        <h2 id="gap-flags-title"><mat-icon aria-hidden="true">flag</mat-icon> Needs a look</h2>
        <ul>
          @for (f of flags(); track $index) {
            <li data-testid="gap-flag">
              <mat-icon aria-hidden="true">{{ icons[f.kind] }}</mat-icon>
              <div>
                <strong>{{ kindText[f.kind] }}: {{ f.label }}</strong>
                <p>{{ f.detail }}</p>
              </div>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './gap-flags.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GapFlags {
  readonly flags = input.required<GapFlag[]>();
  protected readonly icons = FLAG_ICONS;
  protected readonly kindText = FLAG_KIND_TEXT;
}

/**
 * The top of the review inbox: the flags across the counselor's open cases, each case a link to
 * its Progress tab. Quiet when there is nothing to flag or the flags cannot be read (the inbox
 * itself matters more).
 */
@Component({
  selector: 'mend-needs-a-look',
  imports: [MatIconModule, RouterLink],
  template: `
    @if (cases().length) {
      <section class="flags" aria-labelledby="needs-a-look-title" data-testid="needs-a-look">
        <h2 id="needs-a-look-title">
          <mat-icon aria-hidden="true">flag</mat-icon> Needs a look
          <span class="count">{{ count() }}</span>
        </h2>
        <ul>
          @for (c of cases(); track c.caseId) {
            @let link = linkTo(c.caseId);
            <li class="case" data-testid="needs-a-look-case">
              <a [routerLink]="link.commands" [queryParams]="link.queryParams"
                >{{ c.caseTitle }} <span class="cdk-visually-hidden">: open its progress</span
                ><mat-icon aria-hidden="true">chevron_right</mat-icon></a
              >
              <ul>
                @for (f of c.flags; track $index) {
                  <li data-testid="gap-flag">
                    <mat-icon aria-hidden="true">{{ icons[f.kind] }}</mat-icon>
                    <span
                      ><strong>{{ f.label }}</strong> · {{ f.detail }}</span
                    >
                  </li>
                }
              </ul>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styleUrl: './gap-flags.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NeedsALook implements OnInit {
  private readonly api = inject(HomeworkApi);
  private readonly casesApi = inject(CasesApi);

  private readonly flags = signal<GapFlag[]>([]);
  private readonly titles = signal<Record<string, string>>({});
  protected readonly cases = computed(() => flagsByCase(this.flags(), this.titles()));
  protected readonly count = computed(() => this.flags().length);
  protected readonly icons = FLAG_ICONS;
  protected readonly linkTo = progressLink;

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const flags = await this.api.progressFlags();
      if (!flags.length) return;
      // The case names; without them the flags still show.
      const page = await this.casesApi.list({ status: 'open', pageSize: 100 }).catch(() => null);
      this.titles.set(Object.fromEntries((page?.items ?? []).map((c) => [c.id, c.title])));
      this.flags.set(flags);
    } catch {
      // The inbox stays usable; the flags also show on each case's Progress tab.
    }
  }
}
