/**
 * What an auto_faq push run asks for: draft the FAQ articles of the recent
 * ticket questions (re-drafting nothing already drafted) and return the ids
 * of the drafts the run should send. An abstract class so that it is its own
 * injection token; AutoFaqService implements it.
 */
export abstract class FaqDrafter {
  abstract draftRecentQuestions(): Promise<string[]>;
}
