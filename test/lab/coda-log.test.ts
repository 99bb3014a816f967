// LogMsg's Date: header once per day per file, without reading the whole log for every line (a busy simulated
// codasrv logs a line per Resolve), and still right when someone else writes or rotates the file.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateLine, logMsg, logPlain } from '../../src/lab/core/coda-log.js';

describe('lab: Coda log lines', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'codalog-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const headers = (f: string): number => readFileSync(f, 'utf8').split(dateLine()).length - 1;

  it('writes the Date: header once, across many lines, plain lines and another writer', () => {
    const f = join(dir, 'SrvLog');
    for (let i = 0; i < 50; i++) logMsg(f, `line ${i}`);
    logPlain(f, 'Partition /vicepa: inodes in use: 0');
    appendFileSync(f, '12:00:00 from another process\n');
    logMsg(f, 'after');
    assert.equal(headers(f), 1);
    assert.match(readFileSync(f, 'utf8'), /\d\d:\d\d:\d\d after\n$/);
  });

  it('a rotated log (a new file) gets its own header', () => {
    const f = join(dir, 'SrvLog');
    logMsg(f, 'before rotation');
    renameSync(f, `${f}-0`);
    logMsg(f, 'after rotation');
    assert.equal(headers(f), 1);
    assert.equal(headers(`${f}-0`), 1);
  });
});
