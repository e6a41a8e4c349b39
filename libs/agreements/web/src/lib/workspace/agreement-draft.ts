import { computed, signal, type Signal, type WritableSignal } from '@angular/core';
import {
  AGREEMENT_CATEGORIES,
  AGREEMENT_CATEGORY_LABELS,
  type AgreementCategory,
  type AgreementItem,
  type AgreementView,
  type SaveAgreementRequest,
} from '@mend/shared/contracts';
import { Autosave, classifySaveError, type SavedDraft } from '@mend/shared/web';
import { isJointWorkClosed } from '../data-access/agreements-api';

export const ITEMS_MAX = 30;
export const TEXT_MAX = 2000;

/** An item on screen; `key` tells rows apart while their text changes. */
export interface DraftItem extends AgreementItem {
  key: number;
}

export interface AgreementDraft {
  items: DraftItem[];
  reviewOn: string | null;
}

export interface CategoryGroup<T extends AgreementItem = AgreementItem> {
  category: AgreementCategory;
  label: string;
  items: T[];
}

/** Items under their category, in the categories' order; `all` keeps empty categories too. */
export function groupByCategory<T extends AgreementItem>(
  items: readonly T[],
  all = false,
): CategoryGroup<T>[] {
  return AGREEMENT_CATEGORIES.map((category) => ({
    category,
    label: AGREEMENT_CATEGORY_LABELS[category],
    items: items.filter((i) => i.category === category),
  })).filter((group) => all || group.items.length > 0);
}

/**
 * What is sent: items grouped in the categories' order, trimmed, without the empty rows someone
 * has added but not written yet (the server refuses an empty agreement).
 */
export function requestOf(draft: AgreementDraft): Omit<SaveAgreementRequest, 'version'> {
  return {
    items: groupByCategory(draft.items)
      .flatMap((g) => g.items)
      .map((i) => ({ category: i.category, text: i.text.trim() }))
      .filter((i) => i.text !== ''),
    reviewOn: draft.reviewOn || null,
  };
}

let nextKey = 1;

export function draftOf(view: Pick<AgreementView, 'items' | 'reviewOn'>): AgreementDraft {
  return {
    items: view.items.map((i) => ({ ...i, key: nextKey++ })),
    reviewOn: view.reviewOn,
  };
}

/** What the server answers a save, as the autosave helper counts it. */
export interface AgreementSaved extends SavedDraft {
  view: AgreementView;
}

/** The calls the draft makes (the `AgreementsApi` methods), so tests can answer them. */
export interface AgreementDraftApi {
  get(id: string): Promise<AgreementView>;
  save(id: string, request: SaveAgreementRequest): Promise<AgreementView>;
  sign(id: string, request: { typedName: string; version: number }): Promise<AgreementView>;
}

/**
 * The draft agreement being written together: the items on screen and their autosave. A save
 * over a version someone else changed meanwhile answers 409: saving stops, the person's items
 * stay on screen, and they either keep theirs (saved over the newest version) or load the saved
 * one. A save refused because joint work closed stops saving too (`closed`).
 */
export class AgreementDraftState {
  private readonly viewSignal: WritableSignal<AgreementView>;
  private readonly draftSignal: WritableSignal<AgreementDraft>;

  /** The agreement as last answered by the server (signatures, members, what the caller can do). */
  readonly view: Signal<AgreementView>;
  /** The items and review date on screen. */
  readonly draft: Signal<AgreementDraft>;
  /** The server's message when a save was refused because joint work closed. */
  readonly closed = signal<string | null>(null);
  readonly autosave: Autosave<AgreementDraft, AgreementSaved>;
  readonly conflict = computed(() => this.autosave.state() === 'conflict');
  readonly full = computed(() => this.draft().items.length >= ITEMS_MAX);

  constructor(
    private readonly api: AgreementDraftApi,
    view: AgreementView,
    options: { delayMs?: number } = {},
  ) {
    this.viewSignal = signal(view);
    this.draftSignal = signal(draftOf(view));
    this.view = this.viewSignal.asReadonly();
    this.draft = this.draftSignal.asReadonly();
    this.autosave = new Autosave<AgreementDraft, AgreementSaved>({
      delayMs: options.delayMs,
      save: async (draft, version) => {
        const saved = await this.api.save(this.view().id, { ...requestOf(draft), version });
        return { version: saved.version, savedAt: saved.updatedAt, view: saved };
      },
      classify: (error) => {
        if (isJointWorkClosed(error)) {
          this.closed.set(
            (error as { error?: { message?: string } }).error?.message ?? 'Joint work is closed.',
          );
          return 'failed';
        }
        return classifySaveError(error);
      },
      // The items on screen stay as they are: the person may have typed on meanwhile.
      onSaved: (saved) => this.viewSignal.set(saved.view),
    });
    this.autosave.reset(view.version, view.updatedAt);
  }

  add(category: AgreementCategory): number | null {
    if (this.full()) return null;
    const key = nextKey++;
    // Not saved until it has words: an empty row is only on screen.
    this.draftSignal.update((d) => ({ ...d, items: [...d.items, { key, category, text: '' }] }));
    return key;
  }

  edit(key: number, text: string): void {
    this.change({
      ...this.draft(),
      items: this.draft().items.map((i) => (i.key === key ? { ...i, text } : i)),
    });
  }

  remove(key: number): void {
    this.change({ ...this.draft(), items: this.draft().items.filter((i) => i.key !== key) });
  }

  setReviewOn(date: string | null): void {
    this.change({ ...this.draft(), reviewOn: date || null });
  }

  /** After a conflict: keeps the items on screen and saves them over the newest version. */
  async keepMine(): Promise<AgreementView> {
    const latest = await this.api.get(this.view().id);
    this.viewSignal.set(latest);
    if (latest.status === 'draft' && latest.can.edit) {
      this.autosave.reset(latest.version, latest.updatedAt);
      this.autosave.change(this.draft());
    }
    return latest;
  }

  /**
   * Saves what is waiting and pauses saving before signing. Resolves false (and resumes) when
   * something could not be saved: nobody signs over text that is not on the server.
   */
  async prepareSign(): Promise<boolean> {
    await this.autosave.flush();
    if (this.autosave.unsaved()) return false;
    await this.autosave.hold();
    if (this.autosave.unsaved()) {
      this.autosave.release();
      return false;
    }
    return true;
  }

  /** Signs the version on the server (the one just saved); saving resumes if it is refused. */
  async sign(typedName: string): Promise<AgreementView> {
    try {
      const signed = await this.api.sign(this.view().id, {
        typedName,
        version: this.autosave.currentVersion,
      });
      this.viewSignal.set(signed);
      return signed;
    } finally {
      this.autosave.release();
    }
  }

  /** Leaving: saves what is waiting, then stops. */
  async destroy(): Promise<void> {
    try {
      await this.autosave.flush();
    } finally {
      this.autosave.destroy();
    }
  }

  private change(draft: AgreementDraft): void {
    this.draftSignal.set(draft);
    this.autosave.change(draft);
  }
}
