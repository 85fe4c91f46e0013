/** Errors a caller may want to tell apart and explain to the researcher. */

/** The browser refused a write because the disk quota is used up; nothing of that write was stored. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('The browser has no more room for Intervju data. Nothing of the last change was saved; free space or export and delete finished sessions.', options);
  }
}

/** The passphrase does not open the vault. */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('Wrong passphrase.');
  }
}

/** A new passphrase is too short to resist guessing. */
export class PassphraseTooShortError extends Error {
  override readonly name = 'PassphraseTooShortError';
  constructor(readonly minimumLength: number) {
    super(`The passphrase must be at least ${minimumLength} characters long.`);
  }
}

/** The vault is set up already, or not yet, contrary to what the call expects. */
export class VaultStateError extends Error {
  override readonly name = 'VaultStateError';
}

/** A stored encrypted record did not decrypt: the key is not this database's, or the record was altered. */
export class RecordDecryptionError extends Error {
  override readonly name = 'RecordDecryptionError';
  constructor(readonly storeName: string, readonly recordId: string) {
    super(`Record ${recordId} in ${storeName} could not be decrypted with this key.`);
  }
}

/** A record that must exist does not, or one that must be new exists already. */
export class RecordStateError extends Error {
  override readonly name = 'RecordStateError';
}

/**
 * A transcription tried to replace a segment the researcher edited or checked.
 * Their work is kept; the machine's text for it is dropped.
 */
export class ReviewedSegmentError extends Error {
  override readonly name = 'ReviewedSegmentError';
  constructor(readonly segmentId: string) {
    super(`Segment ${segmentId} was edited or checked by the researcher; a transcription does not replace it.`);
  }
}

export type BackupRejectionReason = 'not-a-backup' | 'truncated' | 'tampered-or-wrong-passphrase' | 'unsupported-version';

const BACKUP_MESSAGES: Record<BackupRejectionReason, string> = {
  'not-a-backup': 'This file is not an Intervju backup.',
  truncated: 'This backup file is incomplete (cut off); nothing was restored.',
  'tampered-or-wrong-passphrase': 'The passphrase is wrong, or the backup file has been altered or damaged; nothing was restored.',
  'unsupported-version': 'This backup was written by a newer version of Intervju; update Intervju to restore it.',
};

/** A backup file was refused; the stored data is unchanged. */
export class BackupRejectedError extends Error {
  override readonly name = 'BackupRejectedError';
  constructor(readonly reason: BackupRejectionReason, options?: { cause?: unknown }) {
    super(BACKUP_MESSAGES[reason], options);
  }
}
