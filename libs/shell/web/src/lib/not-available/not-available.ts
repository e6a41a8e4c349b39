import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { ROLES, type Role } from '@mend/shared/contracts';

const ONE: Record<Role, string> = {
  admin: 'a clinic admin',
  counselor: 'a counselor',
  client: 'a client',
};
const MANY: Record<Role, string> = {
  admin: 'clinic admins',
  counselor: 'counselors',
  client: 'clients',
};

/** "counselors", "clinic admins and counselors". */
export function rolesText(roles: readonly Role[]): string {
  const names = roles.map((role) => MANY[role]);
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * What someone sees at a page their role cannot open (a link from a colleague, an old
 * bookmark): whose page it is, who they are signed in as, and the way home. The role guard shows
 * it at the address they opened, telling it the page's roles (`?roles=counselor`).
 */
@Component({
  selector: 'mend-not-available',
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <section class="not-available" data-testid="not-available">
      <mat-icon class="mark" aria-hidden="true">lock</mat-icon>
      <h1>This page is not available to your role</h1>
      <p data-testid="not-available-why">
        @if (forRoles(); as roles) {
          The page you opened is for {{ roles }}.
        }
        @if (me(); as me) {
          You are signed in as {{ one[me.role] }} of {{ me.clinic.name }}.
        }
      </p>
      <p>Your home page and the menu show what you can do here.</p>
      <a mat-flat-button routerLink="/" data-testid="not-available-home">Go to your home page</a>
    </section>
  `,
  styles: `
    .not-available {
      max-width: 560px;
      margin: 0 auto;
      padding: 64px 24px;
      text-align: center;
    }
    .mark {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-on-surface-variant);
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin: 16px 0 12px;
    }
    p {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    a {
      margin-top: 12px;
    }
    @media (max-width: 600px) {
      .not-available {
        padding: 40px 8px;
      }
      h1 {
        font: var(--mat-sys-headline-small);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotAvailable {
  protected readonly me = inject(AuthStore).me;
  protected readonly one = ONE;

  /** The roles the page they opened is for, comma-separated (bound from `?roles=`). */
  readonly roles = input<string | undefined>(undefined);

  protected readonly forRoles = computed(() => {
    const named = (this.roles() ?? '')
      .split(',')
      .filter((role): role is Role => (ROLES as readonly string[]).includes(role));
    return named.length ? rolesText(named) : null;
  });
}
