import assert from 'node:assert/strict';
import { parseConf, parseRealms, parseServers, parseUpdateFiles, parseVicetab, parseVRList, serializeConf, serializeRealms, serializeServers, serializeUpdateFiles, serializeVicetab, serializeVRList } from '../../../src/coda/parsers/index.js';
import { fixture, fixtureNames } from './fixture.js';

// serialize(parse(text)) === text for every document fixture (DESIGN rule 5), and every prefix has fixtures.
const FORMATS: [string, (text: string) => string][] = [
  ['servers-', (t) => serializeServers(parseServers(t))],
  ['vrlist-', (t) => serializeVRList(parseVRList(t))],
  ['vicetab-', (t) => serializeVicetab(parseVicetab(t))],
  ['conf-', (t) => serializeConf(parseConf(t))],
  ['realms-', (t) => serializeRealms(parseRealms(t))],
  ['files-', (t) => serializeUpdateFiles(parseUpdateFiles(t))],
];

describe('coda parsers: lossless round trip', () => {
  for (const [prefix, roundTrip] of FORMATS) {
    const names = fixtureNames(prefix);
    it(`${prefix}* has fixtures`, () => assert.ok(names.length > 0));
    for (const name of names) it(name, () => assert.equal(roundTrip(fixture(name)), fixture(name)));
  }
  it('random texts from a hostile alphabet round-trip in every format', () => {
    let seed = 42;
    const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed; };
    const alphabet = [' ', '\t', '\r', '\n', '\r\n', 'a', '#', '0', '7f000001', '=', '"', ',', '-', ':2432'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      for (const [prefix, roundTrip] of FORMATS) assert.equal(roundTrip(text), text, `${prefix} ${JSON.stringify(text)}`);
    }
  });
  const edge = ['', '\n', '\n\n', 'x', 'x\r\n', 'a\r\nb\nc', '\t \n'];
  for (const text of edge) {
    it(`edge ${JSON.stringify(text)}`, () => {
      for (const [, roundTrip] of FORMATS) assert.equal(roundTrip(text), text);
    });
  }
});
