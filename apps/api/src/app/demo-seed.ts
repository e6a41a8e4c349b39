import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@mend/shared/contracts';
import { Clinic, PasswordHasher, User } from '@mend/auth/api';
import { Case, CaseCounselor, CaseMember } from '@mend/caseload/api';

export const DEMO_CLINIC = 'Harbor Counseling';
export const DEMO_PASSWORD = 'mend-demo-2026';

export const DEMO_USERS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@harbor.example', displayName: 'Dana Whitfield', role: 'admin' },
  { email: 'maya@harbor.example', displayName: 'Maya Okafor', role: 'counselor' },
  { email: 'omar@harbor.example', displayName: 'Omar Haddad', role: 'counselor' },
  { email: 'sam@harbor.example', displayName: 'Sam Rivera', role: 'client' },
  { email: 'alex@harbor.example', displayName: 'Alex Rivera', role: 'client' },
  { email: 'jordan@harbor.example', displayName: 'Jordan Lee', role: 'client' },
  { email: 'riley@harbor.example', displayName: 'Riley Lee', role: 'client' },
];

/** Each demo couple's case: its counselor and what the counselor noted about each partner. */
const DEMO_CASES = [
  {
    title: 'Sam & Alex Rivera',
    startedOn: '2026-09-14',
    counselor: 'maya@harbor.example',
    members: [
      { email: 'sam@harbor.example', label: 'broke_trust' as const },
      { email: 'alex@harbor.example', label: 'was_hurt' as const },
    ],
  },
  {
    title: 'Jordan & Riley Lee',
    startedOn: '2026-10-05',
    counselor: 'omar@harbor.example',
    members: [
      { email: 'jordan@harbor.example', label: 'both_unclear' as const },
      { email: 'riley@harbor.example', label: 'both_unclear' as const },
    ],
  },
];

/**
 * The demo clinic a new user signs in to. Idempotent: runs at every start and only adds what
 * is missing, in one transaction.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async run(): Promise<void> {
    await this.seedPeople();
    await this.seedCases();
  }

  private async seedPeople(): Promise<void> {
    const existing = await this.dataSource
      .getRepository(User)
      .findBy(DEMO_USERS.map(({ email }) => ({ email })));
    if (existing.length === DEMO_USERS.length) return;
    // One hash for every demo account: they share the published demo password anyway.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      const admin = existing.find((u) => u.email === DEMO_USERS[0].email);
      const clinic =
        (admin && (await manager.findOneByOrFail(Clinic, { id: admin.clinicId }))) ??
        (await manager.save(manager.create(Clinic, { name: DEMO_CLINIC })));
      const missing = DEMO_USERS.filter((d) => !existing.some((u) => u.email === d.email));
      await manager.insert(
        User,
        missing.map((d) => ({
          ...d,
          clinicId: clinic.id,
          status: 'active' as const,
          passwordHash,
        })),
      );
    });
    this.logger.log(
      `Demo clinic "${DEMO_CLINIC}" is ready (password ${DEMO_PASSWORD} for every demo sign-in).`,
    );
  }

  /** A case per demo couple, unless the first partner is already in one. */
  private async seedCases(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const users = await manager.findBy(
        User,
        DEMO_USERS.map(({ email }) => ({ email })),
      );
      const byEmail = (email: string) => users.find((u) => u.email === email) as User;
      for (const demo of DEMO_CASES) {
        const first = byEmail(demo.members[0].email);
        if (await manager.existsBy(CaseMember, { userId: first.id })) continue;
        const created = await manager.save(
          manager.create(Case, {
            clinicId: first.clinicId,
            title: demo.title,
            type: 'couple',
            startedOn: demo.startedOn,
            status: 'open',
          }),
        );
        await manager.insert(
          CaseMember,
          demo.members.map((m) => ({
            clinicId: first.clinicId,
            caseId: created.id,
            userId: byEmail(m.email).id,
            label: m.label,
          })),
        );
        await manager.insert(CaseCounselor, {
          clinicId: first.clinicId,
          caseId: created.id,
          userId: byEmail(demo.counselor).id,
          role: 'primary',
        });
      }
    });
  }
}
