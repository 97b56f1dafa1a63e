// Per-exercise drafts in localStorage. A draft remembers which submission was the latest one when it was
// written, so a draft edited after the last submission wins over that submission's code on reload.

export interface Draft {
  code: string;
  /** The id of the latest submission known when the draft was saved, or null if there was none. */
  basedOn: string | null;
}

const key = (exerciseId: string) => `tutor:draft:${exerciseId}`;

export function loadDraft(exerciseId: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key(exerciseId));
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as Draft).code === "string") {
      const basedOn = (parsed as Draft).basedOn;
      return { code: (parsed as Draft).code, basedOn: typeof basedOn === "string" ? basedOn : null };
    }
  } catch {
    // Storage unavailable or corrupt: behave as if there were no draft.
  }
  return null;
}

export function saveDraft(exerciseId: string, draft: Draft): void {
  try {
    window.localStorage.setItem(key(exerciseId), JSON.stringify(draft));
  } catch {
    // Quota exceeded or storage disabled: drafts are a convenience, not a guarantee.
  }
}

export function clearDraft(exerciseId: string): void {
  try {
    window.localStorage.removeItem(key(exerciseId));
  } catch {
    // ignore
  }
}

/**
 * What the editor should start with: the last submission's code, unless the learner kept editing after it
 * (a draft based on that very submission that differs from it); else a draft; else the starter.
 */
export function initialCode(exerciseId: string, starter: string, last: { id: string; code: string } | null): string {
  const draft = loadDraft(exerciseId);
  if (last) {
    if (draft && draft.basedOn === last.id && draft.code !== last.code) return draft.code;
    return last.code;
  }
  return draft ? draft.code : starter;
}
