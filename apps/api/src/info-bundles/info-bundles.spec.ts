import { jointEarliestEnd } from '../joint-hearings/joint-hearings.service';
import { permitAnswerText, permitQuestionText, questionKey } from './info-bundles.service';

describe('issue 17: bundled questions', () => {
  it('merges the same question however it is spaced, cased or ended, and keeps different questions apart', () => {
    expect(questionKey('Send the updated site plan.')).toBe(questionKey('  send the updated   SITE plan '));
    expect(questionKey('Send the updated site plan?')).toBe(questionKey('send the updated site plan'));
    expect(questionKey('Send the updated site plan.')).not.toBe(questionKey('Send the updated noise report.'));
    expect(questionKey('Hvad er årsproduktionen?')).toBe(questionKey('HVAD ER ÅRSPRODUKTIONEN'));
  });

  it("gives each permit its own questions as one request text and its own answers back", () => {
    expect(permitQuestionText(['A?'])).toBe('A?');
    expect(permitQuestionText(['A?', 'B?'])).toBe('1. A?\n2. B?');
    expect(permitAnswerText([{ question: 'A?', answer: 'a' }])).toBe('a');
    expect(permitAnswerText([{ question: 'A?', answer: 'a' }, { question: 'B?', answer: 'b' }])).toBe('1. A?\na\n\n2. B?\nb');
  });
});

describe('issue 17: a joint hearing ends at the longest minimum', () => {
  it('is the latest of the permits own earliest ends', () => {
    expect(jointEarliestEnd(['2027-02-08T23:00:00.000Z', '2027-03-08T23:00:00.000Z', '2027-01-25T23:00:00.000Z'])).toBe('2027-03-08T23:00:00.000Z');
    expect(() => jointEarliestEnd([])).toThrow();
  });
});
