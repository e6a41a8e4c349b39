import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import type { Caller } from '@mend/auth/api';
import {
  type AddendumView,
  type FieldDef,
  type HomeworkSince,
  type NoteAccessPage,
  type NoteCounts,
  type NoteFormat,
  type NoteSaved,
  type NoteView,
  type Person,
} from '@mend/shared/contracts';
import { encryptionContext, FieldEncryptionService, PageQueryDto } from '@mend/shared/server';
import { sectionProblems, sectionsOf } from './note-sections';
import { SaveAddendumDto, SaveNoteDto } from './notes.dto';
import { Addendum, Note } from './notes.entities';
import { counselorOnly, SessionsService } from './sessions.service';

const STALE =
  'This note was changed elsewhere (another tab or device) since you opened it. Reload to see the latest version; your text stays on your screen.';
const LOCKED = 'This note is signed and locked. Add an addendum instead.';

/**
 * Clinical notes: one per session, written by the case's counselors only, encrypted at rest,
 * locked once signed (here with a 409 and in the database by a trigger), amended by addenda.
 * Every read, write, signature and export is an audit event on the note.
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
  ) {}

  /** Starts the session's note, or gives the one already started (a retried start is harmless). */
  async start(
    caller: Caller,
    sessionId: string,
    format: NoteFormat,
  ): Promise<{ note: NoteView; created: boolean }> {
    counselorOnly(caller, 'session');
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.require(caller, sessionId, manager, true);
      const existing = await manager.findOneBy(Note, { sessionId });
      if (existing) return { note: await this.view(manager, caller, existing), created: false };
      const id = randomUUID();
      await manager.insert(Note, {
        id,
        clinicId: caller.clinicId,
        sessionId,
        caseId: session.caseId,
        authorId: caller.id,
        format,
        contentEnc: this.encryptSections(id, sectionsOf(format, {})),
      });
      await this.record(manager, caller, 'note.started', id, session.caseId, { format });
      const note = await manager.findOneByOrFail(Note, { id });
      return { note: await this.view(manager, caller, note), created: true };
    });
  }

  async read(caller: Caller, id: string): Promise<NoteView> {
    return this.dataSource.transaction(async (manager) => {
      const note = await this.require(manager, caller, id);
      await this.record(manager, caller, 'note.read', id, note.caseId);
      return this.view(manager, caller, note);
    });
  }

  /**
   * Autosave of a draft. The version is checked in the UPDATE itself; a stale save answers 409
   * unless it is a retry of the save that already landed (same text).
   */
  async save(caller: Caller, id: string, input: SaveNoteDto): Promise<NoteSaved> {
    const problems = sectionProblems(input.format, input.sections);
    if (problems.length)
      throw new BadRequestException({
        message: 'Some sections cannot be saved.',
        fields: problems,
      });
    return this.dataSource.transaction(async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (note.signedAt) throw new ConflictException(LOCKED);
      const sections = sectionsOf(input.format, input.sections);
      const same =
        note.format === input.format &&
        JSON.stringify(this.decryptSections(note)) === JSON.stringify(sections);
      if (input.version !== note.version) {
        if (same) return { version: note.version, savedAt: note.savedAt.toISOString() };
        throw new ConflictException(STALE);
      }
      if (same) return { version: note.version, savedAt: note.savedAt.toISOString() };
      const [rows]: [{ version: number; saved_at: Date }[], number] = await manager.query(
        `UPDATE notes SET format = $1, content_enc = $2, version = version + 1, saved_at = now()
          WHERE id = $3 AND version = $4 AND signed_at IS NULL RETURNING version, saved_at`,
        [input.format, this.encryptSections(id, sections), id, input.version],
      );
      if (rows.length === 0) throw new ConflictException(STALE);
      await this.record(manager, caller, 'note.saved', id, note.caseId, {
        version: rows[0].version,
      });
      return { version: rows[0].version, savedAt: new Date(rows[0].saved_at).toISOString() };
    });
  }

  async sign(caller: Caller, id: string, version: number): Promise<NoteView> {
    return this.dataSource.transaction(async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (note.signedAt) throw new ConflictException('This note is already signed.');
      if (note.version !== version) throw new ConflictException(STALE);
      if (Object.values(this.decryptSections(note)).every((text) => text.trim() === '')) {
        throw new BadRequestException({
          message: 'Write the note before signing it.',
          fields: [{ field: 'sections', reasons: ['Write at least one section.'] }],
        });
      }
      await manager.query(
        `UPDATE notes SET signed_at = now(), signed_by_id = $1 WHERE id = $2 AND signed_at IS NULL`,
        [caller.id, id],
      );
      await this.record(manager, caller, 'note.signed', id, note.caseId, { version });
      return this.view(manager, caller, await manager.findOneByOrFail(Note, { id }));
    });
  }

  /** A draft addendum to a signed note; posting the same open draft again returns it. */
  async addAddendum(caller: Caller, id: string, text: string): Promise<AddendumView> {
    return this.dataSource.transaction(async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (!note.signedAt)
        throw new ConflictException('Addenda are added once the note is signed; edit the draft.');
      const drafts = await manager.findBy(Addendum, {
        noteId: id,
        authorId: caller.id,
        signedAt: IsNull(),
      });
      const retried = drafts.find((a) => this.decryptAddendum(a) === text);
      if (retried) return (await this.addendaViews(manager, [retried]))[0];
      const addendumId = randomUUID();
      await manager.insert(Addendum, {
        id: addendumId,
        clinicId: caller.clinicId,
        noteId: id,
        authorId: caller.id,
        textEnc: this.encryptAddendum(addendumId, text),
      });
      await this.record(manager, caller, 'note.addendum_started', id, note.caseId, { addendumId });
      const added = await manager.findOneByOrFail(Addendum, { id: addendumId });
      return (await this.addendaViews(manager, [added]))[0];
    });
  }

  async saveAddendum(
    caller: Caller,
    id: string,
    addendumId: string,
    input: SaveAddendumDto,
  ): Promise<NoteSaved> {
    return this.dataSource.transaction(async (manager) => {
      const { note, addendum } = await this.requireAddendum(manager, caller, id, addendumId);
      if (addendum.signedAt) throw new ConflictException('This addendum is signed and locked.');
      const same = this.decryptAddendum(addendum) === input.text;
      if (same || input.version !== addendum.version) {
        if (same) return { version: addendum.version, savedAt: addendum.savedAt.toISOString() };
        throw new ConflictException(STALE);
      }
      const [rows]: [{ version: number; saved_at: Date }[], number] = await manager.query(
        `UPDATE note_addenda SET text_enc = $1, version = version + 1, saved_at = now()
          WHERE id = $2 AND version = $3 AND signed_at IS NULL RETURNING version, saved_at`,
        [this.encryptAddendum(addendumId, input.text), addendumId, input.version],
      );
      if (rows.length === 0) throw new ConflictException(STALE);
      await this.record(manager, caller, 'note.addendum_saved', id, note.caseId, { addendumId });
      return { version: rows[0].version, savedAt: new Date(rows[0].saved_at).toISOString() };
    });
  }

  async signAddendum(
    caller: Caller,
    id: string,
    addendumId: string,
    version: number,
  ): Promise<AddendumView> {
    return this.dataSource.transaction(async (manager) => {
      const { note, addendum } = await this.requireAddendum(manager, caller, id, addendumId);
      if (addendum.signedAt) throw new ConflictException('This addendum is already signed.');
      if (addendum.version !== version) throw new ConflictException(STALE);
      if (this.decryptAddendum(addendum).trim() === '') {
        throw new BadRequestException({
          message: 'Write the addendum before signing it.',
          fields: [{ field: 'text', reasons: ['Write the addendum first.'] }],
        });
      }
      await manager.query(
        `UPDATE note_addenda SET signed_at = now(), signed_by_id = $1 WHERE id = $2 AND signed_at IS NULL`,
        [caller.id, addendumId],
      );
      await this.record(manager, caller, 'note.addendum_signed', id, note.caseId, { addendumId });
      const signed = await manager.findOneByOrFail(Addendum, { id: addendumId });
      return (await this.addendaViews(manager, [signed]))[0];
    });
  }

  /** The signed note for a document; the export itself is an audit event. */
  async forExport(
    caller: Caller,
    id: string,
  ): Promise<{ note: NoteView; clinicName: string; exportedBy: string }> {
    return this.dataSource.transaction(async (manager) => {
      const note = await this.require(manager, caller, id);
      if (!note.signedAt)
        throw new ConflictException('Sign the note first: only signed notes are exported.');
      await this.record(manager, caller, 'note.exported', id, note.caseId, { as: 'pdf' });
      const [names]: { clinic: string; me: string }[] = await manager.query(
        `SELECT c.name AS clinic, u.display_name AS me FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE u.id = $1`,
        [caller.id],
      );
      return {
        note: await this.view(manager, caller, note),
        clinicName: names.clinic,
        exportedBy: names.me,
      };
    });
  }

  /**
   * The homework of the case submitted between the previous session's start and the end of
   * this one, with its 0–10 answers, for the counselor to summarise in the note.
   */
  async homeworkSince(caller: Caller, id: string): Promise<HomeworkSince> {
    const manager = this.dataSource.manager;
    const note = await this.require(manager, caller, id);
    const [window]: { since: Date | null; until: Date }[] = await manager.query(
      `SELECT (SELECT max(p.starts_at) FROM sessions p WHERE p.case_id = s.case_id AND p.starts_at < s.starts_at) AS since,
              s.starts_at + make_interval(mins => s.duration_minutes) AS until
         FROM sessions s WHERE s.id = $1`,
      [note.sessionId],
    );
    const rows: {
      id: string;
      title: string;
      user_id: string | null;
      display_name: string | null;
      submitted_at: Date;
      fields: FieldDef[];
      scores: { key: string; value: number }[];
    }[] = await manager.query(
      `SELECT h.id, v.title, h.user_id, u.display_name, h.submitted_at, v.fields,
              (SELECT coalesce(json_agg(json_build_object('key', sc.field_key, 'value', sc.value)), '[]'::json)
                 FROM homework_scores sc WHERE sc.homework_id = h.id) AS scores
         FROM homework h
         JOIN exercise_versions v ON v.id = h.exercise_version_id
         LEFT JOIN users u ON u.id = h.user_id
        WHERE h.clinic_id = $1 AND h.case_id = $2 AND h.submitted_at IS NOT NULL
          AND h.submitted_at <= $3 AND ($4::timestamptz IS NULL OR h.submitted_at > $4)
        ORDER BY h.submitted_at, h.id
        LIMIT 100`,
      [caller.clinicId, note.caseId, window.until, window.since],
    );
    return {
      since: window.since ? new Date(window.since).toISOString() : null,
      until: new Date(window.until).toISOString(),
      items: rows.map((r) => ({
        homeworkId: r.id,
        title: r.title,
        member: r.user_id ? { userId: r.user_id, displayName: r.display_name ?? '' } : null,
        submittedAt: new Date(r.submitted_at).toISOString(),
        scales: r.scores.map((score) => ({
          label: r.fields.find((f) => f.key === score.key)?.label ?? score.key,
          value: score.value,
        })),
      })),
    };
  }

  /** Who read, wrote, signed or exported the notes of a case, newest first. */
  async access(caller: Caller, caseId: string, query: PageQueryDto): Promise<NoteAccessPage> {
    counselorOnly(caller, 'case');
    const manager = this.dataSource.manager;
    const [assigned] = await manager.query(
      `SELECT 1 FROM case_counselors k JOIN cases c ON c.id = k.case_id
        WHERE k.case_id = $1 AND k.user_id = $2 AND c.clinic_id = $3`,
      [caseId, caller.id, caller.clinicId],
    );
    if (!assigned) throw new NotFoundException('No such case.');
    return this.audit.browse(
      caller.clinicId,
      { entityType: 'note', page: query.page, pageSize: query.pageSize },
      {
        sql: 'e.entity_id IN (SELECT n.id FROM notes n WHERE n.case_id = :caseId AND n.clinic_id = :clinicId)',
        params: { caseId },
      },
    );
  }

  /**
   * For admins, per counselor: past sessions whose note is missing or unsigned, and the oldest.
   * Counts only.
   */
  async counts(caller: Caller): Promise<NoteCounts> {
    const rows: {
      id: string;
      display_name: string;
      unsigned: number;
      oldest: Date | null;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.display_name, count(s.id)::int AS unsigned, min(s.starts_at) AS oldest
         FROM users u
         LEFT JOIN sessions s ON s.counselor_id = u.id AND s.clinic_id = $1 AND s.starts_at < now()
          AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.signed_at IS NOT NULL)
        WHERE u.clinic_id = $1 AND u.role = 'counselor' AND u.status <> 'disabled'
        GROUP BY u.id, u.display_name
        ORDER BY u.display_name, u.id`,
      [caller.clinicId],
    );
    return {
      counselors: rows.map((r) => ({
        counselorId: r.id,
        displayName: r.display_name,
        unsignedNotes: r.unsigned,
        oldestUnsignedAt: r.oldest ? new Date(r.oldest).toISOString() : null,
      })),
    };
  }

  /** The note if the caller counsels its case; 404 for everyone else (admins and clients too). */
  private async require(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Note> {
    counselorOnly(caller, 'note');
    const [row] = await manager.query(
      `SELECT n.id FROM notes n
        WHERE n.id = $1 AND n.clinic_id = $2
          AND EXISTS (SELECT 1 FROM case_counselors k WHERE k.case_id = n.case_id AND k.user_id = $3)
        ${lock ? 'FOR UPDATE' : ''}`,
      [id, caller.clinicId, caller.id],
    );
    if (!row) throw new NotFoundException('No such note.');
    return manager.findOneByOrFail(Note, { id });
  }

  private async requireAddendum(
    manager: EntityManager,
    caller: Caller,
    id: string,
    addendumId: string,
  ): Promise<{ note: Note; addendum: Addendum }> {
    const note = await this.require(manager, caller, id);
    const addendum = await manager.findOne(Addendum, {
      where: { id: addendumId, noteId: id, clinicId: caller.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!addendum) throw new NotFoundException('No such addendum.');
    return { note, addendum };
  }

  private async view(manager: EntityManager, caller: Caller, note: Note): Promise<NoteView> {
    const people = await this.people(manager, [note.authorId, note.signedById]);
    const addenda = await manager.find(Addendum, {
      where: { noteId: note.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return {
      id: note.id,
      session: await this.sessions.get(caller, note.sessionId, manager),
      format: note.format,
      sections: sectionsOf(note.format, this.decryptSections(note)),
      version: note.version,
      status: note.signedAt ? 'signed' : 'draft',
      author: people(note.authorId) as Person,
      createdAt: note.createdAt.toISOString(),
      savedAt: note.savedAt.toISOString(),
      signedAt: note.signedAt?.toISOString() ?? null,
      signedBy: people(note.signedById),
      addenda: await this.addendaViews(manager, addenda),
    };
  }

  private async addendaViews(manager: EntityManager, addenda: Addendum[]): Promise<AddendumView[]> {
    const people = await this.people(
      manager,
      addenda.flatMap((a) => [a.authorId, a.signedById]),
    );
    return addenda.map((a) => ({
      id: a.id,
      text: this.decryptAddendum(a),
      version: a.version,
      author: people(a.authorId) as Person,
      createdAt: a.createdAt.toISOString(),
      savedAt: a.savedAt.toISOString(),
      signedAt: a.signedAt?.toISOString() ?? null,
      signedBy: people(a.signedById),
    }));
  }

  /** Display names of the given users, in one query. */
  private async people(
    manager: EntityManager,
    ids: (string | null)[],
  ): Promise<(id: string | null) => Person | null> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    const rows: { id: string; display_name: string }[] = wanted.length
      ? await manager.query(`SELECT id, display_name FROM users WHERE id = ANY ($1)`, [wanted])
      : [];
    return (id) => {
      const row = rows.find((r) => r.id === id);
      return row ? { userId: row.id, displayName: row.display_name } : null;
    };
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    noteId: string,
    caseId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, caller, {
      action,
      entityType: 'note',
      entityId: noteId,
      details: { caseId, ...details },
    });
  }

  private encryptSections(id: string, sections: Record<string, string>): string {
    return this.encryption.encrypt(
      JSON.stringify(sections),
      encryptionContext('notes', 'content_enc', id),
    );
  }

  private decryptSections(note: Note): Record<string, string> {
    return JSON.parse(
      this.encryption.decrypt(note.contentEnc, encryptionContext('notes', 'content_enc', note.id)),
    );
  }

  private encryptAddendum(id: string, text: string): string {
    return this.encryption.encrypt(text, encryptionContext('note_addenda', 'text_enc', id));
  }

  private decryptAddendum(addendum: Addendum): string {
    return this.encryption.decrypt(
      addendum.textEnc,
      encryptionContext('note_addenda', 'text_enc', addendum.id),
    );
  }
}
