import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { AuditTrailService } from '@mend/audit-trail/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { HomeworkService } from '@mend/homework/api';
import { MessagesService } from '@mend/messages/api';
import {
  NOTE_SECTIONS,
  type AddendumView,
  type HomeworkSince,
  type NoteAccessPage,
  type NoteCounts,
  type NoteFormat,
  type NoteSaved,
  type NoteView,
  type Person,
} from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
  findEntity,
  PageQueryDto,
} from '@mend/shared/server';
import { sectionProblems, sectionsOf, sectionWriters, withWriter } from './note-sections';
import { SaveAddendumDto, SaveNoteDto } from './notes.dto';
import { Addendum, Note } from './notes.entities';
import { SessionsService } from './sessions.service';

const STALE =
  'This note was changed elsewhere (another tab or device) since you opened it. Reload to see the latest version; your text stays on your screen.';
const LOCKED = 'This note is signed and locked. Add an addendum instead.';
const NOT_OVER = 'This session has not ended yet: sign its note once it is over.';

/**
 * Clinical notes: one per session, written by the case's counselors only, encrypted at rest,
 * signed only once their session is over, locked once signed (here with a 409 and in the
 * database by a trigger), amended by addenda.
 * Every read, write, signature and export is an audit event on the note.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly db: ClinicDb,
    private readonly sessions: SessionsService,
    private readonly caseAccess: CaseAccess,
    private readonly homework: HomeworkService,
    private readonly people: People,
    private readonly trail: AuditTrailService,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
    private readonly messages: MessagesService,
  ) {}

  /** Starts the session's note, or gives the one already started (a retried start is harmless). */
  async start(
    caller: Caller,
    sessionId: string,
    format: NoteFormat,
  ): Promise<{ note: NoteView; created: boolean }> {
    return this.db.run(caller, async (manager) => {
      const session = await this.sessions.require(caller, sessionId, true);
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
    return this.db.run(caller, async (manager) => {
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
    return this.db.run(caller, async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (note.signedAt) throw new ConflictException(LOCKED);
      const sections = sectionsOf(input.format, input.sections);
      const before = this.decryptSections(note);
      const same =
        note.format === input.format && JSON.stringify(before) === JSON.stringify(sections);
      if (input.version !== note.version) {
        if (same) return { version: note.version, savedAt: note.savedAt.toISOString() };
        throw new ConflictException(STALE);
      }
      if (same) return { version: note.version, savedAt: note.savedAt.toISOString() };
      // Who wrote what: the sections whose text this save changes get the caller as a writer.
      // The row is locked (require … true), so these lists cannot lose a concurrent writer.
      const changed = Object.keys(sections).filter((key) => sections[key] !== (before[key] ?? ''));
      const [rows]: [{ version: number; saved_at: Date }[], number] = await manager.query(
        `UPDATE notes SET format = $1, content_enc = $2, version = version + 1, saved_at = now(),
                last_edited_by_id = $5, contributor_ids = $6, section_authors = $7
          WHERE id = $3 AND version = $4 AND signed_at IS NULL RETURNING version, saved_at`,
        [
          input.format,
          this.encryptSections(id, sections),
          id,
          input.version,
          caller.id,
          withWriter(note.contributorIds, caller.id),
          JSON.stringify(sectionWriters(note.sectionAuthors, sections, changed, caller.id)),
        ],
      );
      if (rows.length === 0) throw new ConflictException(STALE);
      await this.record(manager, caller, 'note.saved', id, note.caseId, {
        version: rows[0].version,
        sections: changed,
      });
      return { version: rows[0].version, savedAt: new Date(rows[0].saved_at).toISOString() };
    });
  }

  async sign(caller: Caller, id: string, version: number): Promise<NoteView> {
    return this.db.run(caller, async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (note.signedAt) throw new ConflictException('This note is already signed.');
      if (note.version !== version) throw new ConflictException(STALE);
      if (Object.values(this.decryptSections(note)).every((text) => text.trim() === '')) {
        throw new BadRequestException({
          message: 'Write the note before signing it.',
          fields: [{ field: 'sections', reasons: ['Write at least one section.'] }],
        });
      }
      // A note records what happened: its session must be over. The session row is locked
      // (FOR SHARE) so a concurrent change of its time waits for this signature, or this
      // signature reads the changed time; the database's clock decides, as for "upcoming".
      const [session]: { ended: boolean }[] = await manager.query(
        `SELECT s.starts_at + make_interval(mins => s.duration_minutes) <= now() AS ended
           FROM sessions s WHERE s.id = $1 FOR SHARE`,
        [note.sessionId],
      );
      if (!session?.ended) throw new ConflictException(NOT_OVER);
      // The signer is whoever signs, whoever wrote it: the note keeps both (see `view`).
      await manager.query(
        `UPDATE notes SET signed_at = now(), signed_by_id = $1 WHERE id = $2 AND signed_at IS NULL`,
        [caller.id, id],
      );
      await this.record(manager, caller, 'note.signed', id, note.caseId, {
        version,
        authorId: note.authorId,
      });
      return this.view(manager, caller, await manager.findOneByOrFail(Note, { id }));
    });
  }

  /** A draft addendum to a signed note; posting the same open draft again returns it. */
  async addAddendum(caller: Caller, id: string, text: string): Promise<AddendumView> {
    return this.db.run(caller, async (manager) => {
      const note = await this.require(manager, caller, id, true);
      if (!note.signedAt)
        throw new ConflictException('Addenda are added once the note is signed; edit the draft.');
      const drafts = await manager.findBy(Addendum, {
        noteId: id,
        authorId: caller.id,
        signedAt: IsNull(),
      });
      const retried = drafts.find((a) => this.decryptAddendum(a) === text);
      if (retried) return (await this.addendaViews(caller, [retried]))[0];
      const addendumId = randomUUID();
      await manager.insert(Addendum, {
        id: addendumId,
        clinicId: caller.clinicId,
        noteId: id,
        authorId: caller.id,
        textEnc: this.encryptAddendum(addendumId, text),
        contributorIds: [caller.id],
      });
      await this.record(manager, caller, 'note.addendum_started', id, note.caseId, { addendumId });
      const added = await manager.findOneByOrFail(Addendum, { id: addendumId });
      return (await this.addendaViews(caller, [added]))[0];
    });
  }

  async saveAddendum(
    caller: Caller,
    id: string,
    addendumId: string,
    input: SaveAddendumDto,
  ): Promise<NoteSaved> {
    return this.db.run(caller, async (manager) => {
      const { note, addendum } = await this.requireAddendum(manager, caller, id, addendumId);
      if (addendum.signedAt) throw new ConflictException('This addendum is signed and locked.');
      const same = this.decryptAddendum(addendum) === input.text;
      if (same || input.version !== addendum.version) {
        if (same) return { version: addendum.version, savedAt: addendum.savedAt.toISOString() };
        throw new ConflictException(STALE);
      }
      const [rows]: [{ version: number; saved_at: Date }[], number] = await manager.query(
        `UPDATE note_addenda SET text_enc = $1, version = version + 1, saved_at = now(), contributor_ids = $4
          WHERE id = $2 AND version = $3 AND signed_at IS NULL RETURNING version, saved_at`,
        [
          this.encryptAddendum(addendumId, input.text),
          addendumId,
          input.version,
          withWriter(addendum.contributorIds, caller.id),
        ],
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
    return this.db.run(caller, async (manager) => {
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
      await this.record(manager, caller, 'note.addendum_signed', id, note.caseId, {
        addendumId,
        authorId: addendum.authorId,
      });
      const signed = await manager.findOneByOrFail(Addendum, { id: addendumId });
      return (await this.addendaViews(caller, [signed]))[0];
    });
  }

  /** The signed note for a document; the export itself is an audit event. */
  async forExport(
    caller: Caller,
    id: string,
  ): Promise<{ note: NoteView; clinicName: string; exportedBy: string }> {
    return this.db.run(caller, async (manager) => {
      const note = await this.require(manager, caller, id);
      if (!note.signedAt)
        throw new ConflictException('Sign the note first: only signed notes are exported.');
      await this.record(manager, caller, 'note.exported', id, note.caseId, { as: 'pdf' });
      const me = await this.people.lookup(caller, [caller.id]);
      return {
        note: await this.view(manager, caller, note),
        clinicName: await this.people.clinicName(caller),
        exportedBy: me(caller.id)?.displayName ?? '',
      };
    });
  }

  /**
   * The homework of the case submitted between the previous session's start and the end of
   * this one, with its 0–10 answers, for the counselor to summarise in the note.
   */
  async homeworkSince(caller: Caller, id: string): Promise<HomeworkSince> {
    return this.db.run(caller, async (manager) => {
      const note = await this.require(manager, caller, id);
      const [window]: { since: Date | null; until: Date }[] = await manager.query(
        `SELECT (SELECT max(p.starts_at) FROM sessions p WHERE p.case_id = s.case_id AND p.starts_at < s.starts_at) AS since,
                s.starts_at + make_interval(mins => s.duration_minutes) AS until
           FROM sessions s WHERE s.id = $1`,
        [note.sessionId],
      );
      const since = window.since ? new Date(window.since) : null;
      const until = new Date(window.until);
      return {
        since: since ? since.toISOString() : null,
        until: until.toISOString(),
        items: await this.homework.submittedBetween(caller, note.caseId, since, until),
        pinned: await this.messages.pinnedBetween(caller, note.caseId, since, until),
      };
    });
  }

  /** Who read, wrote, signed or exported the notes of a case, newest first. */
  async access(caller: Caller, caseId: string, query: PageQueryDto): Promise<NoteAccessPage> {
    return this.db.run(caller, async () => {
      await this.caseAccess.require(caller, caseId, 'counsel');
      return this.trail.browse(
        caller,
        { entityType: 'note', page: query.page, pageSize: query.pageSize },
        {
          sql: 'e.entity_id IN (SELECT n.id FROM notes n WHERE n.case_id = :caseId)',
          params: { caseId },
        },
      );
    });
  }

  /**
   * For admins, per counselor: past sessions whose note is missing or unsigned, and the oldest.
   * Counts only.
   */
  async counts(caller: Caller): Promise<NoteCounts> {
    return this.db.run(caller, async (tx) => {
      // A view of counts per counselor: admins never read a session or note row.
      const rows: { counselor_id: string; unsigned: number; oldest: Date | null }[] =
        await tx.query(`SELECT counselor_id, unsigned, oldest FROM note_unsigned_counts`);
      const byCounselor = new Map(rows.map((r) => [r.counselor_id, r]));
      const counselors = await this.people.withRole(caller, 'counselor');
      return {
        counselors: counselors
          .filter((c) => c.status !== 'disabled')
          .map((c) => {
            const row = byCounselor.get(c.id);
            return {
              counselorId: c.id,
              displayName: c.displayName,
              unsignedNotes: row?.unsigned ?? 0,
              oldestUnsignedAt: row?.oldest ? new Date(row.oldest).toISOString() : null,
            };
          }),
      };
    });
  }

  /** The note if the caller counsels its case; 404 for everyone else (admins and clients too). */
  private async require(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Note> {
    const note = await findEntity(manager, Note, 'n', 'n.id = $1', [id], lock);
    if (!note) throw new NotFoundException('No such note.');
    if (!(await this.caseAccess.reaches(caller, note.caseId, 'counsel')))
      throw new NotFoundException('No such note.');
    return note;
  }

  private async requireAddendum(
    manager: EntityManager,
    caller: Caller,
    id: string,
    addendumId: string,
  ): Promise<{ note: Note; addendum: Addendum }> {
    const note = await this.require(manager, caller, id);
    const addendum = await manager.findOne(Addendum, {
      where: { id: addendumId, noteId: id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!addendum) throw new NotFoundException('No such addendum.');
    return { note, addendum };
  }

  private async view(manager: EntityManager, caller: Caller, note: Note): Promise<NoteView> {
    const sections = sectionsOf(note.format, this.decryptSections(note));
    // Text with no recorded writer was saved before Mend recorded writers: by the author.
    const sectionAuthors = NOTE_SECTIONS[note.format].flatMap(({ key }): [string, string[]][] => {
      const ids = note.sectionAuthors?.[key] ?? [];
      if (ids.length) return [[key, ids]];
      return sections[key].trim() ? [[key, [note.authorId]]] : [];
    });
    const people = await this.people.lookup(caller, [
      note.authorId,
      note.signedById,
      note.lastEditedById,
      ...note.contributorIds,
      ...sectionAuthors.flatMap(([, ids]) => ids),
    ]);
    const person = (userId: string): Person => people(userId) ?? { userId, displayName: '' };
    const addenda = await manager.find(Addendum, {
      where: { noteId: note.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return {
      id: note.id,
      session: await this.sessions.get(caller, note.sessionId),
      format: note.format,
      sections,
      version: note.version,
      status: note.signedAt ? 'signed' : 'draft',
      author: person(note.authorId),
      contributors: (note.contributorIds.length ? note.contributorIds : [note.authorId]).map(
        person,
      ),
      sectionAuthors: Object.fromEntries(
        sectionAuthors.map(([key, ids]) => [key, ids.map(person)]),
      ),
      lastEditedBy: note.lastEditedById ? person(note.lastEditedById) : null,
      createdAt: note.createdAt.toISOString(),
      savedAt: note.savedAt.toISOString(),
      signedAt: note.signedAt?.toISOString() ?? null,
      signedBy: people(note.signedById),
      addenda: await this.addendaViews(caller, addenda),
    };
  }

  private async addendaViews(caller: Caller, addenda: Addendum[]): Promise<AddendumView[]> {
    const people = await this.people.lookup(
      caller,
      addenda.flatMap((a) => [a.authorId, a.signedById, ...a.contributorIds]),
    );
    const person = (userId: string): Person => people(userId) ?? { userId, displayName: '' };
    return addenda.map((a) => ({
      id: a.id,
      text: this.decryptAddendum(a),
      version: a.version,
      author: person(a.authorId),
      contributors: (a.contributorIds.length ? a.contributorIds : [a.authorId]).map(person),
      createdAt: a.createdAt.toISOString(),
      savedAt: a.savedAt.toISOString(),
      signedAt: a.signedAt?.toISOString() ?? null,
      signedBy: people(a.signedById),
    }));
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
