import { describe, expect, it } from 'vitest';
import { expandAbbreviations, isPlaceName } from '../../src/text/countries.js';

describe('expandAbbreviations', () => {
  it("spells the capitalised abbreviation US (and U.S., U.S.A.) as USA, in any language's sentence", () => {
    expect(
      ['what about the US?', 'US regulation of AI', 'the U.S. law', 'in the U.S.A.', 'а что в US?', 'US-та ше?'].map(expandAbbreviations),
    ).toEqual(['what about the USA?', 'USA regulation of AI', 'the USA law', 'in the USA', 'а что в USA?', 'USA-та ше?']);
  });

  it('leaves the pronoun "us", other capitalised words and words containing US unchanged', () => {
    expect(['tell us about it', 'Us too', 'USA', 'USSR', 'BUS'].map(expandAbbreviations)).toEqual([
      'tell us about it',
      'Us too',
      'USA',
      'USSR',
      'BUS',
    ]);
  });
});

describe('isPlaceName', () => {
  it('knows a country by its stem in each language', () => {
    expect([isPlaceName('china', 'en'), isPlaceName('usa', 'en')]).toEqual([true, false]);
  });
});
