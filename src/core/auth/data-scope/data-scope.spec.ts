import fc from 'fast-check';
import { SqlParams } from '../../database/sql-params';
import { Role, ROLES } from '../roles';
import { DataScope, scopeFor, scopePredicate, ScopeGrant, ScopeSubject } from './data-scope';

const USER_ID = '6f1c2a9e-0b7d-4d51-9a3e-2f6c1d8b7a10';
const ORG_UNIT_ID = '0e5b8f3c-7a21-4c9d-b6e4-91d2a3f4c5b6'; // 华东大区

function subject(roles: Role[], overrides: Partial<ScopeSubject> = {}): ScopeSubject {
  return { userId: USER_ID, orgUnitId: ORG_UNIT_ID, roles, ...overrides };
}

/** Collapses whitespace so assertions on multi-line SQL stay readable. */
function squash(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

describe('scopeFor', () => {
  // API.md section 2, one row per role.
  const expectedByRole: Record<Role, DataScope> = {
    rep: { all: false, grants: [{ kind: 'own', userId: USER_ID }] },
    supervisor: { all: false, grants: [{ kind: 'supervisor_chain', userId: USER_ID }] },
    store_manager: { all: false, grants: [{ kind: 'supervisor_chain', userId: USER_ID }] },
    regional_director: {
      all: false,
      grants: [
        { kind: 'org_subtree', orgUnitId: ORG_UNIT_ID },
        { kind: 'own', userId: USER_ID },
      ],
    },
    ops_director: {
      all: false,
      grants: [
        { kind: 'org_subtree', orgUnitId: ORG_UNIT_ID },
        { kind: 'own', userId: USER_ID },
      ],
    },
    sales_director: { all: true },
    finance_bp: { all: true },
    admin: { all: true },
    integrator: { all: true },
  };

  it('has an expectation for every role in ROLES', () => {
    expect(Object.keys(expectedByRole).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES.map((role) => [role, expectedByRole[role]] as const))(
    'gives %s the scope of API.md section 2',
    (role, expected) => {
      expect(scopeFor(subject([role]))).toEqual(expected);
    },
  );

  it.each(['regional_director', 'ops_director'] as const)(
    'gives a %s without an org unit only its own customers, never everything',
    (role) => {
      expect(scopeFor(subject([role], { orgUnitId: null }))).toEqual({
        all: false,
        grants: [{ kind: 'own', userId: USER_ID }],
      });
    },
  );

  it.each(['rep', 'supervisor', 'store_manager'] as const)(
    'ignores the org unit of a %s (only directors see a subtree)',
    (role) => {
      const scope = scopeFor(subject([role]));
      expect(scope.all).toBe(false);
      if (scope.all) return;
      expect(scope.grants.some((grant) => grant.kind === 'org_subtree')).toBe(false);
    },
  );

  describe('several roles combine', () => {
    it('a regional director who is also a supervisor sees the subtree and the chain', () => {
      expect(scopeFor(subject(['regional_director', 'supervisor']))).toEqual({
        all: false,
        grants: [
          { kind: 'org_subtree', orgUnitId: ORG_UNIT_ID },
          { kind: 'supervisor_chain', userId: USER_ID },
        ],
      });
    });

    it('a rep who is also a store manager gets the chain (which contains its own)', () => {
      expect(scopeFor(subject(['rep', 'store_manager']))).toEqual({
        all: false,
        grants: [{ kind: 'supervisor_chain', userId: USER_ID }],
      });
    });

    it.each(['sales_director', 'finance_bp', 'admin', 'integrator'] as const)(
      'any role that sees all (%s) wins over narrower roles',
      (wide) => {
        expect(scopeFor(subject(['rep', 'supervisor', 'regional_director', wide]))).toEqual({
          all: true,
        });
        expect(scopeFor(subject([wide, 'rep']))).toEqual({ all: true });
      },
    );

    it('is independent of the order of the roles', () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray([...ROLES], { minLength: 1 }),
          fc.boolean(),
          (roles, hasOrgUnit) => {
            const base = { orgUnitId: hasOrgUnit ? ORG_UNIT_ID : null };
            const forward = scopeFor(subject(roles, base));
            const backward = scopeFor(subject([...roles].reverse(), base));
            expect(backward).toEqual(forward);
          },
        ),
      );
    });

    it('never grants more than "all" and never grants nothing to a user with a role', () => {
      fc.assert(
        fc.property(fc.subarray([...ROLES], { minLength: 1 }), fc.boolean(), (roles, hasOrg) => {
          const scope = scopeFor(subject(roles, { orgUnitId: hasOrg ? ORG_UNIT_ID : null }));
          if (scope.all) return;
          expect(scope.grants.length).toBeGreaterThan(0);
          // A user always sees at least its own book, by an own or chain grant on itself.
          expect(scope.grants).toContainEqual(
            expect.objectContaining({ userId: USER_ID }) as ScopeGrant,
          );
        }),
      );
    });
  });

  describe('an API key principal (userId null)', () => {
    it('with the integrator role sees all', () => {
      expect(scopeFor({ userId: null, orgUnitId: null, roles: ['integrator'] })).toEqual({
        all: true,
      });
    });

    it.each(['rep', 'supervisor', 'store_manager'] as const)(
      'with only the %s role gets no grants (sees no owned customer)',
      (role) => {
        expect(scopeFor({ userId: null, orgUnitId: null, roles: [role] })).toEqual({
          all: false,
          grants: [],
        });
      },
    );

    it('with a director role and an org unit sees that subtree only', () => {
      expect(
        scopeFor({ userId: null, orgUnitId: ORG_UNIT_ID, roles: ['regional_director'] }),
      ).toEqual({ all: false, grants: [{ kind: 'org_subtree', orgUnitId: ORG_UNIT_ID }] });
    });

    it('with no roles at all sees nothing', () => {
      expect(scopeFor({ userId: null, orgUnitId: null, roles: [] })).toEqual({
        all: false,
        grants: [],
      });
    });
  });
});

