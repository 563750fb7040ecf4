import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../exchange/export/neutralise.js';
import { scrubContactDetails } from '../../../exchange/export/scrub.js';

describe('neutraliseCell', () => {
  it('prefixes a single quote to text a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil")']) expect(neutraliseCell(s)).toBe(`'${s}`);
  });
  it('leaves other text alone, including formula characters later in the text', () => {
    for (const s of ['plain', 'a=b', ' =1', "'quoted", 'عربي', '😀=1', '']) expect(neutraliseCell(s)).toBe(s);
  });
});

describe('scrubContactDetails', () => {
  it('replaces emails, URLs and phone numbers and counts them', () => {
    const r = scrubContactDetails('Write maria.lopez+hr@example.org or see https://x.example.com/a?b=1 and www.foo.org, call (555) 123-4567 or +44 20 7946 0958.');
    expect(r.text).toBe('Write [email] or see [url] and [url], call [phone] or [phone].');
    expect([r.emails, r.urls, r.phones]).toEqual([1, 2, 2]);
  });
  it('finds a bare domain and keeps short numbers (years, counts)', () => {
    const r = scrubContactDetails('Since 2019 we had 12 organizers; see ourgroup.org/jobs');
    expect(r.text).toBe('Since 2019 we had 12 organizers; see [url]');
    expect(r.phones).toBe(0);
  });
});
