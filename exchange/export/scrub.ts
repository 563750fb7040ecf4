// Scrubs contact details from free text released with --include-comments: email
// addresses, URLs and phone numbers become [email], [url] and [phone]. Deliberately
// greedy: a false positive costs a few characters, a miss can identify someone.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// A URL's trailing punctuation belongs to the sentence, not the address.
const URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"']*[^\s<>"'.,;:!?)]|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|io|co|us|info|biz|me|ly)\b(?:\/[^\s<>"']*[^\s<>"'.,;:!?)])?/giu;
// Seven or more digits, allowing the usual separators and a leading +.
const PHONE = /\+?\(?\d(?:[\s().-]*\d){6,}/g;

export interface ScrubResult {
  text: string;
  emails: number;
  urls: number;
  phones: number;
}

export function scrubContactDetails(text: string): ScrubResult {
  let emails = 0;
  let urls = 0;
  let phones = 0;
  const out = text
    .replace(EMAIL, () => (emails++, '[email]'))
    .replace(URL, () => (urls++, '[url]'))
    .replace(PHONE, () => (phones++, '[phone]'));
  return { text: out, emails, urls, phones };
}
