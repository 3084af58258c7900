import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  AuditEventContent,
  canonicalJson,
  ChainedAuditEvent,
  GENESIS_HASH,
  hashEvent,
  verifyChain,
} from './hash-chain';

/**
 * A reference implementation written differently: Object.keys with the default
 * sort (UTF-16 code units), and JSON.stringify for every leaf. Object.fromEntries
 * cannot serve here, as JS puts integer-like keys ("0", "1") first.
 */
function referenceJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${referenceJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Rebuilds every object with its keys in an order driven by `seed`. */
function permuteKeysDeep(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => permuteKeysDeep(item, seed + i));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    let state = seed >>> 0 || 1;
    for (let i = keys.length - 1; i > 0; i--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (i + 1);
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    // fromEntries defines own keys, so a key named __proto__ stays a key (assignment would set the prototype).
    return Object.fromEntries(
      keys.map((key) => [
        key,
        permuteKeysDeep((value as Record<string, unknown>)[key], seed * 31 + key.length),
      ]),
    );
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function buildChain(contents: AuditEventContent[]): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (const content of contents) {
    const hash = hashEvent(prevHash, content);
    events.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

function contentAt(index: number, overrides: Partial<AuditEventContent> = {}): AuditEventContent {
  return {
    seq: String(index + 1),
    at: new Date(Date.UTC(2026, 0, 5, 9, 0, index)).toISOString(),
    actorId: index % 3 === 0 ? null : `user:${index}`,
    entity: 'customer',
    entityId: `c-${index}`,
    action: index % 2 ? 'claimed' : 'released',
    data: { ownerId: `u-${index}`, 备注: '华东大区转交', n: index },
    ...overrides,
  };
}

const chainOf = (n: number) => buildChain(Array.from({ length: n }, (_, i) => contentAt(i)));

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts integer-like keys as strings, not in JS property order', () => {
    // JS enumerates {"9","10"} as 9, 10; jsonb and a string sort give "10" < "9".
    expect(canonicalJson({ b: 0, 9: 'x', 10: 'y' })).toBe('{"10":"y","9":"x","b":0}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([{ b: 1, a: 2 }, 'x'])).toBe('[{"a":2,"b":1},"x"]');
  });

  it('drops undefined members like JSON.stringify, but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null, c: { d: undefined } })).toBe('{"b":null,"c":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined inside arrays and at the top level as null, as JSON.stringify does', () => {
    expect(canonicalJson([undefined, 1])).toBe(JSON.stringify([undefined, 1]));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it.each([
    ['a plain string', '华东大区', '"华东大区"'],
    ['quotes and backslashes', 'say "报价" \\ ok', '"say \\"报价\\" \\\\ ok"'],
    ['control characters', 'line1\nline2\t', '"line1\\nline2\\t"'],
    ['an emoji (surrogate pair)', '👍好', '"👍好"'],
    ['a number', 12.5, '12.5'],
    ['a negative number', -3, '-3'],
    ['true', true, 'true'],
    ['null', null, 'null'],
  ])('writes %s as JSON', (_label, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('escapes keys, and sorts unicode keys by code unit', () => {
    expect(canonicalJson({ '客户"名"': 1, a: 2, A: 3 })).toBe('{"A":3,"a":2,"客户\\"名\\"":1}');
  });

  it('gives the same text for the same object whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(permuteKeysDeep(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('agrees with a reference implementation (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(referenceJson(value));
      }),
    );
  });

  it('is valid JSON that parses back to the same canonical form (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('distinguishes objects that differ in any value (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (a, b) => {
          fc.pre(referenceJson(a) !== referenceJson(b));
          expect(canonicalJson(a)).not.toBe(canonicalJson(b));
        },
      ),
    );
  });

  // node-postgres stores jsonb with JSON.stringify, which honours toJSON(); so must the hash.
  it('writes a Date the way JSON.stringify (and jsonb storage) does', () => {
    const at = new Date(Date.UTC(2026, 0, 5, 9, 30));
    expect(canonicalJson({ signedAt: at })).toBe(JSON.stringify({ signedAt: at }));
  });

  it('hashes an object with toJSON (e.g. a decimal.js amount) as its JSON form', () => {
    const amount = { d: [1234, 5000000], e: 3, s: 1, toJSON: () => '1234.50' };
    expect(canonicalJson({ amount })).toBe('{"amount":"1234.50"}');
  });
});

