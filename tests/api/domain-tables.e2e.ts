import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Each domain's SQL names only its own tables; what it needs of another domain it asks that
 * domain's exported read port for (People, CaseAccess, ExerciseVersions, HomeworkService…).
 */
const OWNERS: Record<string, string[]> = {
  auth: [
    'clinics',
    'users',
    'invitations',
    'login_sessions',
    'login_failures',
    'password_resets',
    'password_reset_requests',
    'second_factors',
  ],
  notifications: ['notifications', 'notification_settings', 'mail_deliveries'],
  audit: ['audit_events'],
  'audit-trail': [],
  caseload: ['cases', 'case_members', 'case_counselors', 'case_stage_changes'],
  exercises: ['exercises', 'exercise_versions'],
  homework: [
    'assignments',
    'homework',
    'homework_confirmations',
    'homework_feedback',
    'homework_scores',
    'homework_case_counts',
  ],
  notes: ['sessions', 'notes', 'note_addenda', 'note_unsigned_counts'],
  safety: [
    'safety_checks',
    'safety_interviews',
    'joint_work_closures',
    'safety_alerts',
    'safety_counselor_counts',
  ],
  agreements: ['agreements', 'agreement_signatures'],
  messages: [
    'message_threads',
    'messages',
    'message_reads',
    'message_drafts',
    'message_quote_requests',
    'message_counselor_counts',
  ],
  appointments: [
    'counselor_availability',
    'availability_exceptions',
    'appointments',
    'appointment_changes',
    'calendar_feeds',
  ],
};
const ALL_TABLES = Object.values(OWNERS).flat();
const ROOT = join(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Table names after FROM / JOIN / INTO / UPDATE / TABLE in a file's text. */
function tablesNamed(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_]+)"?/gi)) {
    if (ALL_TABLES.includes(m[1])) found.add(m[1]);
  }
  return [...found];
}

describe('domain tables', () => {
  it('finds the SQL it checks', () => {
    const homework = sources(join(ROOT, 'libs/homework/api/src'));
    expect(homework.flatMap((f) => tablesNamed(readFileSync(f, 'utf8')))).toContain('homework');
  });

  it('no library’s SQL names another domain’s table', () => {
    const offences: string[] = [];
    for (const [domain, own] of Object.entries(OWNERS)) {
      for (const file of sources(join(ROOT, 'libs', domain, 'api/src'))) {
        for (const table of tablesNamed(readFileSync(file, 'utf8'))) {
          if (!own.includes(table)) offences.push(`${relative(ROOT, file)} names ${table}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