describe('scopePredicate', () => {
  it('is TRUE for "all" and adds no parameter, even with includePool', () => {
    const params = new SqlParams();
    expect(scopePredicate({ all: true }, 'c.owner_id', params)).toBe('TRUE');
    expect(scopePredicate({ all: true }, 'c.owner_id', params, { includePool: true })).toBe('TRUE');
    expect(params.values).toEqual([]);
  });

  it('is FALSE for no grants, so an unscoped caller matches no row', () => {
    const params = new SqlParams();
    expect(scopePredicate({ all: false, grants: [] }, 'c.owner_id', params)).toBe('FALSE');
    expect(params.values).toEqual([]);
  });

  it('with no grants but includePool matches only the public pool', () => {
    const params = new SqlParams();
    expect(
      scopePredicate({ all: false, grants: [] }, 'c.owner_id', params, { includePool: true }),
    ).toBe('(c.owner_id IS NULL)');
    expect(params.values).toEqual([]);
  });

  it('compares the owner column to a parameter for an own grant', () => {
    const params = new SqlParams();
    const sql = scopePredicate(
      { all: false, grants: [{ kind: 'own', userId: USER_ID }] },
      'c.owner_id',
      params,
    );
    expect(sql).toBe('(c.owner_id = $1)');
    expect(params.values).toEqual([USER_ID]);
  });

  it('walks the supervisor chain with a recursive CTE seeded by the parameter', () => {
    const params = new SqlParams();
    const sql = squash(
      scopePredicate(
        { all: false, grants: [{ kind: 'supervisor_chain', userId: USER_ID }] },
        'c.owner_id',
        params,
      ),
    );
    expect(sql).toBe(
      '(c.owner_id = ANY (ARRAY( WITH RECURSIVE chain(id) AS ( SELECT $1::uuid ' +
        'UNION SELECT u.id FROM users u JOIN chain ON u.supervisor_id = chain.id ) ' +
        'SELECT id FROM chain)))',
    );
    expect(params.values).toEqual([USER_ID]);
    // UNION, not UNION ALL: terminates even if the supervisor data holds a cycle.
    expect(sql).not.toMatch(/UNION ALL/i);
  });

  it('walks the org subtree with a recursive CTE over org_units and maps it to users', () => {
    const params = new SqlParams();
    const sql = squash(
      scopePredicate(
        { all: false, grants: [{ kind: 'org_subtree', orgUnitId: ORG_UNIT_ID }] },
        'c.owner_id',
        params,
      ),
    );
    expect(sql).toBe(
      '(c.owner_id = ANY (ARRAY( SELECT u.id FROM users u WHERE u.org_unit_id IN ( ' +
        'WITH RECURSIVE subtree(id) AS ( SELECT $1::uuid ' +
        'UNION SELECT o.id FROM org_units o JOIN subtree ON o.parent_id = subtree.id ) ' +
        'SELECT id FROM subtree))))',
    );
    expect(params.values).toEqual([ORG_UNIT_ID]);
    expect(sql).not.toMatch(/UNION ALL/i);
  });

  it('ORs several grants and the pool, numbering the parameters in order', () => {
    const params = new SqlParams();
    const sql = squash(
      scopePredicate(
        {
          all: false,
          grants: [
            { kind: 'org_subtree', orgUnitId: ORG_UNIT_ID },
            { kind: 'supervisor_chain', userId: USER_ID },
          ],
        },
        'owner_id',
        params,
        { includePool: true },
      ),
    );
    expect(params.values).toEqual([ORG_UNIT_ID, USER_ID]);
    expect(sql.startsWith('(owner_id = ANY (ARRAY( SELECT u.id FROM users u')).toBe(true);
    expect(sql).toContain('SELECT $1::uuid UNION SELECT o.id FROM org_units');
    expect(sql).toContain(
      ' OR owner_id = ANY (ARRAY( WITH RECURSIVE chain(id) AS ( SELECT $2::uuid',
    );
    expect(sql.endsWith(' OR owner_id IS NULL)')).toBe(true);
    expect(sql.split(' OR ')).toHaveLength(3);
  });

  it('continues the numbering after parameters the caller already added', () => {
    const params = new SqlParams();
    const first = params.add('华东大区');
    const second = params.add(50);
    expect([first, second]).toEqual(['$1', '$2']);

    const sql = scopePredicate(
      { all: false, grants: [{ kind: 'own', userId: USER_ID }] },
      'c.owner_id',
      params,
      { includePool: true },
    );
    expect(sql).toBe('(c.owner_id = $3 OR c.owner_id IS NULL)');
    expect(params.values).toEqual(['华东大区', 50, USER_ID]);
    expect(params.add('after')).toBe('$4');
  });

  it('omits the pool unless asked', () => {
    const scope: DataScope = { all: false, grants: [{ kind: 'own', userId: USER_ID }] };
    expect(scopePredicate(scope, 'x', new SqlParams())).not.toContain('IS NULL');
    expect(scopePredicate(scope, 'x', new SqlParams(), { includePool: false })).not.toContain(
      'IS NULL',
    );
    expect(scopePredicate(scope, 'x', new SqlParams(), { includePool: true })).toContain(
      'x IS NULL',
    );
  });

  it('matches scopeFor end to end for a rep: own customers plus the pool', () => {
    const params = new SqlParams();
    const sql = scopePredicate(scopeFor(subject(['rep'])), 'c.owner_id', params, {
      includePool: true,
    });
    expect(sql).toBe('(c.owner_id = $1 OR c.owner_id IS NULL)');
    expect(params.values).toEqual([USER_ID]);
  });

  describe('user input only ever travels as a parameter', () => {
    const hostile = [
      "'; DROP TABLE customers; --",
      "x' OR '1'='1",
      '$1',
      "华东大区'); DELETE FROM users; --",
      'NULL) OR TRUE OR (1=1',
    ];

    it.each(hostile)('keeps %j out of the SQL text for every kind of grant', (input) => {
      const params = new SqlParams();
      const sql = scopePredicate(
        {
          all: false,
          grants: [
            { kind: 'own', userId: input },
            { kind: 'supervisor_chain', userId: input },
            { kind: 'org_subtree', orgUnitId: input },
          ],
        },
        'c.owner_id',
        params,
        { includePool: true },
      );
      expect(params.values).toEqual([input, input, input]);
      if (input !== '$1') expect(sql).not.toContain(input);
      expect(sql).not.toMatch(/'/);
      expect(sql).not.toMatch(/;|--/);
    });

    it('holds for arbitrary ids (property)', () => {
      const grantArb: fc.Arbitrary<ScopeGrant> = fc.oneof(
        fc.record({ kind: fc.constant('own' as const), userId: fc.string({ minLength: 1 }) }),
        fc.record({
          kind: fc.constant('supervisor_chain' as const),
          userId: fc.string({ minLength: 1 }),
        }),
        fc.record({
          kind: fc.constant('org_subtree' as const),
          orgUnitId: fc.string({ minLength: 1 }),
        }),
      );
      fc.assert(
        fc.property(
          fc.array(grantArb, { maxLength: 6 }),
          fc.nat({ max: 5 }),
          fc.boolean(),
          (grants, preAdded, includePool) => {
            const params = new SqlParams();
            for (let i = 0; i < preAdded; i++) params.add(`pre${i}`);
            const sql = scopePredicate({ all: false, grants }, 'c.owner_id', params, {
              includePool,
            });
            const ids = grants.map((g) => (g.kind === 'org_subtree' ? g.orgUnitId : g.userId));
            // Every id is a parameter, in grant order, after the ones added before.
            expect(params.values.slice(preAdded)).toEqual(ids);
            // The SQL references exactly the new placeholders, each once, in order.
            const placeholders = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
            expect(placeholders).toEqual(ids.map((_, i) => preAdded + i + 1));
            // Stripped of its placeholders, the SQL is the same whatever the ids are.
            const neutral = scopePredicate(
              {
                all: false,
                grants: grants.map((g) =>
                  g.kind === 'org_subtree' ? { ...g, orgUnitId: 'id' } : { ...g, userId: 'id' },
                ),
              },
              'c.owner_id',
              (() => {
                const p = new SqlParams();
                for (let i = 0; i < preAdded; i++) p.add(`pre${i}`);
                return p;
              })(),
              { includePool },
            );
            expect(sql).toBe(neutral);
          },
        ),
      );
    });
  });
});