describe('hashEvent', () => {
  const content: AuditEventContent = {
    seq: '42',
    at: '2026-01-05T09:30:00.000Z',
    actorId: 'user:7d0c',
    entity: 'customer',
    entityId: 'c-001',
    action: 'transferred',
    data: { toUserId: 'u-2', fromUserId: 'u-1', 原因: '华东大区调整' },
  };

  it('is sha256 of prevHash followed by the key-sorted JSON of the content', () => {
    const expectedText =
      GENESIS_HASH +
      '{"action":"transferred","actorId":"user:7d0c","at":"2026-01-05T09:30:00.000Z",' +
      '"data":{"fromUserId":"u-1","toUserId":"u-2","原因":"华东大区调整"},' +
      '"entity":"customer","entityId":"c-001","seq":"42"}';
    expect(hashEvent(GENESIS_HASH, content)).toBe(sha256(expectedText));
    expect(hashEvent(GENESIS_HASH, content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores the stored hashes and any extra member of the event', () => {
    const withExtras = { ...content, prevHash: 'p', hash: 'h', extra: 1 } as AuditEventContent;
    expect(hashEvent(GENESIS_HASH, withExtras)).toBe(hashEvent(GENESIS_HASH, content));
  });

  it('depends on the prevHash', () => {
    expect(hashEvent('a'.repeat(64), content)).not.toBe(hashEvent(GENESIS_HASH, content));
  });

  it('keeps a null actor distinct from a missing one', () => {
    const system = { ...content, actorId: null };
    expect(hashEvent(GENESIS_HASH, system)).toBe(
      sha256(GENESIS_HASH + canonicalJson({ ...system })),
    );
    expect(hashEvent(GENESIS_HASH, system)).not.toBe(hashEvent(GENESIS_HASH, content));
  });

  it('does not depend on the key order of data', () => {
    const reordered = {
      ...content,
      data: { 原因: '华东大区调整', fromUserId: 'u-1', toUserId: 'u-2' },
    };
    expect(hashEvent(GENESIS_HASH, reordered)).toBe(hashEvent(GENESIS_HASH, content));
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('verifyChain', () => {
  it('passes an empty run', () => {
    expect(verifyChain([])).toEqual({ lastHash: GENESIS_HASH, checked: 0 });
  });

  it.each([1, 2, 7, 50])('passes an intact chain of %i events with checked = N', (n) => {
    const events = chainOf(n);
    expect(verifyChain(events)).toEqual({ lastHash: events[n - 1].hash, checked: n });
  });

  it('accepts any iterable, e.g. a generator', () => {
    const events = chainOf(4);
    function* stream() {
      yield* events;
    }
    expect(verifyChain(stream())).toEqual({ lastHash: events[3].hash, checked: 4 });
  });

  it('rejects a first event that does not link to the genesis hash', () => {
    const [first] = buildChain([contentAt(0)]);
    const forged = { ...first, prevHash: 'f'.repeat(64) };
    forged.hash = hashEvent(forged.prevHash, forged);
    expect(verifyChain([forged])).toEqual({ lastHash: GENESIS_HASH, checked: 0, firstBadSeq: '1' });
  });

  const FIELDS = ['seq', 'at', 'actorId', 'entity', 'entityId', 'action', 'data'] as const;
  type Field = (typeof FIELDS)[number];

  function altered(event: ChainedAuditEvent, field: Field): ChainedAuditEvent {
    switch (field) {
      case 'seq':
        return { ...event, seq: `${event.seq}0` };
      case 'at':
        return { ...event, at: '2030-01-01T00:00:00.000Z' };
      case 'actorId':
        return { ...event, actorId: event.actorId === null ? 'user:intruder' : null };
      case 'data':
        return { ...event, data: { ...(event.data as object), n: -1 } };
      default:
        return { ...event, [field]: `${event[field]}-篡改` };
    }
  }

  it.each(FIELDS)('detects an altered %s in the middle of the chain', (field) => {
    const events = chainOf(5);
    events[2] = altered(events[2], field);
    expect(verifyChain(events)).toEqual({
      lastHash: events[1].hash,
      checked: 2,
      firstBadSeq: events[2].seq,
    });
  });

  it('detects a changed nested data value, but not a mere key reorder of data', () => {
    const events = chainOf(3);
    const reordered = [...events];
    reordered[1] = { ...events[1], data: { n: 1, 备注: '华东大区转交', ownerId: 'u-1' } };
    expect(verifyChain(reordered)).toEqual({ lastHash: events[2].hash, checked: 3 });

    const tampered = [...events];
    tampered[1] = { ...events[1], data: { n: 1, 备注: '华南大区转交', ownerId: 'u-1' } };
    expect(verifyChain(tampered).firstBadSeq).toBe('2');
  });

  it('detects a recomputed hash whose successor still links to the old one', () => {
    const events = chainOf(4);
    const forged = { ...events[1], action: 'deleted' };
    forged.hash = hashEvent(forged.prevHash, forged);
    events[1] = forged;
    expect(verifyChain(events)).toMatchObject({ checked: 2, firstBadSeq: '3' });
  });

  it('detects an inserted event, even one correctly hashed onto its predecessor', () => {
    const events = chainOf(4);
    const insertedContent = contentAt(99, { seq: '2.5' });
    const inserted = {
      ...insertedContent,
      prevHash: events[1].hash,
      hash: hashEvent(events[1].hash, insertedContent),
    };
    const tampered = [...events.slice(0, 2), inserted, ...events.slice(2)];
    expect(verifyChain(tampered)).toEqual({
      lastHash: inserted.hash,
      checked: 3,
      firstBadSeq: '3',
    });
  });

  it('cannot see a deleted last event on its own: checked is N-1, which callers must compare', () => {
    const events = chainOf(5);
    expect(verifyChain(events.slice(0, 4))).toEqual({ lastHash: events[3].hash, checked: 4 });
  });

  type Tamper =
    | { kind: 'alter'; index: number; field: Field }
    | { kind: 'alterHash'; index: number }
    | { kind: 'alterPrevHash'; index: number }
    | { kind: 'swap'; index: number; other: number }
    | { kind: 'delete'; index: number };

  /** Applies a tamper and returns the tampered run plus the index of the first bad event. */
  function tamper(events: ChainedAuditEvent[], t: Tamper): [ChainedAuditEvent[], number] {
    const out = [...events];
    switch (t.kind) {
      case 'alter':
        out[t.index] = altered(out[t.index], t.field);
        return [out, t.index];
      case 'alterHash':
        out[t.index] = { ...out[t.index], hash: sha256(`forged-${t.index}`) };
        return [out, t.index];
      case 'alterPrevHash':
        out[t.index] = { ...out[t.index], prevHash: sha256(`forged-prev-${t.index}`) };
        return [out, t.index];
      case 'swap': {
        const [i, j] = [Math.min(t.index, t.other), Math.max(t.index, t.other)];
        [out[i], out[j]] = [out[j], out[i]];
        return [out, i];
      }
      case 'delete':
        out.splice(t.index, 1);
        return [out, t.index];
    }
  }

  const chainAndTamper = fc.integer({ min: 2, max: 25 }).chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.oneof(
        fc.record({
          kind: fc.constant('alter' as const),
          index: fc.nat({ max: n - 1 }),
          field: fc.constantFrom(...FIELDS),
        }),
        fc.record({ kind: fc.constant('alterHash' as const), index: fc.nat({ max: n - 1 }) }),
        fc.record({ kind: fc.constant('alterPrevHash' as const), index: fc.nat({ max: n - 1 }) }),
        fc
          .tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }))
          .filter(([a, b]) => a !== b)
          .map(([index, other]) => ({ kind: 'swap' as const, index, other })),
        // Deleting the last event leaves a valid shorter chain; that is covered above.
        fc.record({ kind: fc.constant('delete' as const), index: fc.nat({ max: n - 2 }) }),
      ),
    ),
  );

  it('reports the first tampered position for any chain and any tamper (property)', () => {
    fc.assert(
      fc.property(
        chainAndTamper,
        fc.array(fc.jsonValue(), { minLength: 25, maxLength: 25 }),
        ([n, t], payloads) => {
          const events = buildChain(
            Array.from({ length: n }, (_, i) =>
              contentAt(i, { data: { payload: payloads[i], i } }),
            ),
          );
          expect(verifyChain(events)).toEqual({ lastHash: events[n - 1].hash, checked: n });

          const [tampered, badIndex] = tamper(events, t);
          const result = verifyChain(tampered);
          expect(result.firstBadSeq).toBe(tampered[badIndex].seq);
          expect(result.checked).toBe(badIndex);
          expect(result.lastHash).toBe(badIndex === 0 ? GENESIS_HASH : events[badIndex - 1].hash);
        },
      ),
    );
  });

  describe('continuing across batches via start', () => {
    it('gives the same result as one pass, for every split point', () => {
      const events = chainOf(12);
      const whole = verifyChain(events);
      for (let split = 0; split <= events.length; split++) {
        const first = verifyChain(events.slice(0, split));
        expect(first.checked).toBe(split);
        expect(verifyChain(events.slice(split), first)).toEqual(whole);
      }
    });

    it('counts checked across batches up to a tamper in a later batch', () => {
      const events = chainOf(10);
      events[7] = altered(events[7], 'action');
      let state = verifyChain(events.slice(0, 4));
      state = verifyChain(events.slice(4, 8), state);
      expect(state).toEqual({ lastHash: events[6].hash, checked: 7, firstBadSeq: '8' });
    });

    it('detects a break at a batch boundary (the batch does not restart from genesis)', () => {
      const events = chainOf(6);
      const first = verifyChain(events.slice(0, 3));
      // Without the carried state, the 4th event looks like a broken first link.
      expect(verifyChain(events.slice(3)).firstBadSeq).toBe('4');
      // With it, a missing event at the boundary is still caught.
      expect(verifyChain(events.slice(4), first)).toMatchObject({ checked: 3, firstBadSeq: '5' });
      expect(verifyChain(events.slice(3), first)).toEqual({ lastHash: events[5].hash, checked: 6 });
    });

    it('does not mutate the start object', () => {
      const events = chainOf(3);
      const start = { lastHash: GENESIS_HASH, checked: 0 };
      verifyChain(events, start);
      expect(start).toEqual({ lastHash: GENESIS_HASH, checked: 0 });
    });
  });
});
