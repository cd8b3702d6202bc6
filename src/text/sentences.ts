/**
 * Splits a paragraph into sentences without losing a character (`join('')` gives the text back).
 * A sentence ends at `.`, `!`, `?` or `…` followed by white space and a capital, quote or bracket;
 * initials such as "Ж.С. Бердиярова" and decimals such as "3.5" do not end one.
 * Shared by chunking (long paragraphs), retrieval (sentence coverage) and answers (highlighting).
 */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?…]\s+)(?<![\s.(]\p{L}\.\s+)(?=[\p{Lu}«"“‘'([])/u).filter((s) => s.length > 0);
}
