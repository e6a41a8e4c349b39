import type { MeasureResult } from '@mend/shared/contracts';
import { encryptionContext, type FieldEncryptionService } from '@mend/shared/server';

/**
 * The numbers copied out of a submitted response (0–10 answers, a measure's score and band)
 * are as clinical as the response, so they are stored encrypted too, each bound to its row.
 * Progress charts, gap flags and the note's homework summary decrypt them in the application;
 * no query compares or aggregates them in SQL.
 */
export function sealScore(
  encryption: FieldEncryptionService,
  rowId: string,
  value: number,
): string {
  return encryption.encrypt(
    String(value),
    encryptionContext('homework_scores', 'value_enc', rowId),
  );
}

export function openScore(
  encryption: FieldEncryptionService,
  rowId: string,
  stored: string,
): number {
  return Number(
    encryption.decrypt(stored, encryptionContext('homework_scores', 'value_enc', rowId)),
  );
}

export function sealMeasureResult(
  encryption: FieldEncryptionService,
  rowId: string,
  result: MeasureResult,
): string {
  // Two decimals, as a mean score was always kept.
  const score = Math.round(result.score * 100) / 100;
  return encryption.encrypt(
    JSON.stringify({ score, band: result.band ?? null }),
    encryptionContext('measure_results', 'result_enc', rowId),
  );
}

export function openMeasureResult(
  encryption: FieldEncryptionService,
  rowId: string,
  stored: string,
): MeasureResult {
  const { score, band } = JSON.parse(
    encryption.decrypt(stored, encryptionContext('measure_results', 'result_enc', rowId)),
  ) as MeasureResult;
  return { score: Number(score), band: band ?? null };
}
