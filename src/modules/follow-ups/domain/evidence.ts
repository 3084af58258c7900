import { FieldError } from '../../../core/errors/domain.exception';
import { followUpMessages } from '../follow-ups.exception';

export const CHANNELS = ['visit', 'call', 'meeting', 'wechat', 'email', 'store'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Touches where people talked: their minutes are the voice-to-text transcript. */
const SPOKEN_CHANNELS: readonly Channel[] = ['visit', 'call', 'meeting'];
/** A closed deal needs no next touch; every open one does. */
const CLOSING_STAGES: readonly string[] = ['won', 'lost'];
export const MIN_SUMMARY_LENGTH = 10;

export interface TranscriptSegmentInput {
  at?: string;
  speaker?: string;
  text?: string;
}

export interface EvidenceInput {
  channel: Channel;
  summary?: string;
  transcript?: readonly TranscriptSegmentInput[];
  nextTouchAt?: string;
  stage?: string;
}

/**
 * Every piece of mandatory evidence the follow-up lacks, all at once, so a
 * rep fixes the form in one go: minutes of at least 10 characters; for spoken
 * channels a transcript whose every segment has its time, speaker and text;
 * and a next touch unless the deal is closed.
 */
export function missingEvidence(input: EvidenceInput): FieldError[] {
  const missing: FieldError[] = [];
  if ((input.summary?.trim().length ?? 0) < MIN_SUMMARY_LENGTH) {
    missing.push({ field: 'summary', message: followUpMessages.shortSummary(MIN_SUMMARY_LENGTH) });
  }
  if (SPOKEN_CHANNELS.includes(input.channel)) missing.push(...transcriptGaps(input));
  if (!input.nextTouchAt && !CLOSING_STAGES.includes(input.stage ?? '')) {
    missing.push({ field: 'nextTouchAt', message: followUpMessages.nextTouchRequired });
  }
  return missing;
}

function transcriptGaps(input: EvidenceInput): FieldError[] {
  if (!input.transcript?.length) {
    return [{ field: 'transcript', message: followUpMessages.transcriptRequired(input.channel) }];
  }
  return input.transcript.flatMap((segment, index) =>
    (['at', 'speaker', 'text'] as const)
      .filter((part) => !segment[part]?.trim())
      .map((part) => ({
        field: `transcript[${index}].${part}`,
        message: followUpMessages.required,
      })),
  );
}
